// Between the calendar and SLA policy forms and their request bodies: weekly opening hours as editable rows, a week
// summed up for the table, closed days kept sorted, and targets typed in minutes or hours but stored in seconds.
import type { CalendarDefinition } from '$protocol/sla.ts'
import type { Problem } from './problem.ts'

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const
export type Weekday = (typeof WEEKDAYS)[number]
export interface OpeningWindow {
  start: string
  end: string
}
export type Week = Record<Weekday, OpeningWindow[]>

/** What a new calendar starts from: Monday to Friday, 08:00–16:00. */
export function officeWeek(): Week {
  const day = () => [{ start: '08:00', end: '16:00' }]
  return { 1: day(), 2: day(), 3: day(), 4: day(), 5: day(), 6: [], 7: [] }
}

/** A copy of a stored week to edit (every day present, windows copied). */
export function editableWeek(week: Partial<Record<Weekday, readonly OpeningWindow[]>> | undefined): Week {
  const out = {} as Week
  for (const d of WEEKDAYS) out[d] = (week?.[d] ?? []).map((w) => ({ start: w.start, end: w.end }))
  return out
}

/** "8:00" → "08:00"; anything else is left for the hub to judge. */
export function tidyTime(value: string): string {
  const v = value.trim()
  return /^\d:\d\d$/.test(v) ? `0${v}` : v
}

/** The week as the hub takes it: days 1–7 in order, each day's windows tidied and sorted by start. */
export function weekBody(week: Week): Week {
  const out = {} as Week
  for (const d of WEEKDAYS) {
    out[d] = week[d].map((w) => ({ start: tidyTime(w.start), end: tidyTime(w.end) })).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
  }
  return out
}

/** Adds a 'YYYY-MM-DD' day to a sorted list of unique days. */
export function addDate(dates: readonly string[], date: string): string[] {
  const d = date.trim()
  if (!d || dates.includes(d)) return [...dates]
  return [...dates, d].sort()
}

/**
 * A week in a line for the table: days with the same hours run together, "pn–pt 08:00–18:00; sob 09:00–13:00".
 * Empty when the calendar is never open on any weekday.
 */
export function summarizeWeek(week: Week, dayName: (day: Weekday) => string): string {
  const parts: string[] = []
  const hours = (d: Weekday) => week[d].map((w) => `${w.start}–${w.end}`).join(', ')
  let i = 0
  while (i < WEEKDAYS.length) {
    const first = WEEKDAYS[i]!
    const text = hours(first)
    let j = i
    while (j + 1 < WEEKDAYS.length && hours(WEEKDAYS[j + 1]!) === text) j++
    const last = WEEKDAYS[j]!
    if (text) parts.push(`${first === last ? dayName(first) : `${dayName(first)}–${dayName(last)}`} ${text}`)
    i = j + 1
  }
  return parts.join('; ')
}

export function summarizeCalendar(definition: CalendarDefinition, dayName: (day: Weekday) => string, alwaysOpen: string, never: string): string {
  if (definition.alwaysOpen) return alwaysOpen
  return summarizeWeek(editableWeek(definition.week), dayName) || never
}

/** A calendar's problems as its form shows them: paths inside `definition` named like the form's own fields. */
export function calendarProblem(problem: Problem | null): Problem | null {
  if (!problem) return null
  return { ...problem, fields: problem.fields.map((f) => ({ ...f, path: f.path.replace(/^definition\./, '') })) }
}

export type TargetUnit = 'minutes' | 'hours'
const UNIT_SECONDS: Record<TargetUnit, number> = { minutes: 60, hours: 3600 }

/** A stored target as the form shows it: whole hours in hours, anything else in minutes. */
export function targetInput(seconds: number | null | undefined): { value: number | null; unit: TargetUnit } {
  if (seconds === null || seconds === undefined) return { value: null, unit: 'minutes' }
  if (seconds >= 3600 && seconds % 3600 === 0) return { value: seconds / 3600, unit: 'hours' }
  return { value: Math.round((seconds / 60) * 100) / 100, unit: 'minutes' }
}

/** A typed target in whole seconds; empty is no target. Zero or less is sent as it is, for the hub to refuse. */
export function targetSeconds(value: string | number | null | undefined, unit: TargetUnit): number | null {
  if (value === null || value === undefined) return null
  const n = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value)
  if (Number.isNaN(n)) return null
  return Math.round(n * UNIT_SECONDS[unit])
}
