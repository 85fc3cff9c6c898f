// Satisfaction: one answer per conversation, by the period the answer came.
import { describe, expect, it } from 'vitest'
import { conversationFacts, type ConversationFacts } from './conversation-facts.ts'
import { satisfactionFigures } from './satisfaction.ts'
import { step, timeline } from './test-timeline.ts'

const DAY = { from: Date.parse('2026-05-11T22:00:00Z'), to: Date.parse('2026-05-12T22:00:00Z') }
const answered = (id: string, start: string, scores: unknown[], queue = 'Z'): ConversationFacts =>
  conversationFacts({
    conversationId: id,
    channel: 'voice',
    entryQueueId: queue,
    events: timeline(start, [[0, step.created()], [5, step.assigned('ola')], [100, step.wrappedUp()], [110, step.surveyAsked()], ...scores.map((s, i) => [200 + i * 60, step.surveyAnswer(s)] as const)], id),
  })

const facts = [
  answered('v1', '2026-05-12T08:00:00Z', [5]),
  // A second answer in the same conversation is never counted twice.
  answered('v2', '2026-05-12T09:00:00Z', [2, 5]),
  answered('v3', '2026-05-12T10:00:00Z', [4], 'Y'),
  answered('v4', '2026-05-12T11:00:00Z', []),
  // Called on the 12th, answered the next day (local): counted then.
  answered('v5', '2026-05-12T21:57:00Z', [1]), // the answer at 22:00:20 UTC, 00:00:20 on the 13th in Warsaw
]

describe('satisfaction', () => {
  it('average, count and distribution over one answer per conversation', () => {
    expect(satisfactionFigures(facts, DAY)).toEqual({ answers: 3, average: 11 / 3, distribution: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 }, satisfiedShare: 2 / 3 })
    expect(satisfactionFigures(facts, DAY, { queueId: 'Y' })).toEqual({ answers: 1, average: 4, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 }, satisfiedShare: 1 })
  })

  it('an empty period has no average', () => {
    expect(satisfactionFigures(facts, { from: 0, to: 1 })).toEqual({ answers: 0, average: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, satisfiedShare: null })
  })

  it('counts an answer in the period it came', () => {
    const nextDay = { from: DAY.to, to: DAY.to + 86_400_000 }
    expect(satisfactionFigures(facts, nextDay)).toMatchObject({ answers: 1, average: 1 })
  })
})
