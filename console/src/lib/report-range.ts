// The days a report covers, in Europe/Warsaw: the presets (today, yesterday, this week, the last 7 days, this month,
// last month), the range in the page's address (?from=YYYY-MM-DD&to=YYYY-MM-DD, both days included) and its checks,
// and the addresses of the report and its CSV. Pure: "now" is always passed in.
import { DateTime } from 'luxon'

export const REPORT_ZONE = 'Europe/Warsaw'
/** As the hub allows (protocol/reports.ts MAX_REPORT_DAYS). */
export const MAX_DAYS = 366

export const PRESETS = ['today', 'yesterday', 'thisWeek', 'last7', 'thisMonth', 'lastMonth'] as const
export type Preset = (typeof PRESETS)[number]
export const CSV_BREAKDOWNS = ['total', 'queue', 'channel', 'consultant', 'office', 'hour', 'weekday'] as const
export type CsvBreakdown = (typeof CSV_BREAKDOWNS)[number]

export interface DayRange {
  from: string
  to: string
}

export type RangeProblem = 'invalid' | 'reversed' | 'tooLong'

const DAY = /^\d{4}-\d{2}-\d{2}$/

function day(dt: DateTime): string {
  return dt.toFormat('yyyy-MM-dd')
}

function warsaw(now: Date | number): DateTime {
  return DateTime.fromMillis(typeof now === 'number' ? now : now.getTime(), { zone: REPORT_ZONE }).startOf('day')
}

/** The days of a preset as of `now`; the current week and month end today (the rest has not happened yet). */
export function presetRange(preset: Preset, now: Date | number): DayRange {
  const today = warsaw(now)
  switch (preset) {
    case 'today':
      return { from: day(today), to: day(today) }
    case 'yesterday': {
      const y = today.minus({ days: 1 })
      return { from: day(y), to: day(y) }
    }
    case 'thisWeek':
      // Luxon's weeks are ISO weeks: Monday first, as in Poland.
      return { from: day(today.startOf('week')), to: day(today) }
    case 'last7':
      return { from: day(today.minus({ days: 6 })), to: day(today) }
    case 'thisMonth':
      return { from: day(today.startOf('month')), to: day(today) }
    case 'lastMonth': {
      const last = today.minus({ months: 1 })
      return { from: day(last.startOf('month')), to: day(last.endOf('month')) }
    }
  }
}

export function defaultRange(now: Date | number): DayRange {
  return presetRange('last7', now)
}

/** Which preset gives exactly this range today, if any (to mark the pressed preset). */
export function presetOf(range: DayRange, now: Date | number): Preset | null {
  return PRESETS.find((p) => {
    const r = presetRange(p, now)
    return r.from === range.from && r.to === range.to
  }) ?? null
}

/** How many days the range covers, both ends included; null when a day is not a real date. */
export function rangeDays(range: DayRange): number | null {
  if (!DAY.test(range.from) || !DAY.test(range.to)) return null
  const from = DateTime.fromISO(range.from, { zone: REPORT_ZONE })
  const to = DateTime.fromISO(range.to, { zone: REPORT_ZONE })
  if (!from.isValid || !to.isValid) return null
  return Math.round(to.diff(from, 'days').days) + 1
}

/** What is wrong with a range, or null when the hub will accept it. */
export function rangeProblem(range: DayRange): RangeProblem | null {
  const days = rangeDays(range)
  if (days === null) return 'invalid'
  if (days < 1) return 'reversed'
  if (days > MAX_DAYS) return 'tooLong'
  return null
}

/** The range in a page address; the default when the address names none. */
export function rangeFromQuery(params: URLSearchParams, now: Date | number): DayRange {
  const from = params.get('from')
  const to = params.get('to')
  if (from === null && to === null) return defaultRange(now)
  const fallback = defaultRange(now)
  return { from: from ?? to ?? fallback.from, to: to ?? from ?? fallback.to }
}

export function rangeQuery(range: DayRange): string {
  return new URLSearchParams({ from: range.from, to: range.to }).toString()
}

export function reportPath(range: DayRange): string {
  return `/api/reports?${rangeQuery(range)}`
}

export function csvPath(range: DayRange, by: CsvBreakdown): string {
  return `/api/reports.csv?${new URLSearchParams({ from: range.from, to: range.to, by }).toString()}`
}

/** A day as the language writes it in full, e.g. "1 marca 2025" / "1 March 2025". */
export function longDay(value: string, lang: string): string {
  return DateTime.fromISO(value, { zone: REPORT_ZONE }).setLocale(lang).toLocaleString(DateTime.DATE_FULL)
}
