// Routing carried out: under one lock across all nodes, plan who takes which waiting conversation and assign them.
import type { TimelineEvent } from '../../protocol/rest.ts'
import { planAssignments } from '../domain/routing/plan-assignments.ts'
import type { Bus, Clock, Logger, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'

/** How many waiting conversations one pass looks at; a pass that fills them all triggers the next. */
const PASS_LIMIT = 500

export type AssignWaiting = () => Promise<void>

/**
 * Returns a trigger, to be pulled on every change that can make a match (arrival, capacity freed, presence).
 * Pulls during a pass are coalesced into one more pass after it, so a burst of arrivals costs two passes.
 */
export function createAssignWaiting(deps: { store: Store; bus: Bus; clock: Clock; log: Logger }): AssignWaiting {
  let running: Promise<void> | null = null
  let queued: Promise<void> | null = null

  async function pass(): Promise<void> {
    const now = deps.clock.now()
    const written = await deps.store.transaction(async (tx) => {
      await tx.lockRouting()
      const { waiting, consultants } = await tx.routingSnapshot(PASS_LIMIT)
      const names = new Map(consultants.map((c) => [c.id, c.name]))
      const out: { contactId: string; event: TimelineEvent }[] = []
      for (const d of planAssignments(waiting, consultants, now.getTime())) {
        if (!(await tx.assign(d.conversationId, d.consultantId, now))) continue
        const appended = await tx.appendEvent(
          { conversationId: d.conversationId },
          {
            type: 'assignment',
            direction: null,
            text: null,
            author: { kind: 'system', id: null, name: null },
            data: { assigneeId: d.consultantId, assigneeName: names.get(d.consultantId) ?? null, status: 'assigned', by: 'routing' },
          },
          now,
        )
        if (appended) out.push({ contactId: appended.conversation.contactId, event: appended.event })
      }
      return out
    })
    for (const w of written) publishEvents(deps.bus, w.contactId, [w.event])
  }

  function trigger(): Promise<void> {
    if (!running) {
      running = pass()
        .catch((err: unknown) => deps.log.error({ err }, 'routing pass failed'))
        .finally(() => {
          running = null
        })
      return running
    }
    queued ??= running.then(() => {
      queued = null
      return trigger()
    })
    return queued
  }
  return trigger
}
