import { describe, expect, it } from 'vitest'
import type { TimelineEvent } from '../../../protocol/rest.ts'
import { slaFigures } from './sla-compliance.ts'

const DAY = { from: Date.parse('2026-05-11T22:00:00Z'), to: Date.parse('2026-05-12T22:00:00Z') }
const sla = (step: string, at: string, extra: Record<string, unknown> = {}) => ({ type: 'sla', createdAt: at, data: { step, clock: 'first_response', ...extra } }) as unknown as TimelineEvent

describe('SLA compliance', () => {
  it('is the share of clocks fulfilled in the period within target; breaches counted when they happen', () => {
    const convs = [
      { channel: 'webchat' as const, queueId: 'A', events: [sla('started', '2026-05-12T08:00:00Z'), sla('fulfilled', '2026-05-12T08:01:00Z', { breached: false })] },
      { channel: 'webchat' as const, queueId: 'A', events: [sla('started', '2026-05-12T09:00:00Z'), sla('breached', '2026-05-12T09:02:00Z'), sla('fulfilled', '2026-05-12T09:05:00Z', { breached: true })] },
      { channel: 'email' as const, queueId: 'B', events: [sla('breached', '2026-05-11T21:00:00Z'), sla('fulfilled', '2026-05-12T07:00:00Z', { breached: true })] },
    ]
    expect(slaFigures(convs, DAY)).toEqual({ fulfilled: 3, met: 1, compliance: 1 / 3, breaches: 1 })
    expect(slaFigures(convs, DAY, { queueId: 'A' })).toEqual({ fulfilled: 2, met: 1, compliance: 0.5, breaches: 1 })
    expect(slaFigures(convs, DAY, { channel: 'sms' })).toEqual({ fulfilled: 0, met: 0, compliance: null, breaches: 0 })
  })
})
