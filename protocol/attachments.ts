// Files and places citizens send through a channel: what the timeline says about each one, and the size limit.
import { z } from 'zod'

export const ATTACHMENT_KINDS = ['image', 'file', 'audio', 'video', 'location', 'sticker', 'other'] as const
export const AttachmentKind = z.enum(ATTACHMENT_KINDS)
export type AttachmentKind = z.infer<typeof AttachmentKind>

/** `pending`: announced by the provider, being fetched; `stored`: downloadable at /api/attachments/<id>; `failed`. */
export const AttachmentState = z.enum(['pending', 'stored', 'failed'])
export type AttachmentState = z.infer<typeof AttachmentState>

/** One attachment of a message event (`data.attachments[]`); its later state comes as an `attachment` event. */
export const AttachmentInfo = z.object({
  /** 128 random bits, base64url: the download path, unguessable. */
  id: z.string(),
  kind: AttachmentKind,
  name: z.string().nullable(),
  contentType: z.string().nullable(),
  size: z.int().nonnegative().nullable(),
  state: AttachmentState,
  location: z.object({ lat: z.number(), long: z.number() }).optional(),
})
export type AttachmentInfo = z.infer<typeof AttachmentInfo>

/** The largest attachment the hub stores (Messenger's own limit is 25 MB); larger ones fail with a reason. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
