// Ring-no-answer: an offer not accepted in time goes back to the head of its queue, and its consultant is marked not responding.
import type { AssignWaiting } from './assign-waiting.ts'
import type { Bus, Clock, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'
import { routingEvent, SYSTEM_AUTHOR } from './routing-events.ts'

/** The presence reason of a consultant who let an offer ring out; they must set themselves available again. */
export const NOT_RESPONDING = 'not_responding'

export function createExpireOffer(deps: { store: Store; bus: Bus; clock: Clock; assignWaiting: AssignWaiting }) {
  /** Fires at most once per offer, whatever the number of nodes: the conditional update decides. */
  return async function expireOffer(conversationId: string): Promise<boolean> {
    const now = deps.clock.now()
    const r = await deps.store.transaction(async (tx) => {
      const gone = await tx.withdrawOffer(conversationId, { expiredBy: now })
      if (!gone) return null
      const appended = await tx.appendEvent({ conversationId }, routingEvent('timed_out', { consultantId: gone.consultantId }, SYSTEM_AUTHOR), now)
      return appended ? { ...gone, event: appended.event, to: appended.conversation } : null
    })
    if (!r) return false
    publishEvents(deps.bus, r.to, [r.event])
    const consultant = await deps.store.findConsultantById(r.consultantId)
    await deps.store.setPresence(r.consultantId, 'busy', NOT_RESPONDING, now)
    deps.bus.publish({ type: 'presence', consultantId: r.consultantId, name: consultant?.name ?? '', presence: 'busy', reason: NOT_RESPONDING })
    await deps.assignWaiting()
    return true
  }
}
