// Average handling time per channel kind: talk time for calls, answer to resolution for written channels.
import { describe, expect, it } from 'vitest'
import { conversationFacts, type ConversationFacts } from './conversation-facts.ts'
import { handlingFigures } from './handling.ts'
import { SECOND, step, timeline } from './test-timeline.ts'
import type { ChannelKind } from '../../../protocol/channel.ts'

const DAY = { from: Date.parse('2026-05-11T22:00:00Z'), to: Date.parse('2026-05-12T22:00:00Z') }
const conv = (id: string, channel: ChannelKind, start: string, steps: Parameters<typeof timeline>[1], queue = 'Z'): ConversationFacts =>
  conversationFacts({ conversationId: id, channel, entryQueueId: queue, events: timeline(start, steps, id) })

const facts = [
  // Calls: talk time as the provider measured it on the consultants' legs, after-call work not included.
  conv('v1', 'voice', '2026-05-12T08:00:00Z', [[0, step.created()], [10, step.assigned('ola', 'routing')], [130, step.consultantLeg('completed', 120)], [131, step.callerLeg('completed', 3, 131)], [300, step.wrappedUp()]]),
  // A call talked through by two consultants (transferred between them): both legs.
  conv('v2', 'voice', '2026-05-12T09:00:00Z', [
    [0, step.created()],
    [5, step.assigned('ola', 'routing')],
    [65, step.consultantLeg('completed', 60)],
    [65, step.transferredToQueue('Z')],
    [70, step.assigned('jan', 'routing')],
    [250, step.consultantLeg('completed', 180, 'CAd2')],
  ]),
  // An abandoned call has no handling.
  conv('v3', 'voice', '2026-05-12T10:00:00Z', [[0, step.created()], [30, step.abandoned(30)]]),
  // Chat: answer (20 s) to resolution (620 s), wall time including the pending stretch.
  conv('w1', 'webchat', '2026-05-12T08:00:00Z', [[0, step.created()], [20, step.assigned('ola')], [100, step.pending()], [500, step.citizenWrites()], [500, step.woke('assigned')], [620, step.resolved()]]),
  // E-mail answered but not resolved yet: not handled yet.
  conv('e1', 'email', '2026-05-12T08:00:00Z', [[0, step.created()], [3600, step.assigned('ola', 'picked')], [3700, step.consultantWrites('ola')]]),
  // Resolved the next day: counted then.
  conv('w2', 'webchat', '2026-05-12T21:50:00Z', [[0, step.created()], [60, step.assigned('ola')], [1260, step.resolved()]]),
]

describe('average handling time', () => {
  it('per channel kind: talk time for calls, answer to resolution for written channels', () => {
    expect(handlingFigures(facts, DAY, { channel: 'voice' })).toEqual({ handled: 2, averageHandlingMs: ((120 + 60 + 180) / 2) * SECOND })
    expect(handlingFigures(facts, DAY, { channel: 'webchat' })).toEqual({ handled: 1, averageHandlingMs: 600 * SECOND })
    expect(handlingFigures(facts, DAY, { channel: 'email' })).toEqual({ handled: 0, averageHandlingMs: null })
    expect(handlingFigures(facts, DAY)).toEqual({ handled: 3, averageHandlingMs: ((120 + 240 + 600) / 3) * SECOND })
  })

  it('in the period the handling ended', () => {
    const nextDay = { from: DAY.to, to: DAY.to + 86_400_000 }
    expect(handlingFigures(facts, nextDay)).toEqual({ handled: 1, averageHandlingMs: 1200 * SECOND })
  })
})
