// REST v1 bodies: conversations, timeline events, auth. Integrators read the same shapes at /api/openapi.json.
import { z } from 'zod'
import { ChannelKind, ConversationStatus, Role } from './channel.ts'
import { MAX_MESSAGE_CHARS } from './limits.ts'
import { LabelRef } from './workflow.ts'
import { MAX_FILES_PER_MESSAGE, UploadId } from './attachments.ts'

export const Id = z.uuid()

/**
 * `routing`: offered, accepted, declined, timed out (data.step), with the consultant in data. `edit`: the citizen
 * changed an earlier message (data.eventId, data.text; the message event itself is updated too). `attachment`: an
 * attachment of an earlier message was fetched or failed (data.eventId, data.attachment). `delivery`: the state of
 * staff messages (data.state sent | failed with data.messageId, or delivered | read with data.messageIds and data.watermark).
 * `survey`: the citizen's satisfaction answer (data.score 1–5, data.comment), or the question (data.asked).
 * `call`: a leg of a phone call (data.callSid, data.state, data.sequence, durations), or a voicemail (data.kind 'voicemail').
 * `update`: staff changed the conversation's labels (data.added, data.removed) or priority (data.priority, data.from).
 */
export const EventType = z.enum(['message', 'note', 'status', 'assignment', 'routing', 'sla', 'delivery', 'edit', 'attachment', 'call', 'survey', 'update'])
export type EventType = z.infer<typeof EventType>

export const Author = z.object({
  kind: z.enum(['contact', 'consultant', 'system']),
  id: z.string().nullable(),
  name: z.string().nullable(),
})
export type Author = z.infer<typeof Author>

export const TimelineEvent = z.object({
  id: Id,
  conversationId: Id,
  seq: z.int().positive(),
  type: EventType,
  /** `in` = from the citizen, `out` = from staff; null for notes and system events. */
  direction: z.enum(['in', 'out']).nullable(),
  text: z.string().nullable(),
  author: Author,
  clientId: z.string().nullable(),
  /** Extra data by type, e.g. `{status}` for a status change, `{assigneeId}` for an assignment. */
  data: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  /**
   * When it happened: the provider's send time for a citizen's message on a provider channel, else `createdAt`.
   * The timeline is shown in (occurredAt, seq) order, so a delivery that arrives late still takes its place;
   * `seq` stays the cursor for catching up.
   */
  occurredAt: z.iso.datetime({ offset: true }),
})
export type TimelineEvent = z.infer<typeof TimelineEvent>

export const ContactSummary = z.object({
  id: Id,
  name: z.string().nullable(),
  /** What names a contact without a name: their phone (E.164) or e-mail address, where the hub knows one. */
  phone: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
})
export type ContactSummary = z.infer<typeof ContactSummary>

/** The SLA clock that falls due first: business time left as of `at` (negative: overdue), paused or running. */
export const SlaBadge = z.object({
  clock: z.enum(['first_response', 'next_response', 'resolution']),
  dueAt: z.iso.datetime({ offset: true }).nullable(),
  leftMs: z.int(),
  /** The clock's target, for "most of it used". */
  targetMs: z.int(),
  paused: z.boolean(),
  /** The warning was given (most of the target used). */
  warned: z.boolean(),
  breached: z.boolean(),
  /** When `leftMs` was computed; it shrinks only while the calendar is open (`openNow`). */
  at: z.iso.datetime({ offset: true }),
  openNow: z.boolean(),
})
export type SlaBadge = z.infer<typeof SlaBadge>

