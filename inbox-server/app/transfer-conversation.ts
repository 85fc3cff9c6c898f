// Hands a conversation to another queue (it waits there) or straight to a consultant, with a note for staff.
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { AssignWaiting } from './assign-waiting.ts'
import type { Bus, Clock, ConsultantRecord, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'
import { requeuedInto } from './requeue.ts'
import { assignmentEvent, routingEvent, staffAuthor } from './routing-events.ts'

export type TransferTarget = { queueId: string } | { consultantId: string }
export type TransferOutcome = { ok: true; event: TimelineEvent } | { ok: false; error: 'not_found' | 'target_not_found' | 'not_allowed' | 'not_waiting' }

export function createTransferConversation(deps: { store: Store; bus: Bus; clock: Clock; assignWaiting: AssignWaiting }) {
  /** `onlyIfWaiting`: a supervisor's hand assignment from the board; refused once it is no longer queued or offered. */
  return async function transfer(m: { by: ConsultantRecord; conversationId: string; to: TransferTarget; note: string | null; onlyIfWaiting?: boolean }): Promise<TransferOutcome> {
    const now = deps.clock.now()
    const target =
      'queueId' in m.to
        ? await deps.store.getQueue(m.to.queueId)
        : await deps.store.findConsultantById(m.to.consultantId).then((c) => (c && !c.disabled ? c : null))
    if (!target) return { ok: false, error: 'target_not_found' }
    const from = { fromConsultantId: m.by.id, fromName: m.by.name, note: m.note }
    const byStaff = staffAuthor(m.by)
    const { queues } = await deps.store.entryContext()

    const r = await deps.store.transaction(async (tx) => {
      await tx.lockRouting()
      const conv = await tx.lockConversation(m.conversationId)
      if (!conv) return { ok: false as const, error: 'not_found' as const }
      if (conv.status === 'resolved') return { ok: false as const, error: 'not_allowed' as const }
      if (m.onlyIfWaiting && conv.status !== 'queued' && conv.status !== 'offered') return { ok: false as const, error: 'not_waiting' as const }
      const written: TimelineEvent[] = []
      if ('queueId' in m.to) {
        // It joins the other queue as a new arrival there; who declined it here may well take it there.
        await tx.updateConversation(conv.id, requeuedInto(now, conv, m.to.queueId, queues))
        const e = await tx.appendEvent({ conversationId: conv.id }, routingEvent('transferred', { toQueueId: target.id, toQueueName: target.name, ...from }, byStaff), now)
        if (e) written.push(e.event)
      } else {
        await tx.updateConversation(conv.id, { status: 'assigned', assigneeId: target.id, offerExpiresAt: null })
        const note = await tx.appendEvent({ conversationId: conv.id }, routingEvent('transferred', { toConsultantId: target.id, toName: target.name, ...from }, byStaff), now)
        const assigned = await tx.appendEvent({ conversationId: conv.id }, assignmentEvent(target, 'transferred', byStaff), now)
        for (const e of [note, assigned]) if (e) written.push(e.event)
      }
      return { ok: true as const, written, to: conv }
    })
    if (!r.ok) return r
    publishEvents(deps.bus, r.to, r.written)
    await deps.assignWaiting()
    return { ok: true, event: r.written[0]! }
  }
}
