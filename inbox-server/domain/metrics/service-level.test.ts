// Queue figures of a hand-counted day of calls (short abandons, answers after the target, voicemail), and the live queue.
import { describe, expect, it } from 'vitest'
import { conversationFacts, type ConversationFacts } from './conversation-facts.ts'
import { waitingNow } from './live-queue.ts'
import { metricsSettings } from './metrics-settings.ts'
import { entriesIn, queueFigures } from './service-level.ts'
import { MINUTE, SECOND, step, timeline } from './test-timeline.ts'

// Tuesday 12 May 2026 in Warsaw (CEST, UTC+2): [00:00, 24:00) local.
const DAY = { from: Date.parse('2026-05-11T22:00:00Z'), to: Date.parse('2026-05-12T22:00:00Z') }
const settings = metricsSettings()

const call = (id: string, start: string, steps: Parameters<typeof timeline>[1]): ConversationFacts =>
  conversationFacts({ conversationId: id, channel: 'voice', entryQueueId: 'Z', events: timeline(start, steps, id) })

// The calls of the day in queue Z (target 20 s, short abandon up to 5 s), hand-counted below.
const calls: ConversationFacts[] = [
  call('v1', '2026-05-12T06:00:00Z', [[0, step.created()], [12, step.assigned('ola', 'routing')]]), // in target
  call('v2', '2026-05-12T06:10:00Z', [[0, step.created()], [20, step.assigned('ola', 'routing')]]), // in target: 20 s is within 20 s
  call('v3', '2026-05-12T06:20:00Z', [[0, step.created()], [45, step.assigned('ola', 'routing')]]), // answered after the target
  call('v4', '2026-05-12T06:30:00Z', [[0, step.created()], [4, step.abandoned(3)]]), // short abandon
  call('v5', '2026-05-12T06:40:00Z', [[0, step.created()], [6, step.abandoned(5)]]), // short abandon: 5 s is within 5 s
  call('v6', '2026-05-12T06:50:00Z', [[0, step.created()], [7, step.abandoned(6)]]), // abandoned
  call('v7', '2026-05-12T07:00:00Z', [[0, step.created()], [90, step.abandoned(90)]]), // abandoned
  call('v8', '2026-05-12T02:00:00Z', [[0, step.created()], [0, step.callVoicemail()], [30, step.abandoned()]]), // out of hours
  call('v9', '2026-05-11T21:59:59Z', [[0, step.created()], [5, step.assigned('ola', 'routing')]]), // the day before (23:59:59 local)
  call('v10', '2026-05-12T09:00:00Z', [[0, step.created()], [0, step.callQueued()]]), // still waiting
  call('v11', '2026-05-12T07:10:00Z', [[0, step.created()], [5, step.assigned('ola')], [30, step.notAnswered('ola')], [50, step.assigned('jan')]]), // rang out, answered at 50 s
]

describe('queue figures', () => {
  it('counts a day of calls: short abandons and voicemails outside offered, service level over answered + abandoned', () => {
    const f = queueFigures(entriesIn(calls, DAY), settings)
    expect(f).toEqual({
      offered: 7, // v1 v2 v3 v6 v7 v10 v11
      answered: 4, // v1 v2 v3 v11
      answeredWithinTarget: 2, // v1 v2
      abandoned: 2, // v6 v7
      shortAbandoned: 2, // v4 v5
      movedOut: 0,
      closedUnanswered: 0,
      waiting: 1, // v10
      outOfHours: 1, // v8
      offerTimeouts: 1, // v11
      offerDeclines: 0,
      abandonRate: 2 / 7,
      serviceLevel: 2 / 6,
      averageSpeedOfAnswerMs: ((12 + 20 + 45 + 50) / 4) * SECOND,
    })
  })

  it('takes the short-abandon threshold and the targets as parameters', () => {
    const none = queueFigures(entriesIn(calls, DAY), metricsSettings({ shortAbandonMs: 0 }))
    expect([none.offered, none.abandoned, none.shortAbandoned, none.serviceLevel]).toEqual([9, 4, 0, 2 / 8])
    const generous = queueFigures(entriesIn(calls, DAY), metricsSettings({ queueTargets: { Z: { voice: 60 * SECOND } } }))
    expect([generous.answeredWithinTarget, generous.serviceLevel]).toEqual([4, 4 / 6])
    // A per-queue target applies to that queue only.
    const other = queueFigures(entriesIn(calls, DAY), metricsSettings({ queueTargets: { Y: { voice: 60 * SECOND } } }))
    expect(other.answeredWithinTarget).toBe(2)
  })

  it('selects by queue and channel', () => {
    expect(entriesIn(calls, DAY, { queueId: 'Z', channel: 'voice' })).toHaveLength(10)
    expect(entriesIn(calls, DAY, { queueId: 'Y' })).toEqual([])
    expect(entriesIn(calls, DAY, { channel: 'webchat' })).toEqual([])
  })

  it('an empty period has zero counts and no rates (not 0 %, not NaN)', () => {
    const f = queueFigures(entriesIn(calls, { from: DAY.to, to: DAY.to + 86_400_000 }), settings)
    expect(f).toEqual({
      offered: 0,
      answered: 0,
      answeredWithinTarget: 0,
      abandoned: 0,
      shortAbandoned: 0,
      movedOut: 0,
      closedUnanswered: 0,
      waiting: 0,
      outOfHours: 0,
      offerTimeouts: 0,
      offerDeclines: 0,
      abandonRate: null,
      serviceLevel: null,
      averageSpeedOfAnswerMs: null,
    })
  })

  it('counts a wait in the period it entered the queue, however late it was answered', () => {
    const late = call('late', '2026-05-12T21:59:00Z', [[0, step.created()], [120, step.assigned('ola', 'routing')]])
    expect(queueFigures(entriesIn([late], DAY), settings)).toMatchObject({ offered: 1, answered: 1, averageSpeedOfAnswerMs: 120 * SECOND })
    expect(queueFigures(entriesIn([late], { from: DAY.to, to: DAY.to + MINUTE * 10 }), settings).offered).toBe(0)
  })
})

describe('the live queue', () => {
  it('gives the longest wait of those still waiting at now', () => {
    const now = Date.parse('2026-05-12T09:10:00Z')
    expect(waitingNow(calls, now)).toEqual({ waiting: 1, longestWaitMs: 10 * MINUTE, oldestEnteredAt: Date.parse('2026-05-12T09:00:00Z') })
    expect(waitingNow(calls, now, { queueId: 'Y' })).toEqual({ waiting: 0, longestWaitMs: null, oldestEnteredAt: null })
  })

  it('as of an earlier instant: those answered later were still waiting then', () => {
    // 06:00:10: v1 entered at 06:00:00 and was answered at 06:00:12.
    expect(waitingNow(calls, Date.parse('2026-05-12T06:00:10Z'))).toEqual({ waiting: 1, longestWaitMs: 10 * SECOND, oldestEnteredAt: Date.parse('2026-05-12T06:00:00Z') })
    expect(waitingNow(calls, Date.parse('2026-05-12T06:00:12Z')).waiting).toBe(0)
  })

  it('leaves voicemails out', () => {
    expect(waitingNow(calls, Date.parse('2026-05-12T02:00:10Z')).waiting).toBe(0)
  })
})
