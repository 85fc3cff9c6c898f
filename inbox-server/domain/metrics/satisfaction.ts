// Satisfaction from survey answers (1–5): one answer per conversation (its first), counted in the period it came,
// in the queue and channel of the conversation it rates (a post-call SMS answer counts for the call, `voice`).
import type { ConversationFacts, Score } from './conversation-facts.ts'
import { inScope, within, type Period, type Scope } from './period.ts'

export interface SatisfactionFigures {
  answers: number
  average: number | null
  /** How many answered 1, 2, 3, 4 and 5. */
  distribution: Record<Score, number>
  /** Share of 4 and 5 (the usual CSAT); null without answers. */
  satisfiedShare: number | null
}

export function satisfactionFigures(facts: readonly ConversationFacts[], period: Period, scope: Scope = {}): SatisfactionFigures {
  const distribution: Record<Score, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }
  let answers = 0
  let sum = 0
  for (const f of facts) {
    const s = f.survey
    if (!s || !within(period, s.at) || !inScope(scope, s.queueId, f.channel)) continue
    distribution[s.score]++
    answers++
    sum += s.score
  }
  return {
    answers,
    average: answers > 0 ? sum / answers : null,
    distribution,
    satisfiedShare: answers > 0 ? (distribution[4] + distribution[5]) / answers : null,
  }
}
