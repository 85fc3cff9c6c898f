// An SLA timer went off: under the conversation's row lock its clocks take the `due` step, so a warning or a breach
// is written once however many nodes fire together; a breach then does what the policy says.
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { AssignWaiting } from './assign-waiting.ts'
import type { Bus, Clock, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'
import { requeuedInto } from './requeue.ts'
import { routingEvent, SYSTEM_AUTHOR } from './routing-events.ts'
import type { SlaClocks } from './sla-clocks.ts'

export function createFireSla(deps: { store: Store; bus: Bus; clock: Clock; sla: SlaClocks; assignWaiting: AssignWaiting }) {
  return async function fireSla(conversationId: string): Promise<void> {
    const now = deps.clock.now()
    const ctx = await deps.sla.context()
    // Queues are read before the transaction (PGlite has one connection), only if a breach may re-route.
    const queues = ctx.reroutes ? (await deps.store.entryContext()).queues : []
    const r = await deps.store.transaction(async (tx) => {
      const locked = await tx.lockConversationWithSla(conversationId)
      if (!locked) return null
      const conv = locked.conv
      const applied = await deps.sla.apply(tx, ctx, conv, ['due'], now, locked.sla)
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
      return { conv, applied, written, reorder: breached && (rerouted || policy?.onBreach === 'raise_priority') }
    })
    if (!r) return
    publishEvents(deps.bus, r.conv, r.written)
    // The heap gave this deadline up when it fired: arm the next one (or the same, if it fired early) again.
    deps.sla.rearm(conversationId, r.applied.fireAt)
    for (const s of r.applied.steps) {
      if (s.step !== 'warning' && s.step !== 'breached') continue
      deps.bus.publish({ type: 'sla', conversationId, officeId: r.conv.officeId, assigneeId: r.conv.assigneeId, clock: s.clock, step: s.step, dueAt: s.dueAt })
    }
    if (r.reorder) await deps.assignWaiting()
  }
}
