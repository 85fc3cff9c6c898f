// How the wallboard writes its figures: shares as whole percents, times as m:ss, satisfaction with one decimal; a
// figure with nothing behind it is a dash, never 0.
import { formatWaiting } from './time-format.ts'

export const DASH = '–'

export function percent(share: number | null, lang: string): string {
  return share === null ? DASH : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(share)
}

export function duration(ms: number | null): string {
  return ms === null ? DASH : formatWaiting(ms)
}

export function score(average: number | null, lang: string): string {
  return average === null ? DASH : new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(average)
}

/** A wait or a time in state as of now: the hub's figure plus the time since the board came. */
export function sinceBoard(ms: number | null, receivedAt: number, now: number): number | null {
  return ms === null ? null : ms + Math.max(0, now - receivedAt)
}
