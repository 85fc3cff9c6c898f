// Transfers, escalations, hand-backs and reroutes counted in the queue the conversation left.
import { describe, expect, it } from 'vitest'
import { conversationFacts } from './conversation-facts.ts'
import { step, timeline } from './test-timeline.ts'
import { moveFigures } from './transfers.ts'

const DAY = { from: Date.parse('2026-05-11T22:00:00Z'), to: Date.parse('2026-05-12T22:00:00Z') }

const facts = [
  conversationFacts({
    conversationId: 'c1',
    channel: 'webchat',
    entryQueueId: 'A',
    officeQueues: new Map([['PUP-Radom', 'Q-Radom']]),
    events: timeline('2026-05-12T08:00:00Z', [
      [0, step.created()],
      [5, step.assigned('ola')],
      [60, step.transferredToQueue('B', 'ola')],
      [70, step.assigned('jan')],
      [80, step.transferredToConsultant('ewa', 'jan')],
      [80, step.assigned('ewa', 'transferred')],
      [200, step.escalated('PUP-Radom', 'ewa')],
      [300, step.returned('PUP-Radom')],
    ]),
  }),
  conversationFacts({
    conversationId: 'c2',
    channel: 'voice',
    entryQueueId: 'A',
    // A supervisor gives the waiting call to a consultant: an answer, not a transfer. Then an SLA reroute of another wait.
    events: timeline('2026-05-12T09:00:00Z', [[0, step.created()], [30, step.transferredToConsultant('ola')], [30, step.assigned('ola', 'transferred')], [90, step.transferredToQueue('B', 'ola')], [700, step.rerouted('A')]], 'c2'),
  }),
]

describe('transfers and escalations', () => {
  it('count in the queue the conversation left', () => {
    expect(moveFigures(facts, DAY)).toEqual({ transfers: 3, escalations: 1, returns: 1, reroutes: 1 })
    expect(moveFigures(facts, DAY, { queueId: 'A' })).toEqual({ transfers: 2, escalations: 0, returns: 0, reroutes: 0 })
    expect(moveFigures(facts, DAY, { queueId: 'B' })).toEqual({ transfers: 1, escalations: 1, returns: 0, reroutes: 1 })
    expect(moveFigures(facts, DAY, { queueId: 'Q-Radom' })).toEqual({ transfers: 0, escalations: 0, returns: 1, reroutes: 0 })
    expect(moveFigures(facts, DAY, { channel: 'voice' })).toEqual({ transfers: 1, escalations: 0, returns: 0, reroutes: 1 })
  })

  it('an empty period', () => {
    expect(moveFigures(facts, { from: DAY.to, to: DAY.to + 1 })).toEqual({ transfers: 0, escalations: 0, returns: 0, reroutes: 0 })
  })
})
