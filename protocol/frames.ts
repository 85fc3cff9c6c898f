// WebSocket frames between hub and widget (visitor) or console (staff); every client frame is validated.
import type { Wallboard } from './wallboard.ts'
import { MAX_FILES_PER_MESSAGE, UploadId } from './attachments.ts'
import type { Notification } from './workflow.ts'
import { z } from 'zod'
import type { ConversationStatus } from './channel.ts'
import { ClientId, Id, type TimelineEvent } from './rest.ts'
import type { SlaClockKind } from './sla.ts'
import { MAX_MESSAGE_CHARS } from './limits.ts'

const afterSeq = z.int().nonnegative()
const text = z.string().trim().min(1).max(MAX_MESSAGE_CHARS)

export const VisitorHello = z.object({
  type: z.literal('hello'),
  visitorToken: z.string().min(16).max(128).optional(),
  lang: z.enum(['pl', 'en']).default('pl'),
  page: z.string().max(2048).optional(),
})
export const Subscribe = z.object({ type: z.literal('subscribe'), conversationId: Id, afterSeq })
export const VisitorSend = z.object({
  type: z.literal('send'),
  clientId: ClientId,
  conversationId: Id.optional(),
  text,
  /** The topic picked in the pre-chat form; it chooses the queue of a new conversation. */
  topic: z.string().regex(/^[a-z0-9-]{1,40}$/).optional(),
})
export const Typing = z.object({ type: z.literal('typing'), conversationId: Id, on: z.boolean() })
export const Ping = z.object({ type: z.literal('ping') })
/** The citizen ended the chat (and removed it from their device): staff see it in the timeline. */
export const Leave = z.object({ type: z.literal('leave'), conversationId: Id })
/**
 * The citizen's answer to the satisfaction survey the hub asked in the chat (a `survey` event with data.asked):
 * 1 (bad) to 5 (very good) and an optional comment. Answered once; the answer comes back as a `survey` event.
 */
export const VisitorSurvey = z.object({
  type: z.literal('survey'),
  conversationId: Id,
  score: z.int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
})

/** While the citizen types, before a consultant joins: public knowledge-base articles matching the words. */
export const KbSearch = z.object({ type: z.literal('kb_search'), q: z.string().trim().min(3).max(200) })
/** Whether a suggested article answered the question (deflection). */
export const KbFeedback = z.object({ type: z.literal('kb_feedback'), articleId: Id, helped: z.boolean() })
export const VisitorFrame = z.discriminatedUnion('type', [VisitorHello, Subscribe, VisitorSend, Typing, Ping, Leave, VisitorSurvey, KbSearch, KbFeedback])
export type VisitorFrame = z.infer<typeof VisitorFrame>

export const StaffSend = z.object({
  type: z.literal('send'),
  clientId: ClientId,
  conversationId: Id,
  text,
  private: z.boolean().optional(),
  /** A private note's @mentions (consultant ids): they are notified. */
  mentions: z.array(Id).max(20).optional(),
  /** Files uploaded for this reply (POST /api/uploads). */
  attachmentIds: z.array(UploadId).max(MAX_FILES_PER_MESSAGE).optional(),
})
export const Unsubscribe = z.object({ type: z.literal('unsubscribe'), conversationId: Id })
export const PRESENCE_STATES = ['available', 'busy', 'break', 'after_call_work', 'training', 'offline'] as const
export type PresenceState = (typeof PRESENCE_STATES)[number]
/** A consultant's own presence; only `available` is offered work. `reason` is free text (e.g. a break code). */
export const SetPresence = z.object({ type: z.literal('presence'), state: z.enum(PRESENCE_STATES), reason: z.string().trim().max(100).optional() })
/** Take, or pass on, a conversation offered to this consultant. */
export const AcceptOffer = z.object({ type: z.literal('accept'), conversationId: Id })
export const DeclineOffer = z.object({ type: z.literal('decline'), conversationId: Id })
/** A supervisor's screen starts (or stops) watching the wallboard: `wallboard` frames follow each change. */
export const WatchWallboard = z.object({ type: z.literal('wallboard'), on: z.boolean() })
export const StaffFrame = z.discriminatedUnion('type', [Subscribe, Unsubscribe, StaffSend, Typing, Ping, SetPresence, AcceptOffer, DeclineOffer, WatchWallboard])
export type StaffFrame = z.infer<typeof StaffFrame>

