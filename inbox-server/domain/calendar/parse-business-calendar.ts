// Checks a business calendar an administrator writes (or that is read back from storage) before anything uses it.
import { IANAZone } from 'luxon'
import { CalendarDefinition, WALL_TIME } from '../../../protocol/sla.ts'
import { isNeverOpen, wallTimeMinutes, type BusinessCalendar, type OpeningWindow } from './business-calendar.ts'
import { isCivilDate } from './civil-date.ts'

export interface CalendarProblem {
  path: string
  message: string
}

export type ParsedCalendar = { ok: true; calendar: BusinessCalendar } | { ok: false; problems: CalendarProblem[] }

/** The shape only is the wire's (protocol/sla.ts, defaults those of DEFAULT_CALENDAR); `checkBusinessCalendar` checks the meaning. */
export const businessCalendarSchema = CalendarDefinition

/** Parses a calendar's shape, then checks it with `checkBusinessCalendar`. */
export function parseBusinessCalendar(input: unknown): ParsedCalendar {
  const parsed = businessCalendarSchema.safeParse(input)
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) }
  }
  const problems = checkBusinessCalendar(parsed.data)
  return problems.length > 0 ? { ok: false, problems } : { ok: true, calendar: parsed.data }
}

/**
 * Problems with a calendar of the right shape: an unknown IANA zone, windows not 'HH:mm', empty or
 * backwards, unsorted or overlapping (touching is allowed), dates that do not exist, or no window at
 * all without `alwaysOpen`. Empty when the business-time functions may use it.
 */
export function checkBusinessCalendar(cal: BusinessCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = []
  if (!IANAZone.isValidZone(cal.timeZone)) problems.push({ path: 'timeZone', message: `not a known IANA time zone: ${cal.timeZone}` })
  for (const day of [1, 2, 3, 4, 5, 6, 7] as const) problems.push(...checkDay(cal.week[day], `week.${day}`))
  cal.closedDates.forEach((d, i) => {
    if (!isCivilDate(d)) problems.push({ path: `closedDates.${i}`, message: `not a 'YYYY-MM-DD' date: ${d}` })
  })
  if (isNeverOpen(cal)) problems.push({ path: 'week', message: 'the calendar never opens: give at least one window or set alwaysOpen' })
  return problems
}

function checkDay(windows: readonly OpeningWindow[], path: string): CalendarProblem[] {
  const problems: CalendarProblem[] = []
  windows.forEach((w, i) => {
    if (!WALL_TIME.test(w.start) || !WALL_TIME.test(w.end)) problems.push({ path: `${path}.${i}`, message: `not 'HH:mm' times: ${w.start}–${w.end}` })
    else if (w.start === '24:00') problems.push({ path: `${path}.${i}.start`, message: 'a window cannot start at 24:00' })
    else if (wallTimeMinutes(w.start) >= wallTimeMinutes(w.end)) problems.push({ path: `${path}.${i}`, message: `start ${w.start} is not before end ${w.end}` })
    const prev = windows[i - 1]
    if (prev && wallTimeMinutes(prev.end) > wallTimeMinutes(w.start)) {
      problems.push({ path: `${path}.${i}`, message: `${w.start}–${w.end} overlaps or precedes ${prev.start}–${prev.end}: sort the windows and do not overlap them` })
    }
  })
  return problems
}
