import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { addDays, isCivilDate, isoWeekday } from './civil-date.ts'

describe('civil dates', () => {
  it('knows which dates exist', () => {
    expect(isCivilDate('2028-02-29')).toBe(true)
    expect(isCivilDate('2026-02-29')).toBe(false)
    expect(isCivilDate('2100-02-29')).toBe(false)
    expect(isCivilDate('2026-04-31')).toBe(false)
    expect(isCivilDate('2026-13-01')).toBe(false)
    expect(isCivilDate('2026-1-01')).toBe(false)
    expect(isCivilDate('0050-01-31')).toBe(true)
  })

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(addDays('2026-04-05', 60)).toBe('2026-06-04')
  })

  it('agrees with luxon on weekdays and on adding days', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 2_500_000 }), fc.integer({ min: -1000, max: 1000 }), (n, k) => {
        const dt = DateTime.fromObject({ year: 1970, month: 1, day: 1 }, { zone: 'utc' }).plus({ days: n })
        const date = dt.toISODate() ?? ''
        expect(isoWeekday(date)).toBe(dt.weekday)
        expect(addDays(date, k)).toBe(dt.plus({ days: k }).toISODate())
      }),
    )
  })
})
