// An SLA timer went off: under the conversation's row lock its clocks take the `due` step, so a warning or a breach
// is written once however many nodes fire together; a breach then does what the policy says.
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { AssignWaiting } from './assign-waiting.ts'
import type { Bus, Clock, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'
import { requeuedInto } from './requeue.ts'
import { routingEvent, SYSTEM_AUTHOR } from './routing-events.ts'
import type { SlaClocks } from './sla-clocks.ts'

/** What a group fire left to do again: rows another transaction held (they are retried shortly). */
export interface FireOutcome {
  skipped: string[]
}

export type FireSla = (conversationIds: readonly string[]) => Promise<FireOutcome>

/**
 * Fires the SLA timers of a group of conversations in one transaction: the rows are locked together (skipping
 * those another transaction holds, which are retried), each takes its `due` step, and the steps are published
 * after the one commit. One begin, lock and commit per group instead of per deadline: a burst of deadlines at one
 * instant (a Monday opening) fires several times faster.
 */
export function createFireSla(deps: { store: Store; bus: Bus; clock: Clock; sla: SlaClocks; assignWaiting: AssignWaiting }): FireSla {
  return async function fireSla(ids) {
    const now = deps.clock.now()
    const ctx = await deps.sla.context()
    // Queues are read before the transaction (PGlite has one connection), only if a breach may re-route.
    const queues = ctx.reroutes ? (await deps.store.entryContext()).queues : []
    const r = await deps.store.transaction(async (tx) => {
      const locked = await tx.lockConversationsWithSla(ids)
      const fired = []
      for (const { conv, sla } of locked) {
        const applied = await deps.sla.apply(tx, ctx, conv, ['due'], now, sla)
        const written: TimelineEvent[] = [...applied.written]
        const breached = applied.steps.some((s) => s.step === 'breached')
        const policy = applied.policy
        let rerouted = false
        if (breached && policy?.onBreach === 'raise_priority' && policy.breachPriorityBoost > 0) {
          await tx.updateConversation(conv.id, { priority: conv.priority + policy.breachPriorityBoost })
        }
        // Only what still waits is moved: a conversation someone holds stays with them (they and supervisors are told).
        const target = policy?.onBreach === 'reroute' ? policy.rerouteQueueId : null
        if (breached && target && target !== conv.queueId && (conv.status === 'queued' || conv.status === 'offered')) {
          await tx.updateConversation(conv.id, requeuedInto(now, conv, target, queues))
          const name = queues.find((q) => q.id === target)?.name ?? null
          const e = await tx.appendEvent({ conversationId: conv.id }, routingEvent('rerouted', { toQueueId: target, toQueueName: name, reason: 'sla_breach' }, SYSTEM_AUTHOR), now)
          if (e) written.push(e.event)
          rerouted = true
        }
        fired.push({ conv, applied, written, reorder: breached && (rerouted || policy?.onBreach === 'raise_priority') })
      }
      return fired
    })
    for (const f of r) {
      publishEvents(deps.bus, f.conv, f.written)
      // The heap gave this deadline up when it fired: arm the next one (or the same, if it fired early) again.
      deps.sla.rearm(f.conv.id, f.applied.fireAt)
      for (const s of f.applied.steps) {
        if (s.step !== 'warning' && s.step !== 'breached') continue
        deps.bus.publish({ type: 'sla', conversationId: f.conv.id, officeId: f.conv.officeId, assigneeId: f.conv.assigneeId, clock: s.clock, step: s.step, dueAt: s.dueAt })
      }
    }
    const done = new Set(r.map((f) => f.conv.id))
    if (r.some((f) => f.reorder)) await deps.assignWaiting()
    return { skipped: ids.filter((id) => !done.has(id)) }
  }
}
