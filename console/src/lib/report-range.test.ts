// The report's days in Warsaw time: presets on fixed moments (including ones when Warsaw is already a day ahead of
// UTC, and month and year boundaries), the checks the hub also makes, and the range in the address.
import { describe, expect, it } from 'vitest'
import { csvPath, defaultRange, longDay, presetOf, presetRange, rangeDays, rangeFromQuery, rangeProblem, reportPath, type Preset } from './report-range.ts'

const all = (now: Date): Record<Preset, string> => ({
  today: Object.values(presetRange('today', now)).join('..'),
  yesterday: Object.values(presetRange('yesterday', now)).join('..'),
  thisWeek: Object.values(presetRange('thisWeek', now)).join('..'),
  last7: Object.values(presetRange('last7', now)).join('..'),
  thisMonth: Object.values(presetRange('thisMonth', now)).join('..'),
  lastMonth: Object.values(presetRange('lastMonth', now)).join('..'),
})

describe('report presets', () => {
  it('on an ordinary Wednesday afternoon', () => {
    expect(all(new Date('2025-05-14T13:00:00Z'))).toEqual({
      today: '2025-05-14..2025-05-14',
      yesterday: '2025-05-13..2025-05-13',
      thisWeek: '2025-05-12..2025-05-14',
      last7: '2025-05-08..2025-05-14',
      thisMonth: '2025-05-01..2025-05-14',
      lastMonth: '2025-04-01..2025-04-30',
    })
  })

  it('just after midnight in Warsaw (summer time), while UTC is still on the last day of March', () => {
    // 22:30 UTC on 31 March is 00:30 on Tuesday 1 April in Warsaw.
    expect(all(new Date('2025-03-31T22:30:00Z'))).toEqual({
      today: '2025-04-01..2025-04-01',
      yesterday: '2025-03-31..2025-03-31',
      thisWeek: '2025-03-31..2025-04-01',
      last7: '2025-03-26..2025-04-01',
      thisMonth: '2025-04-01..2025-04-01',
      lastMonth: '2025-03-01..2025-03-31',
    })
  })

  it('on New Year’s night (winter time): a new year in Warsaw, the old one in UTC', () => {
    expect(all(new Date('2024-12-31T23:15:00Z'))).toEqual({
      today: '2025-01-01..2025-01-01',
      yesterday: '2024-12-31..2024-12-31',
      thisWeek: '2024-12-30..2025-01-01',
      last7: '2024-12-26..2025-01-01',
      thisMonth: '2025-01-01..2025-01-01',
      lastMonth: '2024-12-01..2024-12-31',
    })
  })

  it('late on the last day of a month, before Warsaw midnight', () => {
    // 21:59 UTC on 31 January is 22:59 the same day in Warsaw.
    const now = new Date('2025-01-31T21:59:00Z')
    expect(presetRange('today', now)).toEqual({ from: '2025-01-31', to: '2025-01-31' })
    expect(presetRange('thisMonth', now)).toEqual({ from: '2025-01-01', to: '2025-01-31' })
    expect(presetRange('lastMonth', now)).toEqual({ from: '2024-12-01', to: '2024-12-31' })
  })

  it('last month in a leap year ends on 29 February; this week on a Sunday starts on Monday', () => {
    expect(presetRange('lastMonth', new Date('2024-03-10T10:00:00Z'))).toEqual({ from: '2024-02-01', to: '2024-02-29' })
    // Sunday 30 March 2025, the day the clocks go forward.
    expect(presetRange('thisWeek', new Date('2025-03-30T10:00:00Z'))).toEqual({ from: '2025-03-24', to: '2025-03-30' })
    expect(presetRange('last7', new Date('2025-03-30T10:00:00Z'))).toEqual({ from: '2025-03-24', to: '2025-03-30' })
  })

  it('finds the preset a range matches, the first one when several do', () => {
    const monday = new Date('2025-05-12T08:00:00Z')
    expect(presetOf({ from: '2025-05-12', to: '2025-05-12' }, monday)).toBe('today')
    expect(presetOf({ from: '2025-05-06', to: '2025-05-12' }, monday)).toBe('last7')
    expect(presetOf({ from: '2025-05-02', to: '2025-05-12' }, monday)).toBeNull()
  })
})

describe('report range checks', () => {
  it('counts days with both ends included, over the clock changes', () => {
    expect(rangeDays({ from: '2025-03-30', to: '2025-03-30' })).toBe(1)
    expect(rangeDays({ from: '2025-03-29', to: '2025-03-31' })).toBe(3)
    expect(rangeDays({ from: '2025-10-25', to: '2025-10-27' })).toBe(3)
    expect(rangeDays({ from: '2025-02-30', to: '2025-03-01' })).toBeNull()
  })

  it('accepts at most 366 days, in order, as real dates', () => {
    expect(rangeProblem({ from: '2024-01-01', to: '2024-12-31' })).toBeNull()
    expect(rangeProblem({ from: '2024-01-01', to: '2025-01-01' })).toBe('tooLong')
    expect(rangeProblem({ from: '2025-05-02', to: '2025-05-01' })).toBe('reversed')
    expect(rangeProblem({ from: '2025-5-1', to: '2025-05-01' })).toBe('invalid')
    expect(rangeProblem({ from: '', to: '2025-05-01' })).toBe('invalid')
  })
})

describe('the range in the address', () => {
  const now = new Date('2025-05-14T13:00:00Z')

  it('reads ?from=&to=, the last 7 days when absent, one day when only one end is given', () => {
    expect(rangeFromQuery(new URLSearchParams('from=2025-04-01&to=2025-04-30'), now)).toEqual({ from: '2025-04-01', to: '2025-04-30' })
    expect(rangeFromQuery(new URLSearchParams(''), now)).toEqual(defaultRange(now))
    expect(rangeFromQuery(new URLSearchParams('from=2025-04-01'), now)).toEqual({ from: '2025-04-01', to: '2025-04-01' })
  })

  it('builds the report and CSV addresses', () => {
    const range = { from: '2025-04-01', to: '2025-04-30' }
    expect(reportPath(range)).toBe('/api/reports?from=2025-04-01&to=2025-04-30')
    expect(csvPath(range, 'weekday')).toBe('/api/reports.csv?from=2025-04-01&to=2025-04-30&by=weekday')
  })

  it('writes a day in full in the language', () => {
    expect(longDay('2025-03-01', 'pl')).toBe('1 marca 2025')
    expect(longDay('2025-03-01', 'en')).toBe('March 1, 2025')
  })
})