export const Conversation = z.object({
  id: Id,
  channel: ChannelKind,
  status: ConversationStatus,
  contact: ContactSummary,
  queueId: Id.nullable(),
  officeId: Id.nullable(),
  assigneeId: Id.nullable(),
  priority: z.int(),
  lastSeq: z.int().nonnegative(),
  lastMessage: z.object({ text: z.string().nullable(), direction: z.enum(['in', 'out']).nullable() }).nullable(),
  lastActivityAt: z.iso.datetime({ offset: true }),
  /** When the citizen last wrote (provider time): the reply window of channels that have one (reply-window.ts). */
  lastInboundAt: z.iso.datetime({ offset: true }).nullable(),
  /** SMS: when the citizen's number opted out (STOP); nothing is sent to it until they send START. */
  optedOutAt: z.iso.datetime({ offset: true }).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  /** Null when no SLA clock runs or is paused. */
  sla: SlaBadge.nullable(),
  labels: z.array(LabelRef),
  /** While snoozed: when it wakes. */
  snoozedUntil: z.iso.datetime({ offset: true }).nullable(),
})
export type Conversation = z.infer<typeof Conversation>

export const ConversationList = z.object({
  items: z.array(Conversation),
  /** Opaque cursor for the next page, null on the last page. */
  next: z.string().nullable(),
})
export type ConversationList = z.infer<typeof ConversationList>

/**
 * The console's lists: `mine` (assigned to me, not resolved), `queue` (waiting in my queues; every queue for
 * supervisors), `unassigned` (nobody's, not resolved), `escalated` (with a local office; second-line staff see
 * only their own), `all`.
 */
export const LIST_VIEWS = ['mine', 'queue', 'unassigned', 'escalated', 'all'] as const
export const ListView = z.enum(LIST_VIEWS)
export type ListView = z.infer<typeof ListView>

export const ConversationListQuery = z.object({
  view: ListView.optional(),
  status: z.union([ConversationStatus, z.literal('open')]).optional(),
  channel: ChannelKind.optional(),
  assignee: z.union([Id, z.literal('me'), z.literal('none')]).optional(),
  queue: Id.optional(),
  /** `sla_due`: conversations with a running SLA clock, the one falling due first (overdue first) first. */
  sort: z.enum(['activity', 'sla_due']).default('activity'),
  /** Only conversations with a live clock that breached. */
  breached: z.enum(['true', 'false']).optional(),
  label: Id.optional(),
  /** Words in the contact's name, e-mail or phone, or in a message or note of the conversation. */
  q: z.string().trim().min(2).max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
})
export type ConversationListQuery = z.infer<typeof ConversationListQuery>

export const EventList = z.object({ items: z.array(TimelineEvent) })
export type EventList = z.infer<typeof EventList>

export const EventListQuery = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(500).default(200),
})

export const ClientId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/)

export const PostMessage = z.object({
  text: z.string().trim().min(1).max(MAX_MESSAGE_CHARS),
  clientId: ClientId,
  private: z.boolean().optional(),
  /** A private note's @mentions: these consultants are notified (each must be able to see the conversation). */
  mentions: z.array(Id).max(20).optional(),
  /** Files uploaded by this consultant (POST /api/uploads) to send with the reply, on channels that carry them. */
  attachmentIds: z.array(UploadId).max(MAX_FILES_PER_MESSAGE).optional(),
})
export type PostMessage = z.infer<typeof PostMessage>

/**
 * Statuses a consultant sets by hand: resolve, pending (waiting for the citizen), snooze until a time (it wakes
 * then, or when the citizen writes), or `open` (reopen a resolved one as theirs, or wake a pending or snoozed one).
 */
export const ChangeStatusBody = z.discriminatedUnion('status', [
  z.object({ status: z.literal('resolved') }),
  z.object({ status: z.literal('pending') }),
  z.object({ status: z.literal('open') }),
  z.object({ status: z.literal('snoozed'), until: z.iso.datetime({ offset: true }) }),
])
export type ChangeStatusBody = z.infer<typeof ChangeStatusBody>

/** Exactly one target: another queue (it waits there) or a consultant (it is theirs at once). */
export const TransferBody = z
  .object({ queueId: Id.optional(), consultantId: Id.optional(), note: z.string().trim().max(2000).optional() })
  .refine((b) => (b.queueId === undefined) !== (b.consultantId === undefined), { message: 'Give exactly one of queueId and consultantId' })
export type TransferBody = z.infer<typeof TransferBody>

