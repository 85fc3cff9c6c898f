// The wallboard's live queue: how many wait at `now` and the longest of those waits (the oldest still-waiting entry).
import type { ConversationFacts } from './conversation-facts.ts'
import { inScope, type Scope } from './period.ts'

export interface LiveQueue {
  waiting: number
  longestWaitMs: number | null
  /** When the longest waiter entered the queue. */
  oldestEnteredAt: number | null
}

/** Waiting at `now`: entered by then and not yet answered, abandoned, moved or closed by then; voicemails aside. */
export function waitingNow(facts: readonly ConversationFacts[], now: number, scope: Scope = {}): LiveQueue {
  let waiting = 0
  let oldest: number | null = null
  for (const f of facts) {
    for (const e of f.entries) {
      if (e.outOfHours || !inScope(scope, e.queueId, f.channel)) continue
      if (e.enteredAt > now || (e.endedAt !== null && e.endedAt <= now)) continue
      waiting++
      if (oldest === null || e.enteredAt < oldest) oldest = e.enteredAt
    }
  }
  return { waiting, longestWaitMs: oldest === null ? null : now - oldest, oldestEnteredAt: oldest }
}
