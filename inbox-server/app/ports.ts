// The ports the use cases talk through: store, bus, clock and logger. Implementations are chosen in main.ts.
import type { MetricsStore } from './metrics-ports.ts'
import type { Notification } from '../../protocol/workflow.ts'
import type { WorkflowStore, WorkflowTxStore } from './workflow-ports.ts'
import type { KbStore } from './kb-ports.ts'
import type { QuizStore } from './quiz-ports.ts'
import type { ChannelKind, ConversationStatus, Role } from '../../protocol/channel.ts'
import type { Conversation, TimelineEvent } from '../../protocol/rest.ts'
import type { SlaClockKind } from '../../protocol/sla.ts'
import type { Consultant as RoutingConsultant, Presence, Waiting } from '../domain/routing/routing-model.ts'
import type { AdminStore } from './admin-ports.ts'
import type { OutboxStore, OutboxTxStore } from './outbox-ports.ts'
import type { ChannelStore, ChannelTxStore } from './channel-ports.ts'
import type { ContactStore } from './contact-ports.ts'
import type { SurveyStore } from './survey-ports.ts'
import type { SlaStore, SlaTxStore, StoredSla } from './sla-ports.ts'

export interface Clock {
  now(): Date
  /** Calls `fn` after `ms` (on this clock); returns a cancel function. */
  setTimer(fn: () => void, ms: number): () => void
}

export interface Logger {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

/** Committed facts announced between processes. The store is the truth; the bus is only a doorbell. */
export type BusMessage =
  | { type: 'event'; conversationId: string; contactId: string; officeId: string | null; event: TimelineEvent }
  | { type: 'typing'; conversationId: string; contactId: string; who: 'visitor' | 'staff'; name?: string; on: boolean }
  | { type: 'presence'; consultantId: string; name: string; presence: Presence; reason: string | null }
  | { type: 'offer'; consultantId: string; conversationId: string; expiresAt: string }
  | { type: 'queue'; contactId: string; conversationId: string; position: number; etaSeconds: number | null }
  /** The next SLA deadline of a conversation moved (null: none): every node's timer service arms it. */
  | { type: 'sla_timer'; conversationId: string; fireAt: string | null }
  /** An SLA clock warned or breached: told to the assignee and to supervisors. */
  | { type: 'sla'; conversationId: string; officeId: string | null; assigneeId: string | null; clock: SlaClockKind; step: 'warning' | 'breached'; dueAt: string | null }
  /** Something for one consultant to see (mentioned in a note). */
  | { type: 'notification'; consultantId: string; notification: Notification }

export interface Bus {
  publish(msg: BusMessage): void
  subscribe(handler: (msg: BusMessage) => void): () => void
  close(): Promise<void>
}

/** The answer to a send from widget, console or API: the stored event, or why nothing was stored. */
export type SendOutcome =
  | { ok: true; event: TimelineEvent; duplicate: boolean }
  | { ok: false; error: 'not_found' | 'outside_reply_window' | 'too_long' | 'opted_out' | 'attachments_refused'; message?: string }

export interface ConsultantRecord {
  id: string
  email: string
  name: string
  role: Role
  /** The local office of second-line staff; they see only its conversations. */
  officeId: string | null
  passwordHash: string
  disabled: boolean
  presence: Presence
  /** When the presence last changed (after-call work ends a fixed time after it began, on any node). */
  presenceSince: Date | null
  /** Why (a break's kind, `not_responding` after an offer rang out), when known. */
  presenceReason?: string | null
}

export interface ConversationRecord {
  id: string
  contactId: string
  channelId: string
  channelKind: ChannelKind
  status: ConversationStatus
  queueId: string | null
  officeId: string | null
  escalatedFromQueueId: string | null
  assigneeId: string | null
  priority: number
  requiredSkills: string[]
  lastSeq: number
  /** When the citizen last wrote (provider time); null when never. */
  lastInboundAt: Date | null
  /** While snoozed: when it wakes. */
  snoozedUntil: Date | null
}

export interface NewEvent {
  type: TimelineEvent['type']
  direction: 'in' | 'out' | null
  text: string | null
  author: { kind: 'contact' | 'consultant' | 'system'; id: string | null; name: string | null }
  clientId?: string | null
  externalId?: string | null
  /** The provider's own id of the message when edits and replies name it otherwise (see InboundMessage.ref). */
  providerRef?: string | null
  data?: Record<string, unknown> | null
  /** When it happened, if not now: a provider's send time (the timeline's display order). */
  occurredAt?: Date
}

/** A conversation as the store reads it: the wire view, with the SLA clocks it holds for the badge to be made from. */
export type ConversationView = Omit<Conversation, 'sla'> & { slaState: StoredSla | null }

export interface ConversationFilter {
  /** Only those with a live clock that breached (true) or without (false). */
  slaBreached?: boolean
  status?: ConversationStatus | 'open'
  channel?: ChannelKind
  assigneeId?: string | null
  queueId?: string
  /** Only this office's conversations (second-line staff). */
  officeId?: string
  /** Only these statuses (a list view: waiting = queued or offered). */
  statusIn?: ConversationStatus[]
  /** Only those in queues this consultant is a member of. */
  inQueuesOf?: string
  /** Only those escalated to a local office. */
  escalated?: boolean
  labelId?: string
  /** Words in the contact's name, e-mail or phone, or in a message or note of the conversation. */
  search?: string
}

export interface Defaults {
  webchatChannelId: string
  defaultQueueId: string
}

/** Reads and single-statement writes outside a transaction. */
export interface Store extends AdminStore, SlaStore, OutboxStore, ChannelStore, ContactStore, SurveyStore, WorkflowStore, MetricsStore, KbStore, QuizStore {
  kind: 'pglite' | 'postgres'
  /** A trivial query: false when the database does not answer. */
  ping(): Promise<boolean>
  transaction<T>(fn: (tx: TxStore) => Promise<T>): Promise<T>
  ensureDefaults(): Promise<Defaults>

