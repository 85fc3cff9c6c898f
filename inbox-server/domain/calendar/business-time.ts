// Open time of a business calendar: is it open, when does it open, a deadline after N open hours, open time between two instants.
import type { BusinessCalendar } from './business-calendar.ts'
import { addDays } from './civil-date.ts'
import { calendarDays } from './open-intervals.ts'

/** Plain elapsed time: no day-by-day walk is needed. */
function isPlainTime(cal: BusinessCalendar): boolean {
  return cal.alwaysOpen && !cal.polishHolidays && cal.closedDates.length === 0
}

function instant(d: Date, name: string): number {
  const ms = d.getTime()
  if (Number.isNaN(ms)) throw new RangeError(`${name} is an invalid Date`)
  return ms
}

/** Whether `at` falls in an open window (windows are half-open: open at their start, closed at their end). */
export function isOpen(at: Date, cal: BusinessCalendar): boolean {
  const t = instant(at, 'at')
  if (isPlainTime(cal)) return true
  const days = calendarDays(cal)
  return days.openOn(days.dateOf(t)).some((iv) => iv.start <= t && t < iv.end)
}

/** `at` itself when open, else the next instant the calendar opens; null when it never opens again. */
export function nextOpening(at: Date, cal: BusinessCalendar): Date | null {
  return addBusinessTime(at, 0, cal)
}

/**
 * The instant at which `durationMs` of open time has passed since `start`; counting begins at the next
 * opening when `start` is closed. A deadline that runs out exactly at a closing time is that closing time;
 * one more millisecond carries it past the closed period. With `durationMs` 0 this is `nextOpening`.
 *
 * Returns null when the calendar never opens (no windows at all, or closed dates that leave no opening):
 * there is no such instant, and an SLA without a computable deadline has none. A negative or non-finite
 * duration throws, as it is a bug in the caller.
 *
 * Walks day by day and window by window, so 30 business days cost about 45 day look-ups.
 */
export function addBusinessTime(start: Date, durationMs: number, cal: BusinessCalendar): Date | null {
  const t0 = instant(start, 'start')
  if (!Number.isFinite(durationMs) || durationMs < 0) throw new RangeError(`durationMs must be a finite number >= 0, got ${durationMs}`)
  if (isPlainTime(cal)) return new Date(t0 + durationMs)
  const days = calendarDays(cal)
  if (days.neverOpen) return null
  let remaining = durationMs
  let closedRun = 0
  for (let date = days.dateOf(t0); ; date = addDays(date, 1)) {
    let opened = false
    for (const iv of days.openOn(date)) {
      if (iv.end <= t0) continue
      const from = Math.max(iv.start, t0)
      opened = true
      if (remaining <= iv.end - from) return new Date(from + remaining)
      remaining -= iv.end - from
    }
    closedRun = opened ? 0 : closedRun + 1
    if (closedRun > days.maxClosedRun) return null
  }
}

/**
 * Milliseconds of open time in [a, b). 0 when b <= a: open time is never negative, so callers
 * comparing "time used" against a budget need no special case for clocks that went backwards.
 */
export function businessTimeBetween(a: Date, b: Date, cal: BusinessCalendar): number {
  const from = instant(a, 'a')
  const to = instant(b, 'b')
  if (to <= from) return 0
  if (isPlainTime(cal)) return to - from
  const days = calendarDays(cal)
  if (days.neverOpen) return 0
  const last = days.dateOf(to)
  let total = 0
  for (let date = days.dateOf(from); date <= last; date = addDays(date, 1)) {
    for (const iv of days.openOn(date)) total += Math.max(0, Math.min(iv.end, to) - Math.max(iv.start, from))
  }
  return total
}
