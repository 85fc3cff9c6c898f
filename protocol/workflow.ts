// REST shapes of the inbox workflow: labels on conversations, priority, canned responses, and notifications
// (a consultant mentioned in a private note).
import { z } from 'zod'

const Id = z.uuid()
const name = z.string().trim().min(1).max(60)

export const LabelRef = z.object({ id: Id, name: z.string(), color: z.string() })
export type LabelRef = z.infer<typeof LabelRef>

export const Label = LabelRef.extend({ description: z.string().nullable() })
export type Label = z.infer<typeof Label>
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb')
export const LabelCreate = z.object({ name, color: color.default('#5b6b7f'), description: z.string().trim().max(300).nullable().default(null) })
export const LabelPatch = z.object({ name, color, description: z.string().trim().max(300).nullable() }).partial()

/** The labels a conversation has from now on (the whole set; at most 20). */
export const SetLabelsBody = z.object({ labelIds: z.array(Id).max(20) })
export type SetLabelsBody = z.infer<typeof SetLabelsBody>

/** Higher is served first in its queue. */
export const PriorityBody = z.object({ priority: z.int().min(0).max(100) })
export type PriorityBody = z.infer<typeof PriorityBody>

/**
 * A ready answer: typed as `/shortcut` in the composer. Its body may hold variables filled in by the console:
 * `{{contact.name}}`, `{{consultant.name}}`, `{{conversation.id}}`.
 */
export const CannedResponse = z.object({
  id: Id,
  shortcut: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'lower-case letters, digits, _ and - (1–40)'),
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().min(1).max(4000),
  updatedAt: z.iso.datetime({ offset: true }),
})
export type CannedResponse = z.infer<typeof CannedResponse>
export const CannedResponseCreate = CannedResponse.omit({ id: true, updatedAt: true })
export const CannedResponsePatch = CannedResponseCreate.partial()
export const CannedResponseQuery = z.object({ q: z.string().trim().max(60).optional() })

export const Notification = z.object({
  id: Id,
  kind: z.enum(['mention']),
  conversationId: Id,
  eventId: Id.nullable(),
  actorName: z.string().nullable(),
  /** The start of the note, plain text. */
  excerpt: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  readAt: z.iso.datetime({ offset: true }).nullable(),
})
export type Notification = z.infer<typeof Notification>
export const NotificationList = z.object({ items: z.array(Notification), unread: z.int().nonnegative() })
export const MarkReadBody = z.union([z.object({ ids: z.array(Id).min(1).max(100) }), z.object({ all: z.literal(true) })])
export type MarkReadBody = z.infer<typeof MarkReadBody>