  findConsultantByEmail(email: string): Promise<ConsultantRecord | null>
  findConsultantById(id: string): Promise<ConsultantRecord | null>
  insertConsultant(c: { email: string; name: string; role: Role; passwordHash: string }): Promise<ConsultantRecord>
  /** Inserts only while there is no account at all; with several nodes starting at once, one wins. */
  insertFirstConsultant(c: { email: string; name: string; role: Role; passwordHash: string }): Promise<ConsultantRecord | null>
  listConsultants(): Promise<ConsultantRecord[]>
  countConsultants(): Promise<number>
  insertSession(s: { consultantId: string; tokenHash: string; expiresAt: Date; userAgent: string | null }): Promise<void>
  /** The consultant behind a session or API token, if it is neither expired nor revoked. */
  findConsultantByToken(tokenHash: string, now: Date): Promise<ConsultantRecord | null>
  revokeToken(tokenHash: string, now: Date): Promise<boolean>
  setPresence(consultantId: string, presence: Presence, reason: string | null, now: Date): Promise<void>
  joinQueue(consultantId: string, queueId: string): Promise<void>
  leaveQueue(consultantId: string, queueId: string): Promise<void>
  setConsultantOffice(consultantId: string, officeId: string | null): Promise<void>
  listOffices(): Promise<{ id: string; name: string; regions: string[] }[]>
  /** The second-line queue of an office. */
  officeQueue(officeId: string): Promise<{ id: string; name: string } | null>
  contactRegion(contactId: string): Promise<string | null>
  setContactRegion(contactId: string, region: string): Promise<void>
  setRoutingProfile(consultantId: string, p: { capacity?: Record<string, number>; skills?: string[]; voiceExclusive?: boolean }): Promise<void>
  updateQueue(
    queueId: string,
    p: { autoAccept?: boolean; offerTimeoutSeconds?: number | null; topic?: string | null; overflowQueueId?: string | null; overflowAfterSeconds?: number | null },
  ): Promise<void>
  createQueue(q: {
    name: string
    line?: 'first_line' | 'second_line'
    officeId?: string | null
    topic?: string | null
    keywords?: string[]
  }): Promise<{ id: string; name: string }>
  /** The queues citizens may pick in the widget, by topic key. */
  listTopics(): Promise<{ key: string; name: string; queueId: string }[]>
  getQueue(id: string): Promise<{ id: string; name: string } | null>
  listQueues(): Promise<{ id: string; name: string; line: string; officeId: string | null; topic: string | null }[]>
  findQueueByName(name: string): Promise<{ id: string; name: string } | null>
  /** An office by name, created with its regions (TERYT codes) if there is none yet. */
  ensureOffice(o: { name: string; regions: string[]; email?: string | null }): Promise<{ id: string; created: boolean }>
  /** 1 for the next to be served in its queue; null when the conversation is not waiting. */
  queuePosition(conversationId: string): Promise<{ position: number; queueId: string } | null>
  /** Offers not yet answered, for arming their timers at start. */
  pendingOffers(): Promise<{ conversationId: string; expiresAt: Date }[]>
  insertApiToken(t: { consultantId: string; name: string; tokenHash: string }): Promise<void>

