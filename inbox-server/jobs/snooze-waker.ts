// Wakes snoozed conversations when their time comes: due ones are read from the database (so a restart or another
// node loses none) and each is woken under its row lock, once, whichever node gets there first.
import type { Clock, Logger } from '../app/ports.ts'
import { createPollLoop } from './poll-loop.ts'

export function createSnoozeWaker(deps: {
  clock: Clock
  log: Logger
  /** Snoozed conversations whose time has come, at most `limit`. */
  due: (now: Date, limit: number) => Promise<string[]>
  /** Wakes one if it is still snoozed and due (checked under the lock). */
  wake: (conversationId: string) => Promise<unknown>
  pollMs?: number
}) {
  const BATCH = 50
  async function drain() {
    for (;;) {
      const ids = await deps.due(deps.clock.now(), BATCH)
      for (const id of ids) await deps.wake(id).catch((err: unknown) => deps.log.error({ err, conversationId: id }, 'waking a snoozed conversation failed'))
      if (ids.length < BATCH) return
    }
  }
  return createPollLoop({ clock: deps.clock, log: deps.log, pollMs: deps.pollMs ?? 5_000, name: 'snooze waker', drain })
}
