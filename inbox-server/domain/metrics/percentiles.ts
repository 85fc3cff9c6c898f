// Averages and percentiles of durations, null for no values (shown as "—", never as 0). Percentiles interpolate
// between the two nearest ranks, as Excel's PERCENTILE.INC and MEDIAN do, so a report can be checked by hand.

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null
  let sum = 0
  for (const v of values) sum += v
  return sum / values.length
}

/** `p` from 0 to 1 (0.9: the 90th percentile). */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile ${p} is not between 0 and 1`)
  const sorted = [...values].sort((a, b) => a - b)
  const rank = p * (sorted.length - 1)
  const below = Math.floor(rank)
  const lo = sorted[below]!
  const hi = sorted[Math.min(below + 1, sorted.length - 1)]!
  return lo + (hi - lo) * (rank - below)
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5)
}