// Hub -> client frames. Plain TypeScript types: the widget must not bundle zod.
/** `conversations`: the visitor's 20 most recently active, newest first. */
export type WelcomeFrame = {
  type: 'welcome'
  visitorToken: string
  conversations: { id: string; lastSeq: number; status: ConversationStatus }[]
  /** Topics a citizen may pick before the first message (Polish names); empty: no pre-chat choice. */
  topics?: { key: string; name: string }[]
}
export type StaffWelcomeFrame = { type: 'welcome'; consultant: { id: string; name: string; role: string; presence: PresenceState } }
export type EventFrame = { type: 'event'; conversationId: string; event: TimelineEvent }
/** `createdAt` is the stored time of the event (the server's clock). */
export type AckFrame = { type: 'ack'; clientId: string; conversationId: string; id: string; seq: number; createdAt: string }
export type TypingFrame = { type: 'typing'; conversationId: string; who: 'visitor' | 'staff'; name?: string; on: boolean }
/** Sent after the replay that a `subscribe` asked for: everything up to `lastSeq` has been sent. */
export type SyncedFrame = { type: 'synced'; conversationId: string; lastSeq: number }
/** The citizen's place in the queue (1 = next); `etaSeconds` null while there is no estimate. */
export type QueueFrame = { type: 'queue'; conversationId: string; position: number; etaSeconds: number | null }
export type ChangedFrame = { type: 'changed'; conversationId: string }
/** A consultant's presence changed (sent to every staff socket, the consultant's own included). */
/** A conversation offered to this consultant: accept before `expiresAt`, or it goes to someone else. */
export type OfferFrame = { type: 'offer'; conversationId: string; expiresAt: string }
export type PresenceFrame = { type: 'presence'; consultantId: string; name: string; state: PresenceState; reason: string | null }
/** The wallboard, to a supervisor's screen that watches it (at most one a second). */
export type WallboardFrame = { type: 'wallboard'; board: Wallboard }
/** Something for this consultant to see: they were mentioned in a private note. */
export type NotificationFrame = { type: 'notification'; notification: Notification }
/** `conversationId` names the conversation a refused subscribe or typing frame was about. */
export type ErrorFrame = { type: 'error'; code: ErrorCode; message: string; clientId?: string; conversationId?: string }
export type PongFrame = { type: 'pong' }
/** An SLA clock of a conversation warned (most of its target used) or breached: sent to its assignee and supervisors. */
export type SlaFrame = { type: 'sla'; conversationId: string; assigneeId: string | null; clock: SlaClockKind; step: 'warning' | 'breached'; dueAt: string | null }

export type ErrorCode =
  | 'bad_json'
  | 'bad_frame'
  | 'frame_too_large'
  | 'not_hello'
  | 'not_found'
  | 'forbidden'
  | 'conversation_closed'
  | 'rate_limited'
  | 'offer_gone'
  | 'bad_reason'
  /** Messenger: the citizen last wrote more than 7 days ago (protocol/reply-window.ts). */
  | 'outside_reply_window'
  /** Longer than the conversation's channel takes (protocol/channel-limits.ts). */
  | 'too_long'
  /** SMS: the number replied STOP. */
  | 'opted_out'
  /** The channel does not carry files, or an upload is not this consultant's (or was sent already). */
  | 'attachments_refused'
  | 'internal'

/** Public articles for the words the citizen typed (at most 3; plain text only, shown with textContent). */
export type KbResultsFrame = { type: 'kb_results'; q: string; items: { id: string; title: string; excerpt: string; text: string }[] }
export type VisitorServerFrame = WelcomeFrame | EventFrame | SyncedFrame | QueueFrame | AckFrame | TypingFrame | ErrorFrame | PongFrame | KbResultsFrame
export type StaffServerFrame =
  | StaffWelcomeFrame
  | EventFrame
  | SyncedFrame
  | AckFrame
  | TypingFrame
  | ChangedFrame
  | PresenceFrame
  | OfferFrame
  | SlaFrame
  | NotificationFrame
  | WallboardFrame
  | ErrorFrame
  | PongFrame
