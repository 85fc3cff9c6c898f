// SLA clocks as the console shows them: business time left ticking locally while the calendar is open, the badge's
// state (running, soon, paused, breached), compact and spoken durations, what the timeline learns about a clock's
// target, and the timeline line for an `sla` event.
import type { SlaBadge, TimelineEvent } from '$protocol/rest.ts'
import type { SlaClockKind } from '$protocol/sla.ts'
import type { Lang, MessageKey, Params } from './i18n.ts'

const MINUTE = 60_000
/** Without a known target, a clock with less than this left is "due soon". */
export const SOON_MS = 5 * MINUTE
/** With a known target, a clock with less than this share of it left is "due soon". */
export const WARN_SHARE = 0.2

export type SlaState = 'running' | 'warning' | 'paused' | 'breached'

/** What the timeline (or an `sla` frame) told us about one clock: its target and whether it warned. */
export interface ClockHint {
  targetMs: number | null
  warned: boolean
}
export type ClockHints = Partial<Record<SlaClockKind, ClockHint>>

const CLOCKS: readonly string[] = ['first_response', 'next_response', 'resolution'] satisfies SlaClockKind[]

export function isSlaClock(value: unknown): value is SlaClockKind {
  return typeof value === 'string' && CLOCKS.includes(value)
}

/**
 * The badge with `at` set to when it arrived here, so it ticks by this browser's clock and not the hub's (a staff
 * PC a minute off would otherwise be a minute wrong against a three-minute target).
 */
export function received<T extends { sla: SlaBadge | null }>(conversation: T, now = Date.now()): T {
  if (!conversation.sla) return conversation
  return { ...conversation, sla: { ...conversation.sla, at: new Date(now).toISOString() } }
}

/** Business time left at `now`: it shrinks only while the clock runs and its calendar is open. */
export function slaLeftMs(badge: SlaBadge, now: number): number {
  if (badge.paused || !badge.openNow) return badge.leftMs
  const at = Date.parse(badge.at)
  if (Number.isNaN(at)) return badge.leftMs
  return badge.leftMs - Math.max(0, now - at)
}

/** Breached (flagged by the hub, or the time ran out here), paused, due soon, or running. */
export function slaState(badge: SlaBadge, now: number, hint?: ClockHint): SlaState {
  const left = slaLeftMs(badge, now)
  if (badge.breached || left <= 0) return 'breached'
  if (badge.paused) return 'paused'
  if (badge.warned || hint?.warned) return 'warning'
  const target = badge.targetMs || hint?.targetMs
  const soon = target && target > 0 ? target * WARN_SHARE : SOON_MS
  return left < soon ? 'warning' : 'running'
}

/** A running clock whose calendar is closed now: its time stands still until it opens. */
export function slaOutsideHours(badge: SlaBadge): boolean {
  return !badge.paused && !badge.openNow
}

function wholeMinutes(ms: number): number {
  return Math.ceil(Math.abs(ms) / MINUTE)
}

/** "12 min", "1 h 05 min", "14 h", and "−3 min" once overdue. */
export function formatSlaLeft(ms: number): string {
  const minutes = wholeMinutes(ms)
  const sign = ms < 0 ? '−' : ''
  if (minutes < 60) return `${sign}${minutes} min`
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return h >= 10 ? `${sign}${h} h` : `${sign}${h} h ${String(m).padStart(2, '0')} min`
}

/** The same span read aloud, without a sign: "1 godzina 5 minut", "3 minutes". */
export function spokenDuration(ms: number, lang: Lang): string {
  const minutes = wholeMinutes(ms)
  const unit = (value: number, u: 'hour' | 'minute') => new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'long' }).format(value)
  if (minutes < 60) return unit(minutes, 'minute')
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return m === 0 || h >= 10 ? unit(h, 'hour') : `${unit(h, 'hour')} ${unit(m, 'minute')}`
}

/** A target in seconds as a short text: "3 min", "8 h", "1 h 30 min". */
export function formatTarget(seconds: number): string {
  return formatSlaLeft(seconds * 1000)
}

