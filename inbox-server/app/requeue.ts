// The conversation fields of entering a queue afresh (transfer, escalation, hand-back): waiting, nobody's, a clean slate.
import type { TxStore } from './ports.ts'

type Patch = Parameters<TxStore['updateConversation']>[1]

/** As a new arrival at `now`: unassigned, no offer standing, and nobody counted as having declined it. */
export function requeuedAt(now: Date): Patch {
  return { status: 'queued', assigneeId: null, offerExpiresAt: null, enqueuedAt: now, declinedBy: [] }
}
