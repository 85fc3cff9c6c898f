// Figures per consultant for a period: the waits they answered, the work they handled and resolved (the consultant
// who had the conversation when it ended: a transfer moves it), their first responses, and the satisfaction of
// the conversations they had.
import type { ConversationFacts } from './conversation-facts.ts'
import { mean, median } from './percentiles.ts'
import { within, type Period } from './period.ts'

export interface ConsultantFigures {
  consultantId: string
  answered: number
  handled: number
  averageHandlingMs: number | null
  firstResponses: number
  firstResponseMedianMs: number | null
  resolved: number
  satisfactionAverage: number | null
  satisfactionAnswers: number
}

export function figuresByConsultant(facts: readonly ConversationFacts[], period: Period): ConsultantFigures[] {
  const rows = new Map<string, { answered: number; handling: number[]; responses: number[]; resolved: number; scores: number[] }>()
  const row = (id: string) => {
    let r = rows.get(id)
    if (!r) rows.set(id, (r = { answered: 0, handling: [], responses: [], resolved: 0, scores: [] }))
    return r
  }
  for (const f of facts) {
    for (const e of f.entries) if (e.outcome === 'answered' && e.answeredBy && within(period, e.endedAt)) row(e.answeredBy).answered++
    for (const ep of f.episodes) {
      if (!ep.consultantId) continue
      if (ep.handlingMs !== null && within(period, ep.handledAt)) row(ep.consultantId).handling.push(ep.handlingMs)
      if (ep.firstResponseAt !== null && within(period, ep.startedAt)) row(ep.consultantId).responses.push(ep.firstResponseAt - ep.startedAt)
      if (ep.end === 'resolved' && within(period, ep.endedAt)) row(ep.consultantId).resolved++
    }
    // The rating goes to whoever had the conversation last before it came.
    const s = f.survey
    if (s && within(period, s.at)) {
      const before = f.episodes.filter((ep) => ep.consultantId && ep.startedAt <= s.at).at(-1)
      if (before?.consultantId) row(before.consultantId).scores.push(s.score)
    }
  }
  return [...rows.entries()].map(([consultantId, r]) => ({
    consultantId,
    answered: r.answered,
    handled: r.handling.length,
    averageHandlingMs: mean(r.handling),
    firstResponses: r.responses.length,
    firstResponseMedianMs: median(r.responses),
    resolved: r.resolved,
    satisfactionAverage: mean(r.scores),
    satisfactionAnswers: r.scores.length,
  }))
}
