import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CALENDAR, ROUND_THE_CLOCK, type BusinessCalendar, type OpeningWindow } from './business-calendar.ts'
import { addBusinessTime, businessTimeBetween, isOpen, nextOpening } from './business-time.ts'

const HOUR = 3_600_000
const MINUTE = 60_000
const at = (iso: string) => new Date(iso)
/** Warsaw wall time with its offset, e.g. '2026-05-04T15:00+02:00'. */
const warsaw = (d: Date | null) => (d ? DateTime.fromJSDate(d, { zone: 'Europe/Warsaw' }).toISO({ suppressSeconds: true, suppressMilliseconds: true }) : null)
const weekdays = (windows: OpeningWindow[]): BusinessCalendar['week'] => ({ 1: windows, 2: windows, 3: windows, 4: windows, 5: windows, 6: [], 7: [] })

const lunch: BusinessCalendar = { ...DEFAULT_CALENDAR, week: weekdays([{ start: '08:00', end: '12:00' }, { start: '12:30', end: '16:00' }]) }

describe('isOpen and nextOpening', () => {
  it('opens at the start of a window and closes at its end', () => {
    expect(isOpen(at('2026-05-04T07:59:59.999+02:00'), DEFAULT_CALENDAR)).toBe(false)
    expect(isOpen(at('2026-05-04T08:00+02:00'), DEFAULT_CALENDAR)).toBe(true)
    expect(isOpen(at('2026-05-04T15:59:59.999+02:00'), DEFAULT_CALENDAR)).toBe(true)
    expect(isOpen(at('2026-05-04T16:00+02:00'), DEFAULT_CALENDAR)).toBe(false)
  })

  it('is closed over lunch, at weekends and on holidays, and always open round the clock', () => {
    expect(isOpen(at('2026-05-04T12:15+02:00'), lunch)).toBe(false)
    expect(isOpen(at('2026-05-04T12:30+02:00'), lunch)).toBe(true)
    expect(isOpen(at('2026-05-09T10:00+02:00'), DEFAULT_CALENDAR)).toBe(false) // Saturday
    expect(isOpen(at('2026-06-04T10:00+02:00'), DEFAULT_CALENDAR)).toBe(false) // Corpus Christi, a Thursday
    expect(isOpen(at('2026-12-25T03:00+01:00'), ROUND_THE_CLOCK)).toBe(true)
  })

  it('answers the instant itself when open, else the next opening', () => {
    expect(warsaw(nextOpening(at('2026-05-04T10:00+02:00'), DEFAULT_CALENDAR))).toBe('2026-05-04T10:00+02:00')
    expect(warsaw(nextOpening(at('2026-05-04T12:10+02:00'), lunch))).toBe('2026-05-04T12:30+02:00')
    expect(warsaw(nextOpening(at('2026-04-30T16:00+02:00'), DEFAULT_CALENDAR))).toBe('2026-05-04T08:00+02:00')
    expect(warsaw(nextOpening(at('2026-12-23T17:00+01:00'), DEFAULT_CALENDAR))).toBe('2026-12-28T08:00+01:00')
  })
})

