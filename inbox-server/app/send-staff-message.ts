// A consultant replies or writes a private note: stored once per clientId; answering takes an unassigned conversation.
import type { TimelineEvent } from '../../protocol/rest.ts'
import { afterStaffReply } from '../domain/conversation-lifecycle.ts'
import type { Bus, Clock, ConsultantRecord, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'

export type StaffSendOutcome =
  | { ok: true; event: TimelineEvent; duplicate: boolean }
  | { ok: false; error: 'not_found' }

export interface StaffMessage {
  consultant: ConsultantRecord
  conversationId: string
  clientId: string
  text: string
  private: boolean
}

export function createSendStaffMessage(deps: { store: Store; bus: Bus; clock: Clock }) {
  return async function sendStaffMessage(m: StaffMessage): Promise<StaffSendOutcome> {
    const known = await deps.store.findEventByClientId(m.consultant.id, m.clientId)
    if (known) return { ok: true, event: known, duplicate: true }
    const now = deps.clock.now()
    const author = { kind: 'consultant' as const, id: m.consultant.id, name: m.consultant.name }
    const r = await deps.store.transaction(async (tx) => {
      const conv = await tx.lockConversation(m.conversationId)
      if (!conv) return { ok: false as const, error: 'not_found' as const }
      const dup = await tx.findEventByClientId(m.consultant.id, m.clientId)
      if (dup) return { ok: true as const, event: dup, duplicate: true, contactId: conv.contactId, written: [] }

      const written: TimelineEvent[] = []
      if (!m.private) {
        const change = afterStaffReply(conv, m.consultant.id)
        if (change.transition) {
          await tx.updateConversation(conv.id, { status: change.status, assigneeId: change.assigneeId })
          written.push(
            await tx.appendEvent(
              conv.id,
              { type: 'assignment', direction: null, text: null, author, data: { assigneeId: change.assigneeId, assigneeName: m.consultant.name, status: change.status } },
              now,
            ),
          )
        }
      }
      const event = await tx.appendEvent(
        conv.id,
        m.private
          ? { type: 'note', direction: null, text: m.text, author, clientId: m.clientId }
          : { type: 'message', direction: 'out', text: m.text, author, clientId: m.clientId },
        now,
      )
      written.push(event)
      return { ok: true as const, event, duplicate: false, contactId: conv.contactId, written }
    })
    if (!r.ok) return r
    publishEvents(deps.bus, r.contactId, r.written)
    return { ok: true, event: r.event, duplicate: r.duplicate }
  }
}
