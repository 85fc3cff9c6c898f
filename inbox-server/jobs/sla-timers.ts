// SLA deadlines of every conversation in one heap, with one clock timer for the earliest: loaded from the store at
// start, fed by this node's changes and the other nodes' (over the bus), and swept now and then for any missed.
import type { Clock, Logger, Store } from '../app/ports.ts'
import type { FireSla } from '../app/fire-sla.ts'
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

/** Due conversations are fired in groups of this many, one transaction each, with a few groups in flight. */
const GROUP = 25
const CONCURRENCY = 4
/** A deadline whose row another transaction held is tried again this much later. */
const RETRY_MS = 200

export function createSlaTimers(deps: { clock: Clock; store: Store; log: Logger; fire: FireSla }): SlaTimers {
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
        // A pool that keeps CONCURRENCY groups in flight (not batches that wait for their slowest).
        const groups: string[][] = []
        for (let i = 0; i < due.length; i += GROUP) groups.push(due.slice(i, i + GROUP))
        let next = 0
        const worker = async () => {
          while (next < groups.length) {
            const group = groups[next++]!
            try {
              const { skipped } = await deps.fire(group)
              const retryAt = deps.clock.now().getTime() + RETRY_MS
              for (const id of skipped) heap.set(id, retryAt)
            } catch (err) {
              deps.log.error({ err, conversations: group.length }, 'SLA timers failed')
              // Not lost: tried again shortly (and the 15 s sweep finds them in the store in any case).
              const retryAt = deps.clock.now().getTime() + RETRY_MS * 10
              for (const id of group) heap.set(id, retryAt)
            }
            // Let sockets and HTTP run between groups (PGlite runs its queries on this thread).
            await new Promise<void>((resolve) => setImmediate(resolve))
          }
        }
        await Promise.all(Array.from({ length: Math.min(CONCURRENCY, groups.length) }, worker))
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
