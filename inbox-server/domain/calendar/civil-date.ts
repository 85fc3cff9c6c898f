// Calendar dates without a time or a zone ('YYYY-MM-DD'): validity, adding days, weekday. Plain proleptic Gregorian arithmetic.

/** A date as people write it in one place, e.g. '2026-12-24'; which instants it covers depends on a time zone. */
export type CivilDate = string

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7

const DAY_MS = 86_400_000
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True for a well-formed date that exists ('2026-02-29' does not). */
export function isCivilDate(s: string): boolean {
  const m = SHAPE.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
}

export function civilDate(year: number, month: number, day: number): CivilDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function civilDateParts(date: CivilDate): { year: number; month: number; day: number } {
  const m = SHAPE.exec(date)
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`)
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
}

// UTC midnights are used as a day counter only: UTC has no offsets, so this is calendar arithmetic, not zone arithmetic.
function dayNumber(date: CivilDate): number {
  const { year, month, day } = civilDateParts(date)
  return Math.floor(utcMidnight(year, month - 1, day) / DAY_MS)
}

// Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not.
function utcMidnight(year: number, monthIndex: number, day: number): number {
  const d = new Date(0)
  d.setUTCFullYear(year, monthIndex, day)
  return d.getTime()
}

function fromDayNumber(n: number): CivilDate {
  const d = new Date(n * DAY_MS)
  return civilDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(dayNumber(date) + days)
}

export function isoWeekday(date: CivilDate): IsoWeekday {
  // Day 0 of the count (1970-01-01) was a Thursday.
  return ((((dayNumber(date) + 3) % 7) + 7) % 7 + 1) as IsoWeekday
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcMidnight(year, month, 0)).getUTCDate()
}
