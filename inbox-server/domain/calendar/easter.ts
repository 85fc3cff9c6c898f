// Date of Easter Sunday in the Gregorian calendar (Western churches), on which four Polish holidays depend.
import { civilDate, type CivilDate } from './civil-date.ts'

/**
 * Easter Sunday of a Gregorian year (1583 or later), by the anonymous Gregorian algorithm
 * (Meeus–Jones–Butcher). Throws for other years: asking is a bug, not an expected failure.
 */
export function easterSunday(year: number): CivilDate {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new RangeError(`no Gregorian Easter for year ${year}`)
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const n = h + l - 7 * m + 114
  return civilDate(year, Math.floor(n / 31), (n % 31) + 1)
}