/** The hints after some timeline events: targets from every step, warned from a warning until the clock restarts or ends. */
export function applySlaEvents(hints: ClockHints, events: readonly TimelineEvent[]): ClockHints {
  let next = hints
  for (const event of events) {
    if (event.type !== 'sla' || !event.data) continue
    const { step, clock, targetMs } = event.data
    if (!isSlaClock(clock)) continue
    const known = next[clock]
    const target = typeof targetMs === 'number' ? targetMs : (known?.targetMs ?? null)
    if (step === 'fulfilled' || step === 'stopped') {
      const { [clock]: _gone, ...rest } = next
      next = rest
    } else if (step === 'started') {
      next = { ...next, [clock]: { targetMs: target, warned: false } }
    } else {
      next = { ...next, [clock]: { targetMs: target, warned: step === 'warning' || step === 'breached' || (known?.warned ?? false) } }
    }
  }
  return next
}

type Translate = (key: MessageKey, params?: Params) => string

/** "Pierwsza odpowiedź" → "pierwsza odpowiedź", for the middle of a sentence. */
export function lowerFirst(text: string, lang: Lang): string {
  return text.slice(0, 1).toLocaleLowerCase(lang) + text.slice(1)
}

export function slaClockKey(clock: SlaClockKind): MessageKey {
  return `sla.clock.${clock}`
}

const STEP_KEYS: Record<string, MessageKey> = {
  started: 'sla.step.started',
  paused: 'sla.step.paused',
  resumed: 'sla.step.resumed',
  warning: 'sla.step.warning',
  breached: 'sla.step.breached',
  fulfilled: 'sla.step.fulfilled',
  stopped: 'sla.step.stopped',
}

/**
 * The timeline line for an `sla` event: "SLA: pierwsza odpowiedź – przekroczono termin (polityka Czat całodobowy)".
 * `due` formats a deadline for the reader (a clock time, with the date when not today).
 */
export function slaEventText(data: Record<string, unknown> | null, tr: Translate, lang: Lang, due: (iso: string) => string): string {
  const d = data ?? {}
  const clock = isSlaClock(d.clock) ? lowerFirst(tr(slaClockKey(d.clock)), lang) : 'SLA'
  const dueText = typeof d.dueAt === 'string' && d.dueAt ? due(d.dueAt) : tr('sla.noDue')
  let key = typeof d.step === 'string' ? STEP_KEYS[d.step] : undefined
  if (d.step === 'fulfilled' && d.breached === true) key = 'sla.step.fulfilledLate'
  let text = key ? tr(key, { clock, due: dueText }) : tr('sla.step.other', { clock })
  if ((d.step === 'fulfilled' || d.step === 'stopped' || d.step === 'paused') && typeof d.usedMs === 'number' && typeof d.targetMs === 'number') {
    text += `, ${tr('sla.used', { used: formatSlaLeft(d.usedMs), target: formatSlaLeft(d.targetMs) })}`
  }
  const policy = typeof d.policyName === 'string' && d.policyName ? d.policyName : null
  return policy ? `${text} (${tr('sla.policy', { policy })})` : text
}

/** Everything a badge says, for its accessible name: clock, state and time. */
export function slaDescription(badge: SlaBadge, state: SlaState, now: number, tr: Translate, lang: Lang): string {
  const clock = lowerFirst(tr(slaClockKey(badge.clock)), lang)
  const left = slaLeftMs(badge, now)
  const time = spokenDuration(left, lang)
  let text: string
  if (state === 'breached') text = left < 0 ? tr('sla.say.breachedAgo', { clock, time }) : tr('sla.say.breached', { clock })
  else if (state === 'paused') text = tr('sla.say.paused', { clock, time })
  else if (state === 'warning') text = tr('sla.say.warning', { clock, time })
  else text = tr('sla.say.running', { clock, time })
  if (state === 'breached' && badge.paused) text += `, ${tr('sla.pausedWord')}`
  if (slaOutsideHours(badge)) text += `, ${tr('sla.say.outsideHours')}`
  return text
}
