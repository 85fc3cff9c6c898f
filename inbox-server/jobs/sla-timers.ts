// SLA deadlines of every conversation in one heap, with one clock timer for the earliest: loaded from the store at
// start, fed by this node's changes and the other nodes' (over the bus), and swept now and then for any missed.
import type { Clock, Logger, Store } from '../app/ports.ts'
import { DeadlineHeap } from './deadline-heap.ts'

export interface SlaTimers {
  /** Sets, moves or (null) clears the next deadline of a conversation. */
  arm(conversationId: string, fireAt: Date | null): void
  /** Loads every stored deadline (at start). */
  reload(): Promise<void>
  /** Fires whatever the store says is due now (deadlines another node armed and this one never heard of). */
  sweep(): Promise<void>
  size(): number
  stop(): void
}

/** How many due conversations are handled at once; the rest wait their turn, never dropped. */
const CONCURRENCY = 8

export function createSlaTimers(deps: { clock: Clock; store: Store; log: Logger; fire: (conversationId: string) => Promise<void> }): SlaTimers {
  const heap = new DeadlineHeap()
  let cancel: (() => void) | null = null
  let armedFor: number | null = null
  let stopped = false
  let draining = false

  function schedule() {
    if (stopped || draining) return
    const next = heap.peek()
    if (next === armedFor) return
    cancel?.()
    cancel = null
    armedFor = next
    if (next === null) return
    // Already due (after a restart, or a deadline another node moved into the past): no timer, at once.
    if (next <= deps.clock.now().getTime()) {
      armedFor = null
      void Promise.resolve().then(drain)
      return
    }
    cancel = deps.clock.setTimer(() => {
      cancel = null
      armedFor = null
      void drain()
    }, next - deps.clock.now().getTime())
  }

  async function drain() {
    if (draining || stopped) return
    draining = true
    try {
      for (let due = heap.popDue(deps.clock.now().getTime()); due.length > 0; due = heap.popDue(deps.clock.now().getTime())) {
        // A pool that keeps CONCURRENCY fires in flight (not batches that wait for their slowest).
        let next = 0
        const worker = async () => {
          while (next < due.length) {
            const id = due[next++]!
            await deps.fire(id).catch((err: unknown) => deps.log.error({ err, conversationId: id }, 'SLA timer failed'))
            // Let sockets and HTTP run between fires (PGlite runs its queries on this thread).
            await new Promise<void>((resolve) => setImmediate(resolve))
          }
        }
        await Promise.all(Array.from({ length: Math.min(CONCURRENCY, due.length) }, worker))
      }
    } finally {
      draining = false
      schedule()
    }
  }

  return {
    arm(conversationId, fireAt) {
      if (stopped) return
      if (fireAt === null) heap.delete(conversationId)
      else heap.set(conversationId, fireAt.getTime())
      schedule()
    },
    async reload() {
      for (const t of await deps.store.slaTimers()) heap.set(t.conversationId, t.fireAt.getTime())
      schedule()
    },
    async sweep() {
      for (const t of await deps.store.slaTimers(deps.clock.now())) heap.set(t.conversationId, t.fireAt.getTime())
      schedule()
    },
    size: () => heap.size,
    stop() {
      stopped = true
      cancel?.()
      cancel = null
    },
  }
}
