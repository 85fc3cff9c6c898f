// Average handling time: for calls the consultants' talk time as the provider measured it (after-call work not
// included), for written channels the wall time from the answer to the resolution. Counted in the period the
// handling ended, in the queue the conversation was in when its work ended.
import type { ConversationFacts } from './conversation-facts.ts'
import { mean } from './percentiles.ts'
import { inScope, within, type Period, type Scope } from './period.ts'

export interface HandlingFigures {
  handled: number
  averageHandlingMs: number | null
}

export function handlingTimes(facts: readonly ConversationFacts[], period: Period, scope: Scope = {}): number[] {
  const times: number[] = []
  for (const f of facts) {
    for (const ep of f.episodes) {
      if (ep.handlingMs !== null && within(period, ep.handledAt) && inScope(scope, ep.queueId, f.channel)) times.push(ep.handlingMs)
    }
  }
  return times
}

export function handlingFigures(facts: readonly ConversationFacts[], period: Period, scope: Scope = {}): HandlingFigures {
  const times = handlingTimes(facts, period, scope)
  return { handled: times.length, averageHandlingMs: mean(times) }
}
