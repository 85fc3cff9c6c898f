// Conversations as staff see them: the store's view with an SLA badge in business time, and no stored clock state.
import type { Conversation } from '../../protocol/rest.ts'
import { isOpen } from '../domain/calendar/business-time.ts'
import { slaBadge, type SlaState } from '../domain/sla/sla-clocks.ts'
import type { Clock, ConversationView } from './ports.ts'
import type { SlaContexts } from './sla-context.ts'

export type PresentConversations = (views: ConversationView[]) => Promise<Conversation[]>

export function createPresentConversations(deps: { contexts: SlaContexts; clock: Clock }): PresentConversations {
  return async (views) => {
    const now = deps.clock.now()
    const needsSla = views.some((v) => v.slaState)
    const ctx = needsSla ? await deps.contexts.get() : null
    return views.map(({ slaState, ...view }) => {
      const policy = slaState?.policyId && ctx ? ctx.policyById(slaState.policyId) : undefined
      if (!slaState || !ctx || !policy) return { ...view, sla: null }
      const rules = ctx.rules(policy, view)
      const badge = slaBadge({ clocks: slaState.clocks as SlaState['clocks'] }, now, rules.time)
      return {
        ...view,
        sla: badge ? { ...badge, at: now.toISOString(), openNow: isOpen(now, rules.calendar) } : null,
      }
    })
  }
}
