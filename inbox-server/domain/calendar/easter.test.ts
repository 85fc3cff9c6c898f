import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isoWeekday } from './civil-date.ts'
import { easterSunday } from './easter.ts'

// Gauss's Easter algorithm with its two exceptions: an independent derivation to check Meeus–Jones–Butcher against.
function gaussEaster(year: number): string {
  const a = year % 19
  const b = year % 4
  const c = year % 7
  const k = Math.floor(year / 100)
  const p = Math.floor((13 + 8 * k) / 25)
  const q = Math.floor(k / 4)
  const M = (15 - p + k - q) % 30
  const N = (4 + k - q) % 7
  const d = (19 * a + M) % 30
  const e = (2 * b + 4 * c + 6 * d + N) % 7
  let month = 3
  let day = 22 + d + e
  if (day > 31) [month, day] = [4, d + e - 9]
  if (month === 4 && d === 29 && e === 6) day = 19
  if (month === 4 && d === 28 && e === 6 && (11 * M + 11) % 30 < 19) day = 18
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    [2031, '2031-04-13'],
    [2032, '2032-03-28'],
    [2033, '2033-04-17'],
    [2034, '2034-04-09'],
    [2035, '2035-03-25'],
  ])('falls in %i on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date)
  })

  it('gets the extreme dates and the years where the simple rule needs exceptions', () => {
    expect(easterSunday(1818)).toBe('1818-03-22')
    expect(easterSunday(2285)).toBe('2285-03-22')
    expect(easterSunday(1943)).toBe('1943-04-25')
    expect(easterSunday(2038)).toBe('2038-04-25')
    expect(easterSunday(1981)).toBe('1981-04-19') // Gauss: d = 29, e = 6
    expect(easterSunday(1954)).toBe('1954-04-18') // Gauss: d = 28, e = 6
  })

  it('agrees with Gauss, is a Sunday and lies between 22 March and 25 April in every Gregorian year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
        const date = easterSunday(year)
        expect(date).toBe(gaussEaster(year))
        expect(isoWeekday(date)).toBe(7)
        expect(date.slice(5) >= '03-22' && date.slice(5) <= '04-25').toBe(true)
      }),
      { numRuns: 2000 },
    )
  })

  it('refuses years outside the Gregorian calendar', () => {
    expect(() => easterSunday(1582)).toThrow(RangeError)
    expect(() => easterSunday(2026.5)).toThrow(RangeError)
  })
})
