// Figures per consultant: answers, handling, first responses, resolutions and ratings go to the right person, a
// transfer moving the work to whoever takes it.
import { describe, expect, it } from 'vitest'
import { figuresByConsultant } from './by-consultant.ts'
import { conversationFacts } from './conversation-facts.ts'
import { SECOND, step, timeline } from './test-timeline.ts'

const DAY = { from: Date.parse('2026-05-11T22:00:00Z'), to: Date.parse('2026-05-12T22:00:00Z') }
const chat = (id: string, steps: Parameters<typeof timeline>[1]) => conversationFacts({ conversationId: id, channel: 'webchat', entryQueueId: 'Z', events: timeline('2026-05-12T08:00:00Z', steps, id) })

describe('figures per consultant', () => {
  it('credits the answer to who took it, the handling, resolution and rating to who had it at the end', () => {
    const facts = [
      chat('a', [[0, step.created()], [20, step.assigned('ola')], [50, step.consultantWrites('ola')], [320, step.resolved()], [400, step.surveyAnswer(5)]]),
      chat('b', [[0, step.created()], [10, step.assigned('ola')], [40, step.transferredToConsultant('jan', 'ola')], [40, step.assigned('jan', 'transferred')], [100, step.consultantWrites('jan')], [610, step.resolved()], [700, step.surveyAnswer(3)]]),
    ]
    const byId = Object.fromEntries(figuresByConsultant(facts, DAY).map((f) => [f.consultantId, f]))
    expect(byId.ola).toEqual({ consultantId: 'ola', answered: 2, handled: 1, averageHandlingMs: 300 * SECOND, firstResponses: 1, firstResponseMedianMs: 50 * SECOND, resolved: 1, satisfactionAverage: 5, satisfactionAnswers: 1 })
    expect(byId.jan).toMatchObject({ answered: 0, handled: 1, averageHandlingMs: 600 * SECOND, firstResponses: 1, firstResponseMedianMs: 100 * SECOND, resolved: 1, satisfactionAverage: 3, satisfactionAnswers: 1 })
  })

  it('is empty for an empty period', () => {
    expect(figuresByConsultant([], DAY)).toEqual([])
  })
})
