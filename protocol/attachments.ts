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

/** Files staff may send with a reply: documents and images citizens can open anywhere (no executables, no HTML). */
export const STAFF_UPLOAD_TYPES: Readonly<Record<string, AttachmentKind>> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/gif': 'image',
  'image/webp': 'image',
  'application/pdf': 'file',
  'text/plain': 'file',
  'text/csv': 'file',
  'application/rtf': 'file',
  'application/msword': 'file',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'file',
  'application/vnd.ms-excel': 'file',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'file',
  'application/vnd.oasis.opendocument.text': 'file',
  'application/vnd.oasis.opendocument.spreadsheet': 'file',
}
/** At most this many files go with one reply. */
export const MAX_FILES_PER_MESSAGE = 5

/** A file uploaded for the next reply (`POST /api/uploads`); its id goes in the message's `attachmentIds`. */
export const Upload = z.object({ id: z.string(), name: z.string(), contentType: z.string(), size: z.int().nonnegative() })
export type Upload = z.infer<typeof Upload>
export const UploadId = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'an upload id')
