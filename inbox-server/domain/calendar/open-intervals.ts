// The instants at which a calendar is open on one local date, as epoch-millisecond intervals, daylight-saving switches included.
import { DateTime, FixedOffsetZone, IANAZone } from 'luxon'
import { isNeverOpen, wallTimeMinutes, type BusinessCalendar, type WallTime } from './business-calendar.ts'
import { addDays, civilDate, civilDateParts, isoWeekday, type CivilDate } from './civil-date.ts'
import { holidaysOf } from './polish-holidays.ts'

/** Half-open: `start` is open, `end` is not. Epoch milliseconds. */
export interface OpenInterval {
  start: number
  end: number
}

/** A calendar prepared for day-by-day walks: one per call, so nothing is cached between calls. */
export interface CalendarDays {
  /** The local date (in the calendar's zone) of an instant. */
  dateOf(ms: number): CivilDate
  /** The open intervals of a local date: sorted, disjoint, adjacent ones merged; empty when closed. */
  openOn(date: CivilDate): OpenInterval[]
  /** No window on any weekday: the calendar never opens. */
  neverOpen: boolean
  /**
   * Consecutive days without an opening after which the calendar can never open again. Every 7 days of
   * such a run lose at least one day with a window, and only closed dates, holidays (at most 14 a year)
   * and DST gaps (at most 2 a year) can lose one: L/7 - 1 <= C + 16(L/365 + 2), so L < 11(C + 33).
   */
  maxClosedRun: number
}

interface Segment {
  start: number
  end: number
  /** Offset from UTC in minutes, constant over the segment. */
  offset: number
}

export function calendarDays(cal: BusinessCalendar): CalendarDays {
  const zone = IANAZone.create(cal.timeZone)
  if (!zone.isValid) throw new RangeError(`not a known IANA time zone: ${cal.timeZone} (parse calendars with parseBusinessCalendar)`)
  const closedDates = new Set(cal.closedDates)
  const holidaysByYear = new Map<number, Set<CivilDate>>()

  const isClosed = (date: CivilDate): boolean => {
    if (closedDates.has(date)) return true
    if (!cal.polishHolidays) return false
    const { year } = civilDateParts(date)
    let holidays = holidaysByYear.get(year)
    if (!holidays) {
      holidays = new Set(holidaysOf(year).map((h) => h.date))
      holidaysByYear.set(year, holidays)
    }
    return holidays.has(date)
  }

  // The first instant of a local date; luxon moves a midnight that falls in a DST gap forward to the end of the gap.
  // Kept for the call, since one day's end is the next day's start and walks go forward.
  const dayStarts = new Map<CivilDate, number>()
  const startOf = (date: CivilDate): number => {
    let ms = dayStarts.get(date)
    if (ms === undefined) {
      ms = DateTime.fromObject(civilDateParts(date), { zone }).toMillis()
      dayStarts.set(date, ms)
    }
    return ms
  }

  const segmentsOf = (start: number, end: number): Segment[] => {
    const segments: Segment[] = []
    let from = start
    while (zone.offset(from) !== zone.offset(end - 1)) {
      // Binary search for the first millisecond with another offset: the DST switch.
      const offset = zone.offset(from)
      let lo = from
      let hi = end - 1
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2)
        if (zone.offset(mid) === offset) lo = mid
        else hi = mid
      }
      segments.push({ start: from, end: hi, offset })
      from = hi
    }
    segments.push({ start: from, end, offset: zone.offset(from) })
    return segments
  }

  const openOn = (date: CivilDate): OpenInterval[] => {
    if (isClosed(date)) return []
    const windows = cal.alwaysOpen ? null : cal.week[isoWeekday(date)]
    if (windows && windows.length === 0) return []
    const dayStart = startOf(date)
    const dayEnd = startOf(addDays(date, 1))
    if (!windows) return dayEnd > dayStart ? [{ start: dayStart, end: dayEnd }] : []
    const intervals: OpenInterval[] = []
    // Within a segment the wall clock runs evenly, so the instants whose wall time lies in [start, end) form one interval.
    for (const seg of segmentsOf(dayStart, dayEnd)) {
      for (const w of windows) {
        const start = Math.max(seg.start, wallInstant(date, w.start, seg.offset))
        const end = Math.min(seg.end, wallInstant(date, w.end, seg.offset))
        if (end > start) intervals.push({ start, end })
      }
    }
    return merge(intervals)
  }

  return {
    dateOf: (ms) => {
      const dt = DateTime.fromMillis(ms, { zone })
      return civilDate(dt.year, dt.month, dt.day)
    },
    openOn,
    neverOpen: isNeverOpen(cal),
    maxClosedRun: 11 * (cal.closedDates.length + 33),
  }
}

/** The instant at which the wall clock would show `time` on `date` if the offset were `offset` minutes. */
function wallInstant(date: CivilDate, time: WallTime, offset: number): number {
  const minutes = wallTimeMinutes(time)
  const day = minutes === 1440 ? addDays(date, 1) : date
  const hm = minutes % 1440
  return DateTime.fromObject({ ...civilDateParts(day), hour: Math.floor(hm / 60), minute: hm % 60 }, { zone: FixedOffsetZone.instance(offset) }).toMillis()
}

function merge(intervals: OpenInterval[]): OpenInterval[] {
  intervals.sort((a, b) => a.start - b.start)
  const out: OpenInterval[] = []
  for (const iv of intervals) {
    const last = out[out.length - 1]
    if (last && iv.start <= last.end) last.end = Math.max(last.end, iv.end)
    else out.push({ ...iv })
  }
  return out
}
