// Unit tests for reconnect delays: exponential growth, the cap, and jitter within bounds.
import { describe, expect, it } from 'vitest'
import { backoffDelay } from './backoff.ts'

describe('backoffDelay', () => {
  it('doubles the step with every attempt', () => {
    const low = (attempt: number) => backoffDelay(attempt, { baseMs: 1000, random: () => 0 })
    const high = (attempt: number) => backoffDelay(attempt, { baseMs: 1000, random: () => 1 })
    expect([low(0), low(1), low(2), low(3)]).toEqual([500, 1000, 2000, 4000])
    expect([high(0), high(1), high(2), high(3)]).toEqual([1000, 2000, 4000, 8000])
  })

  it('never waits longer than the cap', () => {
    expect(backoffDelay(20, { baseMs: 1000, maxMs: 30_000, random: () => 1 })).toBe(30_000)
    expect(backoffDelay(1000, { baseMs: 1000, maxMs: 30_000, random: () => 1 })).toBe(30_000)
  })

  it('spreads retries between half and the whole step', () => {
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(4)
      expect(delay).toBeGreaterThanOrEqual(8000)
      expect(delay).toBeLessThanOrEqual(16_000)
    }
  })

  it('is never instant, even for a negative attempt', () => {
    expect(backoffDelay(-3, { random: () => 0 })).toBe(500)
  })
})
