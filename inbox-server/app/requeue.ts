// The conversation fields of entering a queue afresh (transfer, escalation, hand-back): waiting, nobody's, a clean slate.
import { carryInto } from '../domain/routing/queue-move.ts'
import type { EntryQueue } from '../domain/routing/choose-entry.ts'
import type { ConversationRecord, TxStore } from './ports.ts'

type Patch = Parameters<TxStore['updateConversation']>[1]

/** As a new arrival at `now`: unassigned, no offer standing, and nobody counted as having declined it. */
export function requeuedAt(now: Date): Patch {
  return { status: 'queued', assigneeId: null, offerExpiresAt: null, enqueuedAt: now, declinedBy: [] }
}

/**
 * Into queue `toQueueId`, with that queue's priority and skills instead of the old one's (rule-given extras kept).
 * `queues` is read before the transaction (`store.entryContext()`): PGlite has one connection.
 */
export function requeuedInto(now: Date, conv: ConversationRecord, toQueueId: string, queues: readonly EntryQueue[]): Patch {
  const find = (id: string | null) => queues.find((q) => q.id === id)
  return { ...requeuedAt(now), queueId: toQueueId, ...carryInto(conv, find(conv.queueId), find(toQueueId)) }
}
