// First response and resolution medians and p90 over hand-computed conversations, reopenings included.
import { describe, expect, it } from 'vitest'
import type { ChannelKind } from '../../../protocol/channel.ts'
import { conversationFacts, type ConversationFacts } from './conversation-facts.ts'
import { responseFigures } from './response-times.ts'
import { SECOND, step, timeline } from './test-timeline.ts'

const DAY = { from: Date.parse('2026-05-11T22:00:00Z'), to: Date.parse('2026-05-12T22:00:00Z') }
const conv = (id: string, channel: ChannelKind, start: string, steps: Parameters<typeof timeline>[1]): ConversationFacts =>
  conversationFacts({ conversationId: id, channel, entryQueueId: 'Z', events: timeline(start, steps, id) })

const facts = [
  // First response 30 s, resolved after 600 s.
  conv('w1', 'webchat', '2026-05-12T08:00:00Z', [[0, step.created()], [0, step.citizenWrites()], [10, step.assigned('ola')], [30, step.consultantWrites('ola')], [600, step.resolved()]]),
  // First response 90 s, resolved after 900 s, reopened by the citizen: 20 s and 120 s the second time.
  conv('w2', 'webchat', '2026-05-12T09:00:00Z', [
    [0, step.created()],
    [0, step.citizenWrites()],
    [90, step.consultantWrites('ola')],
    [90, step.assigned('ola', 'replied')],
    [900, step.resolved()],
    [5000, step.citizenWrites()],
    [5000, step.reopenedByCitizen()],
    [5020, step.consultantWrites('jan')],
    [5020, step.assigned('jan', 'replied')],
    [5120, step.resolved()],
  ]),
  // E-mail: first response after 2 h (wall time, nights and weekends included), not resolved yet.
  conv('e1', 'email', '2026-05-12T10:00:00Z', [[0, step.created()], [7200, step.assigned('ola', 'picked')], [7200, step.consultantWrites('ola')]]),
  // No reply yet.
  conv('w3', 'webchat', '2026-05-12T11:00:00Z', [[0, step.created()], [0, step.citizenWrites()], [0, step.automaticReply()]]),
  // A call: no first response measured (its answer is the speed of answer); resolved after 300 s.
  conv('v1', 'voice', '2026-05-12T12:00:00Z', [[0, step.created()], [10, step.assigned('ola')], [300, step.wrappedUp()]]),
  // Staff reopened a resolved one: no first response due; resolved 60 s after the reopening.
  conv('w4', 'webchat', '2026-05-12T13:00:00Z', [[0, step.created()], [5, step.consultantWrites('ola')], [5, step.assigned('ola', 'replied')], [50, step.resolved()], [100, step.reopenedByStaff('ola')], [160, step.resolved()]]),
]

describe('first response and resolution times', () => {
  it('median and p90 over the day, each reopening measured as work of its own', () => {
    // First responses (s): w1 30, w2 90 and 20, e1 7200, w4 5 → sorted 5, 20, 30, 90, 7200.
    // Resolutions (s): w1 600, w2 900 and 120, v1 300, w4 50 and 60 → sorted 50, 60, 120, 300, 600, 900.
    expect(responseFigures(facts, DAY)).toEqual({
      firstResponses: 5,
      awaitingFirstResponse: 1,
      firstResponseMedianMs: 30 * SECOND,
      // p90: rank 0.9 × 4 = 3.6 → 90 + 0.6 × (7200 − 90) = 4356 s.
      firstResponseP90Ms: expect.closeTo(4356 * SECOND, 3),
      resolved: 6,
      resolutionMedianMs: ((120 + 300) / 2) * SECOND,
      // p90: rank 0.9 × 5 = 4.5 → 600 + 0.5 × (900 − 600) = 750 s.
      resolutionP90Ms: 750 * SECOND,
      reopened: 2,
    })
  })

  it('per channel kind', () => {
    expect(responseFigures(facts, DAY, { channel: 'email' })).toMatchObject({ firstResponses: 1, firstResponseMedianMs: 7200 * SECOND, resolved: 0, resolutionMedianMs: null })
    expect(responseFigures(facts, DAY, { channel: 'voice' })).toMatchObject({ firstResponses: 0, awaitingFirstResponse: 0, resolved: 1, resolutionMedianMs: 300 * SECOND })
  })

  it('an empty period', () => {
    expect(responseFigures(facts, { from: 0, to: 1 })).toEqual({
      firstResponses: 0,
      awaitingFirstResponse: 0,
      firstResponseMedianMs: null,
      firstResponseP90Ms: null,
      resolved: 0,
      resolutionMedianMs: null,
      resolutionP90Ms: null,
      reopened: 0,
    })
  })
})
