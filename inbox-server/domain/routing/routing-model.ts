// The values routing decides over: waiting conversations, consultants with presence, skills and capacity per channel.
import type { ChannelKind } from '../../../protocol/channel.ts'
import { PRESENCE_STATES, type PresenceState } from '../../../protocol/frames.ts'

export { PRESENCE_STATES }
export type Presence = PresenceState

export type Capacity = Readonly<Record<ChannelKind, number>>

/** Defaults of a new consultant: how many conversations of each kind at once. */
export const DEFAULT_CAPACITY: Capacity = { webchat: 3, messenger: 3, telegram: 3, sms: 5, email: 10, voice: 1, form: 10 }

export interface Waiting {
  id: string
  queueId: string
  channelKind: ChannelKind
  /** Higher is served first. */
  priority: number
  /** When it entered its queue (ms); a conversation put back after an unanswered offer keeps its place. */
  enqueuedAt: number
  requiredSkills: readonly string[]
  /** Consultants who declined it or let its offer time out: it goes to someone else. */
  declinedBy: readonly string[]
  /** Queues whose consultants may also take it (its queue overflowed there after waiting long enough). */
  alsoQueueIds?: readonly string[]
}

export interface Consultant {
  id: string
  presence: Presence
  queueIds: readonly string[]
  skills: readonly string[]
  capacity: Capacity
  /** Conversations held or offered, per channel kind. */
  load: Readonly<Partial<Record<ChannelKind, number>>>
  /** While on a call, nothing else is offered (the default for voice). */
  voiceExclusive: boolean
  /** When the last conversation was assigned or offered (ms); null: never since signing in. */
  lastAssignedAt: number | null
}

export interface Decision {
  conversationId: string
  consultantId: string
}

/** How long a consultant has to accept an offer (ring-no-answer), unless the queue sets its own. */
export function offerTimeoutMs(kind: ChannelKind, queueSeconds: number | null): number {
  if (queueSeconds !== null && queueSeconds > 0) return queueSeconds * 1000
  return kind === 'voice' ? 20_000 : 30_000
}
