import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { estimateWaitSeconds, PACE_WINDOW_MS } from './estimate-wait.ts'

const now = 10_000_000
const minute = 60_000

describe('estimateWaitSeconds', () => {
  it('says nothing with fewer than three recent assignments', () => {
    expect(estimateWaitSeconds(1, [now - minute, now - 2 * minute], now)).toBeNull()
    expect(estimateWaitSeconds(1, [now - PACE_WINDOW_MS - 1, now - PACE_WINDOW_MS - 2, now - minute, now - 2 * minute], now)).toBeNull()
  })

  it('divides the place in the queue by the pace', () => {
    // 6 assignments over the last 6 minutes: one a minute; the 3rd in line waits about 3 minutes.
    const times = [1, 2, 3, 4, 5, 6].map((m) => now - m * minute)
    expect(estimateWaitSeconds(3, times, now)).toBe(180)
    expect(estimateWaitSeconds(1, times, now)).toBe(60)
  })

  it('rounds up to 30 s, at least 30 s and at most two hours', () => {
    const fast = [1, 2, 3, 4, 5, 6].map((s) => now - s * 1000)
    expect(estimateWaitSeconds(1, fast, now)).toBe(30)
    const slow = [28, 29, 30].map((m) => now - m * minute)
    expect(estimateWaitSeconds(1000, slow, now)).toBe(7200)
  })

  it('never shortens the wait of someone further back', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: PACE_WINDOW_MS }), { minLength: 3, maxLength: 50 }), fc.integer({ min: 1, max: 200 }), (ago, p) => {
        const times = ago.map((a) => now - a)
        const a = estimateWaitSeconds(p, times, now)
        const b = estimateWaitSeconds(p + 1, times, now)
        if (a !== null && b !== null) expect(b).toBeGreaterThanOrEqual(a)
      }),
    )
  })
})