describe('addBusinessTime', () => {
  it('skips a holiday and the weekend: Thursday 30 April 2026 15:00 plus 8 hours is Monday 4 May 15:00', () => {
    // 1 h on Thursday; 1 May is a holiday (Friday), then Saturday, Sunday 3 May (a holiday anyway); 7 h on Monday.
    expect(warsaw(addBusinessTime(at('2026-04-30T15:00+02:00'), 8 * HOUR, DEFAULT_CALENDAR))).toBe('2026-05-04T15:00+02:00')
  })

  it('skips Christmas Eve, Christmas and the weekend after it in 2026', () => {
    // Wednesday 23 Dec 12:00: 4 h that day; Thu 24, Fri 25, Sat 26 (all holidays) and Sunday closed; 4 h on Monday 28.
    expect(warsaw(addBusinessTime(at('2026-12-23T12:00+01:00'), 8 * HOUR, DEFAULT_CALENDAR))).toBe('2026-12-28T12:00+01:00')
    expect(businessTimeBetween(at('2026-12-23T00:00+01:00'), at('2026-12-29T00:00+01:00'), DEFAULT_CALENDAR)).toBe(16 * HOUR)
  })

  it('counts from the next opening when it starts while closed', () => {
    expect(warsaw(addBusinessTime(at('2026-05-08T20:00+02:00'), 2 * HOUR, DEFAULT_CALENDAR))).toBe('2026-05-11T10:00+02:00')
    expect(warsaw(addBusinessTime(at('2026-05-04T06:00+02:00'), 30 * MINUTE, DEFAULT_CALENDAR))).toBe('2026-05-04T08:30+02:00')
  })

  it('ends at closing time when the time runs out exactly then, and carries one more millisecond to the next day', () => {
    expect(warsaw(addBusinessTime(at('2026-05-04T08:00+02:00'), 8 * HOUR, DEFAULT_CALENDAR))).toBe('2026-05-04T16:00+02:00')
    expect(addBusinessTime(at('2026-05-04T08:00+02:00'), 8 * HOUR + 1, DEFAULT_CALENDAR)?.toISOString()).toBe('2026-05-05T06:00:00.001Z')
  })

  it('does not count lunch, and moves a deadline that would fall in lunch to after it', () => {
    // 11:00 plus 90 minutes: one hour to 12:00, lunch until 12:30, half an hour more.
    expect(warsaw(addBusinessTime(at('2026-05-04T11:00+02:00'), 90 * MINUTE, lunch))).toBe('2026-05-04T13:00+02:00')
    expect(warsaw(addBusinessTime(at('2026-05-04T11:00+02:00'), 60 * MINUTE, lunch))).toBe('2026-05-04T12:00+02:00')
    expect(warsaw(addBusinessTime(at('2026-05-04T12:10+02:00'), 10 * MINUTE, lunch))).toBe('2026-05-04T12:40+02:00')
    expect(businessTimeBetween(at('2026-05-04T00:00+02:00'), at('2026-05-05T00:00+02:00'), lunch)).toBe(7.5 * HOUR)
    expect(businessTimeBetween(at('2026-05-04T11:45+02:00'), at('2026-05-04T12:45+02:00'), lunch)).toBe(30 * MINUTE)
  })

  it('skips an office’s own closed days', () => {
    const closed: BusinessCalendar = { ...DEFAULT_CALENDAR, closedDates: ['2026-05-04', '2026-05-05'] }
    expect(warsaw(addBusinessTime(at('2026-04-30T15:00+02:00'), 8 * HOUR, closed))).toBe('2026-05-06T15:00+02:00')
    expect(isOpen(at('2026-05-05T10:00+02:00'), closed)).toBe(false)
    expect(businessTimeBetween(at('2026-05-04T00:00+02:00'), at('2026-05-07T00:00+02:00'), closed)).toBe(8 * HOUR)
  })

  it('closes holidays only when asked to', () => {
    const noHolidays: BusinessCalendar = { ...DEFAULT_CALENDAR, polishHolidays: false }
    expect(warsaw(addBusinessTime(at('2026-04-30T15:00+02:00'), 8 * HOUR, noHolidays))).toBe('2026-05-01T15:00+02:00')
    const roundTheClockWithHolidays: BusinessCalendar = { ...ROUND_THE_CLOCK, polishHolidays: true }
    expect(warsaw(addBusinessTime(at('2026-04-30T23:00+02:00'), 2 * HOUR, roundTheClockWithHolidays))).toBe('2026-05-02T01:00+02:00')
  })

  it('adds 30 business days by walking days, not minutes', () => {
    const start = at('2026-01-02T08:00+01:00')
    const t0 = performance.now()
    const deadline = addBusinessTime(start, 30 * 8 * HOUR, DEFAULT_CALENDAR)
    expect(performance.now() - t0).toBeLessThan(100)
    // Friday 2 January is day 1; Epiphany (Tuesday 6 January) leaves 4 days that week, then 5 a week: day 30 is Friday 13 February.
    expect(warsaw(deadline)).toBe('2026-02-13T16:00+01:00')
  })

  it('returns null on a calendar that never opens, and on one whose closed dates leave no opening', () => {
    const never: BusinessCalendar = { ...ROUND_THE_CLOCK, alwaysOpen: false }
    expect(addBusinessTime(at('2026-05-04T10:00+02:00'), HOUR, never)).toBeNull()
    expect(nextOpening(at('2026-05-04T10:00+02:00'), never)).toBeNull()
    expect(businessTimeBetween(at('2026-05-04T10:00+02:00'), at('2027-05-04T10:00+02:00'), never)).toBe(0)
    const mondaysOnly: BusinessCalendar = { ...DEFAULT_CALENDAR, week: { ...ROUND_THE_CLOCK.week, 1: [{ start: '08:00', end: '16:00' }] }, closedDates: ['2026-05-04', '2026-05-11'] }
    expect(warsaw(addBusinessTime(at('2026-05-01T10:00+02:00'), HOUR, mondaysOnly))).toBe('2026-05-18T09:00+02:00')
  })

  it('refuses a negative duration and returns plain elapsed time round the clock', () => {
    expect(() => addBusinessTime(at('2026-05-04T10:00+02:00'), -1, DEFAULT_CALENDAR)).toThrow(RangeError)
    expect(addBusinessTime(at('2026-05-04T10:00+02:00'), 5 * HOUR, ROUND_THE_CLOCK)?.toISOString()).toBe('2026-05-04T13:00:00.000Z')
  })
})

describe('businessTimeBetween', () => {
  it('is 0 when the end is not after the start', () => {
    expect(businessTimeBetween(at('2026-05-04T12:00+02:00'), at('2026-05-04T10:00+02:00'), DEFAULT_CALENDAR)).toBe(0)
    expect(businessTimeBetween(at('2026-05-04T12:00+02:00'), at('2026-05-04T12:00+02:00'), ROUND_THE_CLOCK)).toBe(0)
    expect(businessTimeBetween(at('2026-05-04T12:00+02:00'), at('2026-05-04T10:00+02:00'), ROUND_THE_CLOCK)).toBe(0)
  })

  it('counts a working week of 2026 with a holiday in it', () => {
    // Monday 1 June to Monday 8 June: Corpus Christi on Thursday 4 June leaves four days.
    expect(businessTimeBetween(at('2026-06-01T00:00+02:00'), at('2026-06-08T00:00+02:00'), DEFAULT_CALENDAR)).toBe(32 * HOUR)
  })
})