/** A supervisor gives a waiting (queued or offered) conversation to a consultant by hand. */
export const AssignBody = z.object({ consultantId: Id, note: z.string().trim().max(2000).optional() })
export type AssignBody = z.infer<typeof AssignBody>

/** The office: named, or chosen by the citizen's region (TERYT; given here it is remembered on the contact). */
export const EscalateBody = z.object({
  officeId: Id.optional(),
  region: z.string().regex(/^\d{2}(\d{2})?$/, 'a TERYT voivodeship (2 digits) or county (4 digits) code').optional(),
  note: z.string().trim().max(2000).optional(),
})
export type EscalateBody = z.infer<typeof EscalateBody>

/** After a call: how it ended (a disposition code) and a note; the call's conversation is resolved. */
export const WrapUpBody = z.object({
  disposition: z.string().trim().regex(/^[a-z0-9_-]{1,40}$/, 'a code: a–z, 0–9, _ and -'),
  note: z.string().trim().max(2000).optional(),
})
export type WrapUpBody = z.infer<typeof WrapUpBody>

/** The second line's answer for the first line, as a staff-only note. */
export const HandBackBody = z.object({ note: z.string().trim().max(2000).optional() })

export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().min(1).max(1024),
})
export type LoginBody = z.infer<typeof LoginBody>

export const Consultant = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: Role,
})
export type Consultant = z.infer<typeof Consultant>

export const LoginResult = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
  consultant: Consultant,
})
export type LoginResult = z.infer<typeof LoginResult>

/** Every 4xx/5xx body. `code` is stable and machine-readable, `message` is for people. */
export const ApiError = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
})
export type ApiError = z.infer<typeof ApiError>

/** Timeline display order: when it happened, then seq (the order the hub stored it). */
export function timelineOrder(a: Pick<TimelineEvent, 'occurredAt' | 'seq'>, b: Pick<TimelineEvent, 'occurredAt' | 'seq'>): number {
  const at = Date.parse(a.occurredAt) - Date.parse(b.occurredAt)
  return at !== 0 ? at : a.seq - b.seq
}

/** A contact's identity on one channel. `verified`: the channel vouches for it (a Messenger PSID, a phone number). */
export const Identity = z.object({
  id: Id,
  channel: ChannelKind,
  externalId: z.string(),
  verified: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
})
export type Identity = z.infer<typeof Identity>

export const ContactDetail = z.object({
  id: Id,
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  region: z.string().nullable(),
  notes: z.string().nullable(),
  identities: z.array(Identity),
  /** Every conversation of the contact on every channel, newest activity first. */
  conversations: z.array(
    z.object({ id: Id, channel: ChannelKind, status: ConversationStatus, lastActivityAt: z.iso.datetime({ offset: true }), lastMessage: z.string().nullable() }),
  ),
  /** Contacts merged into this one. */
  mergedFrom: z.array(Id),
})
export type ContactDetail = z.infer<typeof ContactDetail>

export const UpdateContactBody = z
  .object({
    name: z.string().trim().min(1).max(200).nullable(),
    email: z.email().max(254).nullable(),
    phone: z.string().trim().regex(/^\+?[0-9 ()-]{3,32}$/).nullable(),
    region: z.string().regex(/^\d{2}(\d{2})?$/).nullable(),
    notes: z.string().max(10_000).nullable(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'Give at least one field' })
export type UpdateContactBody = z.infer<typeof UpdateContactBody>

/** Staff link an identity to a contact by hand (an e-mail address or phone number the citizen gave them). */
export const LinkIdentityBody = z.object({
  channel: z.enum(['email', 'sms', 'voice', 'messenger', 'telegram']),
  externalId: z.string().trim().min(1).max(254),
})
export type LinkIdentityBody = z.infer<typeof LinkIdentityBody>

/** Merge the contact `from` into the contact of the path: its identities and conversations move, histories intact. */
export const MergeContactsBody = z.object({ from: Id })
export type MergeContactsBody = z.infer<typeof MergeContactsBody>
