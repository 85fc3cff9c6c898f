// Means and percentiles checked against values computed by hand (as a spreadsheet would).
import { describe, expect, it } from 'vitest'
import { mean, median, percentile } from './percentiles.ts'

describe('averages and percentiles', () => {
  it('are null without values', () => {
    expect([mean([]), median([]), percentile([], 0.9)]).toEqual([null, null, null])
  })

  it('interpolate between the nearest ranks as Excel does (MEDIAN, PERCENTILE.INC)', () => {
    expect(median([10, 20])).toBe(15)
    expect(median([30, 10, 20])).toBe(20)
    // 1..10: rank 0.9 × 9 = 8.1 → 9 + 0.1 × (10 − 9).
    expect(percentile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 0.9)).toBeCloseTo(9.1, 10)
    expect(percentile([42], 0.9)).toBe(42)
    expect(percentile([1, 2, 3], 0)).toBe(1)
    expect(percentile([1, 2, 3], 1)).toBe(3)
    expect(mean([1, 2, 6])).toBe(3)
  })

  it('refuses a percentile outside 0–1 and leaves the input as it was', () => {
    expect(() => percentile([1], 90)).toThrow(RangeError)
    const values = [3, 1, 2]
    percentile(values, 0.5)
    expect(values).toEqual([3, 1, 2])
  })
})
