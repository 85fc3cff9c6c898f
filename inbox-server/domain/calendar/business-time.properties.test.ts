import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CALENDAR, ROUND_THE_CLOCK, wallTimeMinutes, type BusinessCalendar, type OpeningWindow } from './business-calendar.ts'
import { addBusinessTime, businessTimeBetween, isOpen, nextOpening } from './business-time.ts'
import { addDays, civilDate, isoWeekday, type IsoWeekday } from './civil-date.ts'
import { holidaysOf } from './polish-holidays.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const FROM = Date.parse('2024-01-01T00:00:00Z')
const TO = Date.parse('2030-12-31T00:00:00Z')

// The daylight-saving days of 2024–2030 in Warsaw, where bugs hide; a third of the starts are drawn near them.
const dstDays = [2024, 2025, 2026, 2027, 2028, 2029, 2030].flatMap((y) => [lastSunday(y, 3), lastSunday(y, 10)])
function lastSunday(year: number, month: number): number {
  let date = addDays(civilDate(year, month + 1, 1), -1)
  while (isoWeekday(date) !== 7) date = addDays(date, -1)
  return Date.parse(`${date}T00:00:00Z`)
}

const instant = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: FROM, max: TO }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...dstDays), fc.integer({ min: -36 * HOUR, max: 36 * HOUR })).map(([d, o]) => d + o) },
)

// Windows of one day: an even number of distinct boundaries on a half-hour grid, paired in order.
const dayWindows: fc.Arbitrary<OpeningWindow[]> = fc.uniqueArray(fc.integer({ min: 0, max: 48 }), { maxLength: 6 }).map((marks) => {
  const sorted = [...marks].sort((a, b) => a - b)
  const hm = (half: number) => `${String(Math.floor(half / 2)).padStart(2, '0')}:${half % 2 ? '30' : '00'}`
  const windows: OpeningWindow[] = []
  for (let i = 0; i + 1 < sorted.length; i += 2) windows.push({ start: hm(sorted[i] ?? 0), end: hm(sorted[i + 1] ?? 0) })
  return windows
})

const randomCalendar: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    week: fc.tuple(dayWindows, dayWindows, dayWindows, dayWindows, dayWindows, dayWindows, dayWindows),
    polishHolidays: fc.boolean(),
    closedDates: fc.array(fc.integer({ min: 0, max: 7 * 366 }).map((n) => addDays('2024-01-01', n)), { maxLength: 20 }),
    alwaysOpen: fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 4, arbitrary: fc.constant(false) }),
  })
  .map(({ week, ...rest }) => ({ ...DEFAULT_CALENDAR, ...rest, week: { 1: week[0], 2: week[1], 3: week[2], 4: week[3], 5: week[4], 6: week[5], 7: week[6] } }))
  .filter((c) => c.alwaysOpen || Object.values(c.week).some((w) => w.length > 0))

const lunch: BusinessCalendar = {
  ...DEFAULT_CALENDAR,
  week: { ...DEFAULT_CALENDAR.week, 1: [{ start: '08:00', end: '12:00' }, { start: '12:30', end: '16:00' }] },
}
// Windows that touch the hours the clocks skip or repeat (02:00–03:00 in Warsaw), on every day.
const nightCalendars = [
  [{ start: '01:30', end: '02:30' }],
  [{ start: '02:00', end: '03:00' }],
  [{ start: '02:30', end: '03:30' }, { start: '08:00', end: '16:00' }],
  [{ start: '00:00', end: '04:00' }, { start: '22:00', end: '24:00' }],
].map((w): BusinessCalendar => ({ ...DEFAULT_CALENDAR, polishHolidays: false, week: { 1: w, 2: w, 3: w, 4: w, 5: w, 6: w, 7: w } }))
const calendar = fc.oneof(fc.constantFrom(DEFAULT_CALENDAR, ROUND_THE_CLOCK, lunch, { ...ROUND_THE_CLOCK, polishHolidays: true }, ...nightCalendars), randomCalendar)
// Spans up to 60 days: a walk costs tens of microseconds per day, and years add nothing the days do not cover.
const span = fc.oneof(fc.integer({ min: 0, max: 2 * 24 * HOUR }), fc.integer({ min: 0, max: 60 * 24 * HOUR }))
const duration = fc.oneof(fc.integer({ min: 0, max: 8 * HOUR }), fc.integer({ min: 0, max: 300 * HOUR }))

