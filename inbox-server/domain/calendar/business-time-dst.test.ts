import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CALENDAR, ROUND_THE_CLOCK, type BusinessCalendar, type OpeningWindow } from './business-calendar.ts'
import { addBusinessTime, businessTimeBetween, isOpen } from './business-time.ts'

const HOUR = 3_600_000
const at = (iso: string) => new Date(iso)
const warsaw = (d: Date | null) => (d ? DateTime.fromJSDate(d, { zone: 'Europe/Warsaw' }).toISO({ suppressSeconds: true, suppressMilliseconds: true }) : null)
const everyDay = (windows: OpeningWindow[]): BusinessCalendar => ({
  ...DEFAULT_CALENDAR,
  polishHolidays: false,
  week: { 1: windows, 2: windows, 3: windows, 4: windows, 5: windows, 6: windows, 7: windows },
})

const fullDays = everyDay([{ start: '00:00', end: '24:00' }])
const nights = everyDay([{ start: '01:00', end: '04:00' }])
// Round the clock but closed on holidays: goes through the day-by-day walk instead of plain elapsed time.
const roundTheClockWalked: BusinessCalendar = { ...ROUND_THE_CLOCK, polishHolidays: true }

// 2026: clocks go forward on Sunday 29 March at 02:00 CET (to 03:00 CEST) and back on Sunday 25 October at 03:00 CEST (to 02:00 CET).
const springDay = [at('2026-03-29T00:00+01:00'), at('2026-03-30T00:00+02:00')] as const
const autumnDay = [at('2026-10-25T00:00+02:00'), at('2026-10-26T00:00+01:00')] as const

describe('the spring-forward night, 29 March 2026', () => {
  it.each([
    ['round the clock', ROUND_THE_CLOCK],
    ['round the clock, walked day by day', roundTheClockWalked],
    ['a 00:00–24:00 window', fullDays],
  ])('has a 23-hour day %s', (_name, cal) => {
    expect(businessTimeBetween(springDay[0], springDay[1], cal)).toBe(23 * HOUR)
    expect(warsaw(addBusinessTime(springDay[0], 24 * HOUR, cal))).toBe('2026-03-30T01:00+02:00')
  })

  it('has no 02:00–03:00 at all', () => {
    const gap = everyDay([{ start: '02:00', end: '03:00' }])
    expect(businessTimeBetween(springDay[0], springDay[1], gap)).toBe(0)
    expect(businessTimeBetween(at('2026-03-28T00:00+01:00'), at('2026-03-29T00:00+01:00'), gap)).toBe(HOUR)
    // The night's hour is skipped: the next one is on Monday.
    expect(warsaw(addBusinessTime(at('2026-03-28T02:30+01:00'), HOUR, gap))).toBe('2026-03-30T02:30+02:00')
  })

  it('keeps a window that straddles the switch open while the wall clock is inside it', () => {
    // 01:00–04:00 on the wall clock is 01:00–02:00 CET and 03:00–04:00 CEST: two hours.
    expect(businessTimeBetween(springDay[0], springDay[1], nights)).toBe(2 * HOUR)
    expect(warsaw(addBusinessTime(at('2026-03-29T01:30+01:00'), HOUR, nights))).toBe('2026-03-29T03:30+02:00')
    expect(isOpen(at('2026-03-29T03:00+02:00'), nights)).toBe(true)
  })

  it('moves a deadline across the switch in wall-clock office hours', () => {
    // Friday 27 March 15:00 CET plus 2 h: 1 h on Friday, 1 h from 08:00 CEST on Monday.
    expect(warsaw(addBusinessTime(at('2026-03-27T15:00+01:00'), 2 * HOUR, DEFAULT_CALENDAR))).toBe('2026-03-30T09:00+02:00')
    expect(businessTimeBetween(at('2026-03-27T00:00+01:00'), at('2026-03-31T00:00+02:00'), DEFAULT_CALENDAR)).toBe(16 * HOUR)
  })
})

describe('the fall-back night, 25 October 2026', () => {
  it.each([
    ['round the clock', ROUND_THE_CLOCK],
    ['round the clock, walked day by day', roundTheClockWalked],
    ['a 00:00–24:00 window', fullDays],
  ])('has a 25-hour day %s', (_name, cal) => {
    expect(businessTimeBetween(autumnDay[0], autumnDay[1], cal)).toBe(25 * HOUR)
    expect(warsaw(addBusinessTime(autumnDay[0], 24 * HOUR, cal))).toBe('2026-10-25T23:00+01:00')
  })

  it('counts the repeated hour twice', () => {
    // 01:00–04:00 on the wall clock: 01:00–03:00 CEST, then 02:00–04:00 CET.
    expect(businessTimeBetween(autumnDay[0], autumnDay[1], nights)).toBe(4 * HOUR)
    expect(businessTimeBetween(autumnDay[0], autumnDay[1], everyDay([{ start: '02:00', end: '03:00' }]))).toBe(2 * HOUR)
    expect(addBusinessTime(at('2026-10-25T01:00+02:00'), 3 * HOUR, nights)?.toISOString()).toBe('2026-10-25T02:00:00.000Z')
    expect(warsaw(addBusinessTime(at('2026-10-25T01:00+02:00'), 3 * HOUR, nights))).toBe('2026-10-25T03:00+01:00')
  })

  it('moves a deadline across the switch in wall-clock office hours', () => {
    // Friday 23 October 15:00 CEST plus 2 h: 1 h on Friday, 1 h from 08:00 CET on Monday.
    expect(warsaw(addBusinessTime(at('2026-10-23T15:00+02:00'), 2 * HOUR, DEFAULT_CALENDAR))).toBe('2026-10-26T09:00+01:00')
    expect(businessTimeBetween(at('2026-10-23T00:00+02:00'), at('2026-10-27T00:00+01:00'), DEFAULT_CALENDAR)).toBe(16 * HOUR)
  })
})
