// Property test: random timelines never give figures outside their bounds, and the parts add up to the whole.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ChannelKind } from '../../../protocol/channel.ts'
import { conversationFacts, type ConversationFacts } from './conversation-facts.ts'
import { waitingNow } from './live-queue.ts'
import { metricsReport, reportsByChannel, reportsByQueue } from './metrics-report.ts'
import { metricsSettings } from './metrics-settings.ts'
import { entriesIn, queueFigures } from './service-level.ts'
import { step, timeline } from './test-timeline.ts'
import { byHourOfDay } from './time-buckets.ts'

// Any step in any order (even timelines the app would never write).
const steps = [
  step.citizenWrites(),
  step.consultantWrites('ola'),
  step.offered('ola'),
  step.declined('ola'),
  step.timedOut('ola'),
  step.assigned('ola'),
  step.assigned('jan', 'routing'),
  step.transferredToQueue('B'),
  step.transferredToConsultant('jan'),
  step.escalated('PUP'),
  step.returned('PUP'),
  step.rerouted('A'),
  step.resolved(),
  step.wrappedUp(),
  step.pending(),
  step.snoozed(),
  step.woke('queued'),
  step.woke('assigned'),
  step.reopenedByCitizen(),
  step.reopenedByStaff('ola'),
  step.visitorLeft(),
  step.abandoned(3),
  step.abandoned(40),
  step.abandoned(),
  step.notAnswered('ola'),
  step.callVoicemail(),
  step.consultantLeg('completed', 30),
  step.callerLeg('completed', 2, 90),
  step.surveyAnswer(3),
  step.surveyAnswer(5),
]

interface Generated {
  channel: ChannelKind
  startMinute: number
  steps: [gap: number, step: number][]
}

const conversation: fc.Arbitrary<Generated> = fc.record({
  channel: fc.constantFrom<ChannelKind>('voice', 'webchat', 'email'),
  startMinute: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  steps: fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: steps.length - 1 })), { maxLength: 25 }),
})

const BASE = Date.parse('2026-03-28T00:00:00Z')
function build(convs: readonly Generated[]): ConversationFacts[] {
  return convs.map((c, i) => {
    let t = 0
    const list = [[0, step.created()] as const, ...c.steps.map(([gap, k]) => [(t += gap), steps[k]!] as const)]
    return conversationFacts({ conversationId: `c${i}`, channel: c.channel, entryQueueId: 'A', officeQueues: new Map([['PUP', 'Q-PUP']]), events: timeline(new Date(BASE + c.startMinute * 60_000).toISOString(), list, `c${i}`) })
  })
}

const between01 = (x: number | null) => x === null || (x >= 0 && x <= 1)

describe('metrics invariants', () => {
  it('0 ≤ rates ≤ 1, answered + abandoned ≤ offered, durations ≥ 0; queues, channels and hours add up to the whole', () => {
    fc.assert(
      fc.property(fc.array(conversation, { maxLength: 8 }), fc.integer({ min: 0, max: 3 * 24 * 60 }), fc.integer({ min: 0, max: 3 * 24 * 60 }), fc.integer({ min: 0, max: 30_000 }), (convs, a, b, short) => {
        const facts = build(convs)
        const period = { from: BASE + Math.min(a, b) * 60_000, to: BASE + Math.max(a, b) * 60_000 }
        const settings = metricsSettings({ shortAbandonMs: short })
        const r = metricsReport(facts, period, settings)
        const q = r.queue
        expect(q.answered + q.abandoned).toBeLessThanOrEqual(q.offered)
        expect(q.answered + q.abandoned + q.movedOut + q.closedUnanswered + q.waiting).toBe(q.offered)
        expect(q.answeredWithinTarget).toBeLessThanOrEqual(q.answered)
        expect(between01(q.serviceLevel) && between01(q.abandonRate)).toBe(true)
        expect(q.averageSpeedOfAnswerMs === null || q.averageSpeedOfAnswerMs >= 0).toBe(true)
        for (const v of [r.handling.averageHandlingMs, r.responses.firstResponseMedianMs, r.responses.firstResponseP90Ms, r.responses.resolutionMedianMs, r.responses.resolutionP90Ms]) {
          expect(v === null || v >= 0).toBe(true)
        }
        if (r.responses.firstResponseMedianMs !== null) expect(r.responses.firstResponseMedianMs).toBeLessThanOrEqual(r.responses.firstResponseP90Ms!)
        expect(r.satisfaction.average === null || (r.satisfaction.average >= 1 && r.satisfaction.average <= 5)).toBe(true)
        expect(r.satisfaction.answers).toBeLessThanOrEqual(facts.length)

        const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0)
        expect(sum(reportsByQueue(facts, period, settings).map((x) => x.report.queue.offered))).toBe(q.offered)
        expect(sum(reportsByChannel(facts, period, settings).map((x) => x.report.queue.offered))).toBe(q.offered)
        expect(sum(byHourOfDay(entriesIn(facts, period), settings).map((x) => x.offered))).toBe(q.offered)
        expect(queueFigures(entriesIn(facts, period), settings)).toEqual(q)

        const live = waitingNow(facts, period.to)
        expect(live.waiting >= 0 && (live.longestWaitMs === null || live.longestWaitMs >= 0)).toBe(true)
      }),
      { numRuns: 200 },
    )
  })
})