/** Minute by minute from the wall clock alone: an oracle independent of the interval arithmetic. */
function bruteForceOpenMinutes(from: number, to: number, cal: BusinessCalendar): number {
  const holidays = new Set([2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031].flatMap((y) => holidaysOf(y).map((h) => h.date)))
  let open = 0
  for (let t = from; t < to; t += MINUTE) {
    const wall = DateTime.fromMillis(t, { zone: cal.timeZone })
    const date = wall.toISODate() ?? ''
    if (cal.closedDates.includes(date) || (cal.polishHolidays && holidays.has(date))) continue
    const minutes = wall.hour * 60 + wall.minute
    const windows = cal.alwaysOpen ? [{ start: '00:00', end: '24:00' }] : cal.week[wall.weekday as IsoWeekday]
    if (windows.some((w) => wallTimeMinutes(w.start) <= minutes && minutes < wallTimeMinutes(w.end))) open++
  }
  return open * MINUTE
}

describe('business time properties', () => {
  it('finds exactly the requested open time, and no earlier instant does', () => {
    fc.assert(
      fc.property(calendar, instant, duration, (cal, start, d) => {
        const s = new Date(start)
        const end = addBusinessTime(s, d, cal)
        expect(end).not.toBeNull()
        if (!end) return
        expect(businessTimeBetween(s, end, cal)).toBe(d)
        if (d > 0) expect(businessTimeBetween(s, new Date(end.getTime() - 1), cal)).toBe(d - 1)
      }),
      { numRuns: 300 },
    )
  })

  it('never moves a deadline earlier for a later start or a longer duration', () => {
    fc.assert(
      fc.property(calendar, instant, instant, duration, duration, (cal, x, y, d1, d2) => {
        const [s1, s2] = x <= y ? [x, y] : [y, x]
        const [a, b] = d1 <= d2 ? [d1, d2] : [d2, d1]
        const t = (s: number, d: number) => addBusinessTime(new Date(s), d, cal)?.getTime() ?? Number.NaN
        expect(t(s1, a)).toBeLessThanOrEqual(t(s1, b))
        expect(t(s1, a)).toBeLessThanOrEqual(t(s2, a))
      }),
      { numRuns: 150 },
    )
  })

  it('adds up: open time from a to b plus b to c is open time from a to c, and never exceeds elapsed time', () => {
    fc.assert(
      fc.property(calendar, instant, span, span, (cal, start, ab_, bc_) => {
        const [a, b, c] = [start, start + ab_, start + ab_ + bc_].map((p) => new Date(p)) as [Date, Date, Date]
        const ab = businessTimeBetween(a, b, cal)
        const bc = businessTimeBetween(b, c, cal)
        expect(ab + bc).toBe(businessTimeBetween(a, c, cal))
        expect(ab).toBeLessThanOrEqual(b.getTime() - a.getTime())
        expect(businessTimeBetween(c, a, cal)).toBe(0)
      }),
      { numRuns: 150 },
    )
  })

  it('agrees with isOpen and nextOpening at every instant', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, t) => {
        const at = new Date(t)
        expect(isOpen(at, cal)).toBe(businessTimeBetween(at, new Date(t + 1), cal) === 1)
        const next = nextOpening(at, cal)
        expect(next).not.toBeNull()
        if (!next) return
        expect(isOpen(next, cal)).toBe(true)
        expect(businessTimeBetween(at, next, cal)).toBe(0)
        expect(next.getTime() === t).toBe(isOpen(at, cal))
      }),
      { numRuns: 300 },
    )
  })

  it('matches a minute-by-minute reading of the wall clock, across DST switches too', () => {
    fc.assert(
      fc.property(fc.oneof(randomCalendar, fc.constantFrom(...nightCalendars)), instant, fc.integer({ min: 0, max: 2 * 24 * 60 }), (cal, t, minutes) => {
        const from = Math.floor(t / MINUTE) * MINUTE
        const to = from + minutes * MINUTE
        expect(businessTimeBetween(new Date(from), new Date(to), cal)).toBe(bruteForceOpenMinutes(from, to, cal))
      }),
      { numRuns: 60 },
    )
  })
})
