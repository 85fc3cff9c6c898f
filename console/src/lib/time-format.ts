// How times read in the console: "5 min temu" in the conversation list, a clock time (with the date if not today) in the timeline, "3:07" waited on the board.
// Dates and clock times are the service's, Europe/Warsaw, whatever zone the browser is in.
import { translate, type Lang } from './i18n.ts'

export const TIME_ZONE = 'Europe/Warsaw'

/** The calendar day of an instant in Warsaw, as "2026-12-01". */
function warsawDay(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms)
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** A short relative time for the list: "przed chwilą", "5 min temu", "wczoraj", then a date. */
export function formatRelative(iso: string, now: number, lang: Lang): string {
  const then = Date.parse(iso)
  if (Number.isNaN(then)) return ''
  const diff = now - then
  if (diff < 45_000) return translate(lang, 'time.justNow')
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'short' })
  if (diff < 45 * MINUTE) return rtf.format(-Math.max(1, Math.round(diff / MINUTE)), 'minute')
  if (diff < 22 * HOUR) return rtf.format(-Math.round(diff / HOUR), 'hour')
  if (diff < 6 * DAY) return rtf.format(-Math.max(1, Math.round(diff / DAY)), 'day')
  const sameYear = warsawDay(then).slice(0, 4) === warsawDay(now).slice(0, 4)
  return new Intl.DateTimeFormat(lang, {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(then)
}

/** "14:03" for today, "12 mar, 14:03" for another day. */
export function formatClock(iso: string, now: number, lang: Lang): string {
  const then = new Date(iso)
  if (Number.isNaN(then.getTime())) return ''
  const sameDay = warsawDay(then.getTime()) === warsawDay(now)
  return new Intl.DateTimeFormat(lang, {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    ...(sameDay ? {} : { day: 'numeric', month: 'short' }),
  }).format(then)
}

/** A full date and time: "5 maj 2025, 14:03". */
export function formatDateTime(iso: string, lang: Lang): string {
  const then = new Date(iso)
  if (Number.isNaN(then.getTime())) return ''
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(then)
}

/** How long someone has waited, as a clock: "0:42", "12:05", "1:02:03". */
export function formatWaiting(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

/** The same span for a <time datetime>: "PT1H2M3S". */
export function isoDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`
}
