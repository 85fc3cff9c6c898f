import { describe, expect, it } from 'vitest'
import { isStaleCallback } from './call-callback-order.ts'

const t0 = Date.parse('2026-12-01T09:00:00Z')

describe('isStaleCallback', () => {
  it('orders by SequenceNumber when both callbacks carry one, whatever their times', () => {
    const seen = [{ sequence: 2, at: t0, status: 'in-progress' }]
    expect(isStaleCallback(seen, { sequence: 1, at: t0 + 5_000, status: 'ringing' })).toBe(true)
    expect(isStaleCallback(seen, { sequence: 3, at: t0 - 5_000, status: 'completed' })).toBe(false)
  })

  it('falls back to the Timestamp when a SequenceNumber is missing on either side', () => {
    const seen = [{ sequence: null, at: t0 + 10_000, status: 'in-progress' }]
    expect(isStaleCallback(seen, { sequence: null, at: t0, status: 'ringing' })).toBe(true)
    expect(isStaleCallback(seen, { sequence: 4, at: t0, status: 'ringing' })).toBe(true)
    expect(isStaleCallback(seen, { sequence: null, at: t0 + 20_000, status: 'completed' })).toBe(false)
  })

  it('in the same second without numbers, nothing comes after the end of the call', () => {
    const ended = [{ sequence: null, at: t0, status: 'completed' }]
    expect(isStaleCallback(ended, { sequence: null, at: t0, status: 'in-progress' })).toBe(true)
    expect(isStaleCallback([{ sequence: null, at: t0, status: 'ringing' }], { sequence: null, at: t0, status: 'in-progress' })).toBe(false)
  })

  it('is never stale against nothing seen', () => {
    expect(isStaleCallback([], { sequence: 0, at: t0, status: 'ringing' })).toBe(false)
  })
})
