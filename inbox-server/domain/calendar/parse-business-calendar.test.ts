import { describe, expect, it } from 'vitest'
import { DEFAULT_CALENDAR, ROUND_THE_CLOCK } from './business-calendar.ts'
import { checkBusinessCalendar, parseBusinessCalendar } from './parse-business-calendar.ts'

const withMonday = (windows: { start: string; end: string }[]) => ({ ...DEFAULT_CALENDAR, week: { ...DEFAULT_CALENDAR.week, 1: windows } })
const problemsOf = (input: unknown) => {
  const r = parseBusinessCalendar(input)
  return r.ok ? [] : r.problems
}

describe('parseBusinessCalendar', () => {
  it('accepts the default and the round-the-clock calendars', () => {
    expect(parseBusinessCalendar(DEFAULT_CALENDAR)).toEqual({ ok: true, calendar: DEFAULT_CALENDAR })
    expect(parseBusinessCalendar(ROUND_THE_CLOCK)).toEqual({ ok: true, calendar: ROUND_THE_CLOCK })
  })

  it('accepts a day split over lunch, a window to midnight and JSON with string keys and missing days', () => {
    expect(problemsOf(withMonday([{ start: '08:00', end: '12:00' }, { start: '12:30', end: '16:00' }, { start: '22:00', end: '24:00' }]))).toEqual([])
    const r = parseBusinessCalendar(JSON.parse('{"timeZone":"Europe/Warsaw","week":{"1":[{"start":"00:00","end":"24:00"}]},"polishHolidays":true,"closedDates":["2026-12-31"]}'))
    expect(r.ok && r.calendar.week[7]).toEqual([])
    expect(r.ok && r.calendar.alwaysOpen).toBe(false)
  })

  it.each([
    ['8:00', '16:00'],
    ['08:00', '24:30'],
    ['08:60', '16:00'],
    ['25:00', '26:00'],
  ])('rejects the malformed window %s–%s', (start, end) => {
    expect(problemsOf(withMonday([{ start, end }])).length).toBeGreaterThan(0)
  })

  it('rejects empty, backwards and 24:00-starting windows', () => {
    expect(problemsOf(withMonday([{ start: '12:00', end: '12:00' }]))).toEqual([{ path: 'week.1.0', message: 'start 12:00 is not before end 12:00' }])
    expect(problemsOf(withMonday([{ start: '16:00', end: '08:00' }]))[0]?.path).toBe('week.1.0')
    expect(problemsOf(withMonday([{ start: '24:00', end: '24:00' }]))[0]?.path).toBe('week.1.0.start')
  })

  it('rejects overlapping or unsorted windows, and accepts touching ones', () => {
    expect(problemsOf(withMonday([{ start: '08:00', end: '12:30' }, { start: '12:00', end: '16:00' }]))[0]?.path).toBe('week.1.1')
    expect(problemsOf(withMonday([{ start: '12:30', end: '16:00' }, { start: '08:00', end: '12:00' }]))[0]?.path).toBe('week.1.1')
    expect(problemsOf(withMonday([{ start: '08:00', end: '12:00' }, { start: '12:00', end: '16:00' }]))).toEqual([])
  })

  it('rejects an unknown time zone, dates that do not exist and a calendar that never opens', () => {
    expect(problemsOf({ ...DEFAULT_CALENDAR, timeZone: 'Europe/Atlantis' })[0]?.path).toBe('timeZone')
    expect(problemsOf({ ...DEFAULT_CALENDAR, closedDates: ['2026-12-31', '2026-02-29', '31.12.2026'] }).map((p) => p.path)).toEqual(['closedDates.1', 'closedDates.2'])
    expect(problemsOf({ ...ROUND_THE_CLOCK, alwaysOpen: false })).toEqual([{ path: 'week', message: 'the calendar never opens: give at least one window or set alwaysOpen' }])
  })

  it('fills in Warsaw, Polish holidays and no closed dates when they are left out', () => {
    const r = parseBusinessCalendar({ week: { 1: [{ start: '08:00', end: '16:00' }] } })
    expect(r.ok && [r.calendar.timeZone, r.calendar.polishHolidays, r.calendar.alwaysOpen, r.calendar.closedDates]).toEqual(['Europe/Warsaw', true, false, []])
  })

  it('checks values that were parsed elsewhere (such as the wire schema) the same way', () => {
    expect(checkBusinessCalendar(DEFAULT_CALENDAR)).toEqual([])
    expect(checkBusinessCalendar(withMonday([{ start: '8:00', end: '16:00' }]))).toEqual([{ path: 'week.1.0', message: "not 'HH:mm' times: 8:00–16:00" }])
  })

  it('reports missing and mistyped fields with their paths', () => {
    expect(problemsOf({ timeZone: 'Europe/Warsaw', week: {}, polishHolidays: 'yes' }).map((p) => p.path)).toContain('polishHolidays')
    expect(problemsOf(null).length).toBeGreaterThan(0)
  })
})
