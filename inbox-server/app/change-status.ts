// A consultant resolves a conversation or sets it pending; the freed capacity goes back to routing.
import type { StaffStatusTarget } from '../domain/staff-status-change.ts'
import { staffChangesStatus } from '../domain/staff-status-change.ts'
import type { AssignWaiting } from './assign-waiting.ts'
import type { Bus, Clock, ConsultantRecord, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'
import type { TimelineEvent } from '../../protocol/rest.ts'

export type ChangeStatusOutcome = { ok: true; event: TimelineEvent } | { ok: false; error: 'not_found' | 'no_change' | 'not_allowed' }

export function createChangeStatus(deps: { store: Store; bus: Bus; clock: Clock; assignWaiting: AssignWaiting }) {
  return async function changeStatus(m: { consultant: ConsultantRecord; conversationId: string; status: StaffStatusTarget }): Promise<ChangeStatusOutcome> {
    const now = deps.clock.now()
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
      return { ok: true as const, event: appended.event, to: conv }
    })
    if (!r.ok) return r
    publishEvents(deps.bus, r.to, [r.event])
    // Awaited: when the answer comes, the freed capacity has already been offered to the queue.
    await deps.assignWaiting()
    return { ok: true, event: r.event }
  }
}
