// A consultant resolves a conversation or sets it pending; the freed capacity goes back to routing.
import type { StaffStatusTarget } from '../domain/staff-status-change.ts'
import { staffChangesStatus } from '../domain/staff-status-change.ts'
import type { AssignWaiting } from './assign-waiting.ts'
import type { Bus, Clock, ConsultantRecord, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { SlaClocks } from './sla-clocks.ts'

export type ChangeStatusOutcome = { ok: true; event: TimelineEvent } | { ok: false; error: 'not_found' | 'no_change' | 'not_allowed' }

export function createChangeStatus(deps: { store: Store; bus: Bus; clock: Clock; assignWaiting: AssignWaiting; sla?: SlaClocks }) {
  return async function changeStatus(m: { consultant: ConsultantRecord; conversationId: string; status: StaffStatusTarget }): Promise<ChangeStatusOutcome> {
    const now = deps.clock.now()
    const slaContext = deps.sla ? await deps.sla.context() : null
    const r = await deps.store.transaction(async (tx) => {
      const conv = await tx.lockConversation(m.conversationId)
      if (!conv) return { ok: false as const, error: 'not_found' as const }
      const change = staffChangesStatus(conv.status, m.status)
      if (!change.ok) return change
      await tx.updateConversation(conv.id, { status: change.status, resolvedAt: change.status === 'resolved' ? now : null })
      const appended = await tx.appendEvent(
        { conversationId: conv.id },
        {
          type: 'status',
          direction: null,
          text: null,
          author: { kind: 'consultant', id: m.consultant.id, name: m.consultant.name },
          data: { status: change.status, transition: change.status },
        },
        now,
      )
      if (!appended) return { ok: false as const, error: 'not_found' as const }
      // Resolving fulfils the resolution clock; pending (waiting for the citizen) pauses every clock.
      const sla = deps.sla && slaContext ? await deps.sla.apply(tx, slaContext, conv, [change.status === 'resolved' ? 'resolved' : 'paused'], now) : null
      return { ok: true as const, event: appended.event, to: conv, sla }
    })
    if (!r.ok) return r
    publishEvents(deps.bus, r.to, [r.event, ...(r.sla?.written ?? [])])
    if (r.sla) deps.sla?.armed(r.to.id, r.sla)
    // Awaited: when the answer comes, the freed capacity has already been offered to the queue.
    await deps.assignWaiting()
    return { ok: true, event: r.event }
  }
}
