// When a snooze ends, chosen from presets (in an hour, tomorrow at 8:00, Monday at 8:00) or typed as a local date and
// time; all in Europe/Warsaw, the service's time, whatever the browser's zone.
import { DateTime } from 'luxon'

export const SERVICE_ZONE = 'Europe/Warsaw'
const START_OF_DAY = { hour: 8, minute: 0, second: 0, millisecond: 0 }

export type SnoozePreset = 'hour' | 'tomorrow' | 'monday'
export const SNOOZE_PRESETS: readonly SnoozePreset[] = ['hour', 'tomorrow', 'monday']

/** The wake-up time of a preset, as an ISO instant. */
export function presetUntil(preset: SnoozePreset, now: Date): string {
  const here = DateTime.fromJSDate(now).setZone(SERVICE_ZONE)
  switch (preset) {
    case 'hour':
      return here.plus({ hours: 1 }).toUTC().toISO()!
    case 'tomorrow':
      return here.plus({ days: 1 }).set(START_OF_DAY).toUTC().toISO()!
    case 'monday': {
      // Next week's Monday: never today, even on a Monday morning.
      const days = ((8 - here.weekday) % 7) || 7
      return here.plus({ days }).set(START_OF_DAY).toUTC().toISO()!
    }
  }
}

/** A `datetime-local` value ("2026-12-02T09:30") read as Warsaw time; null when empty or not a date. */
export function localUntil(value: string): string | null {
  if (!value) return null
  const at = DateTime.fromISO(value, { zone: SERVICE_ZONE })
  return at.isValid ? at.toUTC().toISO() : null
}

/** The `datetime-local` value for an instant, in Warsaw time (to prefill or bound the input). */
export function toLocalInput(iso: string): string {
  return DateTime.fromISO(iso).setZone(SERVICE_ZONE).toFormat("yyyy-MM-dd'T'HH:mm")
}
