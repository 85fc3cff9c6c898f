// The whole report, per queue and per channel kind: a call transferred between queues counts in both.
import { describe, expect, it } from 'vitest'
import { conversationFacts } from './conversation-facts.ts'
import { metricsReport, queuesOf, reportsByChannel, reportsByQueue } from './metrics-report.ts'
import { metricsSettings } from './metrics-settings.ts'
import { SECOND, step, timeline } from './test-timeline.ts'

const DAY = { from: Date.parse('2026-05-11T22:00:00Z'), to: Date.parse('2026-05-12T22:00:00Z') }
const settings = metricsSettings()

// A call answered in A (8 s) and transferred to B, where the caller hangs up after 28 s; a chat answered in B after 50 s.
const facts = [
  conversationFacts({
    conversationId: 'v1',
    channel: 'voice',
    entryQueueId: 'A',
    events: timeline('2026-05-12T08:00:00Z', [
      [0, step.created()],
      [8, step.assigned('ola', 'routing')],
      [70, step.consultantLeg('completed', 60)],
      [70, step.transferredToQueue('B', 'ola')],
      [98, step.queueResult('hangup', 28)],
      [98, step.abandoned(28)],
    ], 'v1'),
  }),
  conversationFacts({
    conversationId: 'w1',
    channel: 'webchat',
    entryQueueId: 'B',
    events: timeline('2026-05-12T09:00:00Z', [[0, step.created()], [50, step.assigned('jan')], [60, step.consultantWrites('jan')], [400, step.resolved()], [500, step.surveyAnswer(4)]], 'w1'),
  }),
]

describe('the report', () => {
  it('a transferred call is offered in both queues, answered in A, abandoned only in B', () => {
    const a = metricsReport(facts, DAY, settings, { queueId: 'A' })
    const b = metricsReport(facts, DAY, settings, { queueId: 'B' })
    expect([a.queue.offered, a.queue.answered, a.queue.abandoned, a.queue.serviceLevel, a.moves.transfers]).toEqual([1, 1, 0, 1, 1])
    expect([b.queue.offered, b.queue.answered, b.queue.abandoned, b.queue.serviceLevel, b.moves.transfers]).toEqual([2, 1, 1, 1 / 2, 0])
    // The call's talk time counts where its work ended (B), with the chat's 350 s.
    expect(b.handling).toEqual({ handled: 2, averageHandlingMs: ((60 + 350) / 2) * SECOND })
    expect(b.satisfaction.answers).toBe(1)
  })

  it('per queue and per channel kind, the same figures as asked one by one', () => {
    expect(queuesOf(facts)).toEqual(['A', 'B'])
    expect(reportsByQueue(facts, DAY, settings)).toEqual([
      { queueId: 'A', report: metricsReport(facts, DAY, settings, { queueId: 'A' }) },
      { queueId: 'B', report: metricsReport(facts, DAY, settings, { queueId: 'B' }) },
    ])
    const byChannel = reportsByChannel(facts, DAY, settings)
    expect(byChannel.map((r) => [r.channel, r.report.queue.offered, r.report.queue.answered, r.report.queue.abandoned])).toEqual([
      ['webchat', 1, 1, 0],
      ['voice', 2, 1, 1],
    ])
    const all = metricsReport(facts, DAY, settings)
    expect([all.queue.offered, all.queue.answered, all.queue.abandoned]).toEqual([3, 2, 1])
  })

  it('of no conversations', () => {
    expect(reportsByQueue([], DAY, settings)).toEqual([])
    expect(reportsByChannel([], DAY, settings)).toEqual([])
    expect(metricsReport([], DAY, settings).queue.serviceLevel).toBeNull()
  })
})
