// A consultant accepts an offered conversation (it becomes theirs) or declines it (it goes to the next consultant).
import type { AssignWaiting } from './assign-waiting.ts'
import type { Bus, Clock, ConsultantRecord, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'
import { assignmentEvent, routingEvent, staffAuthor } from './routing-events.ts'

export type OfferAnswer = { ok: true } | { ok: false; error: 'offer_gone' }

export function createRespondToOffer(deps: { store: Store; bus: Bus; clock: Clock; assignWaiting: AssignWaiting }) {
  return async function respondToOffer(m: { consultant: ConsultantRecord; conversationId: string; accept: boolean }): Promise<OfferAnswer> {
    const now = deps.clock.now()
    const who = { consultantId: m.consultant.id, consultantName: m.consultant.name }
    const r = await deps.store.transaction(async (tx) => {
      if (m.accept) {
        if (!(await tx.acceptOffer(m.conversationId, m.consultant.id, now))) return null
        return tx.appendEvent({ conversationId: m.conversationId }, assignmentEvent(m.consultant, 'accepted', staffAuthor(m.consultant)), now)
      }
      if (!(await tx.withdrawOffer(m.conversationId, { consultantId: m.consultant.id }))) return null
      return tx.appendEvent({ conversationId: m.conversationId }, routingEvent('declined', who, staffAuthor(m.consultant)), now)
    })
    if (!r) return { ok: false, error: 'offer_gone' }
    publishEvents(deps.bus, r.conversation, [r.event])
    if (!m.accept) await deps.assignWaiting()
    return { ok: true }
  }
}
