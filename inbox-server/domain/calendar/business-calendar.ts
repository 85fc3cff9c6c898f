// When a queue or an office is open: weekly wall-clock windows in a time zone, minus holidays and closed days.
import type { CivilDate, IsoWeekday } from './civil-date.ts'

/** 'HH:mm' wall-clock time in the calendar's zone; '24:00' is allowed as an end and means the next midnight. */
export type WallTime = string

/** Open from `start` (inclusive) to `end` (exclusive), read off the wall clock of the calendar's zone. */
export interface OpeningWindow {
  start: WallTime
  end: WallTime
}

export type WeekWindows = Record<IsoWeekday, readonly OpeningWindow[]>

export interface BusinessCalendar {
  /** IANA zone, e.g. 'Europe/Warsaw'. Windows are wall-clock times there, so DST shortens or lengthens them. */
  timeZone: string
  /** Open 00:00–24:00 every day; `week` is then ignored, but holidays and closed dates still close whole days. */
  alwaysOpen: boolean
  /** Windows per ISO weekday (1 = Monday), sorted and not overlapping; an empty list is a closed day. */
  week: WeekWindows
  /** Closed on Polish statutory holidays (see polish-holidays.ts). */
  polishHolidays: boolean
  /** Further whole days closed, as local dates (an office's own closures, bridge days). */
  closedDates: readonly CivilDate[]
}

const officeHours: readonly OpeningWindow[] = [{ start: '08:00', end: '16:00' }]

/** A Polish public office: Monday to Friday 08:00–16:00 Warsaw time (the 8-hour day of public administration), closed on holidays. */
export const DEFAULT_CALENDAR: BusinessCalendar = {
  timeZone: 'Europe/Warsaw',
  alwaysOpen: false,
  week: { 1: officeHours, 2: officeHours, 3: officeHours, 4: officeHours, 5: officeHours, 6: [], 7: [] },
  polishHolidays: true,
  closedDates: [],
}

/** Every instant counts, holidays included: for channels answered round the clock (or SLAs in plain elapsed time). */
export const ROUND_THE_CLOCK: BusinessCalendar = {
  timeZone: 'Europe/Warsaw',
  alwaysOpen: true,
  week: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] },
  polishHolidays: false,
  closedDates: [],
}

/** Minutes after midnight of a well-formed 'HH:mm' (24:00 is 1440). */
export function wallTimeMinutes(t: WallTime): number {
  return Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))
}

/** True when the calendar has no window on any weekday, so it never opens. */
export function isNeverOpen(cal: BusinessCalendar): boolean {
  if (cal.alwaysOpen) return false
  return ([1, 2, 3, 4, 5, 6, 7] as const).every((d) => cal.week[d].length === 0)
}