  findContact(channelKind: ChannelKind, externalId: string): Promise<string | null>
  findOrCreateContact(channelKind: ChannelKind, externalId: string): Promise<string>
  contactConversations(contactId: string): Promise<{ id: string; lastSeq: number; status: ConversationStatus }[]>
  getConversation(id: string): Promise<ConversationRecord | null>
  getConversationView(id: string): Promise<ConversationView | null>
  /** Snoozed conversations whose wake-up time has come (oldest first). */
  dueSnoozes(now: Date, limit: number): Promise<string[]>
  listConversationViews(
    filter: ConversationFilter,
    page: { cursor: string | null; limit: number; sort?: 'activity' | 'sla_due' },
  ): Promise<{ items: ConversationView[]; next: string | null } | { error: 'bad_cursor' }>
  listEvents(conversationId: string, afterSeq: number, limit: number, opts?: { publicOnly?: boolean }): Promise<TimelineEvent[]>
  findEventByClientId(authorId: string, clientId: string): Promise<TimelineEvent | null>
  /** A provider's delivery already stored (connectors deduplicate on it). */
  findEventByExternalId(externalId: string): Promise<TimelineEvent | null>
  /** The channel of this kind (created, serving the default queue, on first use). */
  ensureChannel(kind: ChannelKind, name: string): Promise<{ id: string; kind: ChannelKind }>
  /** Gives a contact a name if it has none yet (the name a provider tells). */
  nameContact(contactId: string, name: string): Promise<void>
}

/** Where an event goes: a given conversation (optionally only if it is this contact's, on this channel kind), or
 * the contact's open conversation on a channel. */
export type AppendTarget =
  | { conversationId: string; contactId?: string; channelKind?: ChannelKind }
  | { openConversationOf: { contactId: string; channelId: string } }

export interface Appended {
  /** The conversation as it was before this event, except `lastSeq`, which is the event's seq. */
  conversation: ConversationRecord
  event: TimelineEvent
}

/** How a queue routes: offers or auto-accept, offer time-out, and where it overflows to after how long. */
export interface QueueRouting {
  autoAccept: boolean
  offerTimeoutSeconds: number | null
  overflowQueueId: string | null
  overflowAfterSeconds: number | null
}

/** Writes inside one transaction. */
export interface TxStore extends SlaTxStore, OutboxTxStore, ChannelTxStore, WorkflowTxStore {
  /** Queues and entry rules, read inside the transaction (only when a new conversation is opened). */
  entryContext(): ReturnType<AdminStore['entryContext']>
  /** Locks the conversation row for the rest of the transaction (for rare writes that read before they decide). */
  lockConversation(id: string): Promise<ConversationRecord | null>
  /** Serialises work that must not run twice at once for one contact (opening their conversation). */
  lockContact(contactId: string): Promise<boolean>
  insertConversation(c: {
    contactId: string
    channelId: string
    channelKind: ChannelKind
    queueId: string | null
    priority?: number
    requiredSkills?: string[]
    now: Date
  }): Promise<ConversationRecord>
  updateConversation(
    id: string,
    patch: {
      status?: ConversationStatus
      assigneeId?: string | null
      resolvedAt?: Date | null
      enqueuedAt?: Date
      queueId?: string
      priority?: number
      requiredSkills?: string[]
      officeId?: string | null
      escalatedFromQueueId?: string | null
      offerExpiresAt?: Date | null
      declinedBy?: string[]
      /** Calls: forget whom the call was put through to (it waits again). */
      callConnectedTo?: string | null
      /** While snoozed: when it wakes. */
      snoozedUntil?: Date | null
    },
  ): Promise<void>
  /** Serialises routing decisions across all hub nodes for the rest of the transaction. */
  lockRouting(): Promise<void>
  /**
   * The waiting conversations (oldest first within priority; at most `perQueue` of each queue and `total` in all),
   * the available consultants, queue settings; `full` when some waiting conversations were left out. A consultant's
   * skills are as routing sees them at `now`: a skill some active quiz grants is held only through a pass of such a
   * quiz within its valid days before `now` (docs/decisions.md, "Quiz-granted skills").
   */
  routingSnapshot(limits: { perQueue: number; total: number }, now: Date): Promise<{
    waiting: Waiting[]
    consultants: (RoutingConsultant & { name: string })[]
    queues: Map<string, QueueRouting>
    /** conversationId → contactId of the waiting conversations. */
    contactOf: Map<string, string>
    full: boolean
  }>
  /** Gives a still-queued conversation to a consultant; false when it is no longer queued. */
  assign(conversationId: string, consultantId: string, now: Date): Promise<boolean>
  /** Offers a still-queued conversation to a consultant until `expiresAt`; false when it is no longer queued. */
  offer(conversationId: string, consultantId: string, expiresAt: Date, now: Date): Promise<boolean>
  /** The offered consultant takes it, if the offer still stands; false otherwise. */
  acceptOffer(conversationId: string, consultantId: string, now: Date): Promise<boolean>
  /**
   * Puts an offered conversation back in its queue, keeping its place, and remembers who had it: by that
   * consultant's decline, or because the offer expired by `expiredBy`. Null when no such offer stands.
   */
  withdrawOffer(conversationId: string, by: { consultantId: string } | { expiredBy: Date }): Promise<{ consultantId: string; contactId: string } | null>
  /**
   * Appends with the next gap-free seq: the conversation row is locked and bumped in one statement, then the
   * event inserted. Null when the target does not exist (nothing written). If the author's clientId is already
   * stored (by an earlier or a concurrent transaction), throws ConcurrentDuplicate: the caller lets the
   * transaction roll back (giving the seq back) and reads the stored event.
   */
  appendEvent(target: AppendTarget, e: NewEvent, now: Date): Promise<Appended | null>
}

/** An event with this author and clientId is already stored (a retry, or a concurrent twin that won). */
export class ConcurrentDuplicate extends Error {
  constructor() {
    super('the same clientId was stored concurrently')
  }
}
