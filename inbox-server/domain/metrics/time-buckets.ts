// Staffing views: queue figures by hour of day and by day of week on the wall clock of Europe/Warsaw, and the
// wall-clock hours of a period as intervals. A wait falls in the hour it entered the queue. Daylight saving is the
// zone's: the spring-forward night has no 02:00 hour (a 23-hour day), the fall-back night has two (a 25-hour day;
// both go to the 02 bucket of the hour-of-day view, and are two intervals in `localHours`).
import { DateTime } from 'luxon'
import type { MetricsSettings } from './metrics-settings.ts'
import type { Period } from './period.ts'
import { queueFigures, type EntryRow, type QueueFigures } from './service-level.ts'

export const METRICS_ZONE = 'Europe/Warsaw'
const HOUR_MS = 3_600_000

const local = (ms: number) => DateTime.fromMillis(ms, { zone: METRICS_ZONE })

/** 0–23 on the Warsaw wall clock. */
export function localHourOf(ms: number): number {
  return local(ms).hour
}

/** ISO weekday in Warsaw: 1 Monday … 7 Sunday. */
export function localWeekdayOf(ms: number): number {
  return local(ms).weekday
}

function grouped(rows: readonly EntryRow[], size: number, key: (ms: number) => number): EntryRow[][] {
  const groups: EntryRow[][] = Array.from({ length: size }, () => [])
  for (const r of rows) groups[key(r.entry.enteredAt)]!.push(r)
  return groups
}

/** 24 buckets, index = the hour the wait entered the queue. */
export function byHourOfDay(rows: readonly EntryRow[], settings: MetricsSettings): QueueFigures[] {
  return grouped(rows, 24, localHourOf).map((g) => queueFigures(g, settings))
}

/** 7 buckets, index 0 = Monday … 6 = Sunday. */
export function byDayOfWeek(rows: readonly EntryRow[], settings: MetricsSettings): QueueFigures[] {
  return grouped(rows, 7, (ms) => localWeekdayOf(ms) - 1).map((g) => queueFigures(g, settings))
}

/** One wall-clock hour: [start, end) in epoch ms, its local date and hour, and the UTC offset then (minutes). */
export interface LocalHour {
  start: number
  end: number
  date: string
  hour: number
  offsetMinutes: number
}

/** The Warsaw hours that begin in the period (the first is the one `from` falls in). */
export function localHours(period: Period): LocalHour[] {
  const hours: LocalHour[] = []
  // Warsaw's offsets are whole hours, so its hours begin on UTC hours: step by elapsed hours.
  for (let start = local(period.from).startOf('hour').toMillis(); start < period.to; start += HOUR_MS) {
    const t = local(start)
    hours.push({ start, end: start + HOUR_MS, date: t.toISODate() ?? '', hour: t.hour, offsetMinutes: t.offset })
  }
  return hours
}

/** How often each hour of day (index) occurs in the period: the divisor for per-day averages of `byHourOfDay`. */
export function hourOccurrences(period: Period): number[] {
  const counts = Array.from({ length: 24 }, () => 0)
  for (const h of localHours(period)) counts[h.hour]!++
  return counts
}

/** Queue figures for each wall-clock hour of the period, in order (an interval report). */
export function byLocalHour(rows: readonly EntryRow[], period: Period, settings: MetricsSettings): { hour: LocalHour; figures: QueueFigures }[] {
  const hours = localHours(period)
  const groups: EntryRow[][] = hours.map(() => [])
  const first = hours[0]?.start ?? 0
  for (const r of rows) groups[Math.floor((r.entry.enteredAt - first) / HOUR_MS)]?.push(r)
  return hours.map((hour, i) => ({ hour, figures: queueFigures(groups[i] ?? [], settings) }))
}
