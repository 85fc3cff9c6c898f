// A consultant takes a waiting conversation by hand; it races routing passes under the same lock, and one wins.
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { Bus, Clock, ConsultantRecord, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'
import { assignmentEvent, staffAuthor } from './routing-events.ts'

export type PickOutcome = { ok: true; event: TimelineEvent } | { ok: false; error: 'not_found' | 'not_waiting' }

export function createPickConversation(deps: { store: Store; bus: Bus; clock: Clock }) {
  return async function pick(m: { consultant: ConsultantRecord; conversationId: string }): Promise<PickOutcome> {
    const now = deps.clock.now()
    const r = await deps.store.transaction(async (tx) => {
      // The routing lock: a pass that is assigning this conversation right now finishes first, and then it is gone.
      await tx.lockRouting()
      const conv = await tx.lockConversation(m.conversationId)
      if (!conv) return { ok: false as const, error: 'not_found' as const }
      if (!(await tx.assign(conv.id, m.consultant.id, now))) return { ok: false as const, error: 'not_waiting' as const }
      const appended = await tx.appendEvent({ conversationId: conv.id }, assignmentEvent(m.consultant, 'picked', staffAuthor(m.consultant)), now)
      return appended ? { ok: true as const, event: appended.event, to: conv } : { ok: false as const, error: 'not_found' as const }
    })
    if (!r.ok) return r
    publishEvents(deps.bus, r.to, [r.event])
    return { ok: true, event: r.event }
  }
}
