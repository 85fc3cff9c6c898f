// What the reply box allows in one conversation: the channel's length limit (with a counter near it), whether staff
// reply from the console at all, Messenger's reply window, an SMS number that opted out (STOP), and the SMS parts a
// reply takes (GSM-7 or UCS-2), as plain data and texts for the composer.
import type { ChannelKind } from '$protocol/channel.ts'
import type { ReplyWindow } from '$protocol/reply-window.ts'
// Relative paths, not $protocol: the unit tests run without SvelteKit's aliases and these are value imports.
import { channelLimits } from '../../../protocol/channel-limits.ts'
import { replyWindow } from '../../../protocol/reply-window.ts'
import { firstNonGsm, SMS_LIMITS, smsSegments, type SmsSegments } from '../../../protocol/sms-segments.ts'
import type { MessageKey, Params } from './i18n.ts'
import { pluralForm } from './i18n-channels.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

export interface ComposerRule {
  maxChars: number
  /** Characters still allowed (negative when over). */
  left: number
  /** Close enough to the limit to show (and announce) the counter. */
  near: boolean
  over: boolean
  /** Replies go out from the console on this channel (not on a phone line). */
  canReply: boolean
  window: ReplyWindow
  /** Why a reply cannot be sent now, whatever its text. */
  blocked: 'no_reply' | 'window_closed' | 'opted_out' | null
  /** SMS: the parts the (trimmed) reply takes; null on other channels. */
  sms: SmsSegments | null
}

/** From this many characters left (a tenth of the limit, at least 20) the counter shows. */
export function nearThreshold(maxChars: number): number {
  return Math.max(20, Math.round(maxChars * 0.1))
}

/** `optedOutAt`: an SMS number that sent STOP gets nothing until it sends START (the hub refuses with `opted_out`). */
export function composerRule(
  channel: ChannelKind,
  lastInboundAt: string | null | undefined,
  now: number,
  text: string,
  optedOutAt?: string | null,
): ComposerRule {
  const limits = channelLimits(channel)
  const inbound = lastInboundAt ? new Date(lastInboundAt) : null
  const window = replyWindow(channel, inbound && !Number.isNaN(inbound.getTime()) ? inbound : null, new Date(now))
  const trimmed = text.trim()
  const length = trimmed.length
  const left = limits.maxChars - length
  return {
    maxChars: limits.maxChars,
    left,
    near: limits.canReply && left <= nearThreshold(limits.maxChars),
    over: left < 0,
    canReply: limits.canReply,
    window,
    blocked: !limits.canReply ? 'no_reply' : window.state === 'closed' ? 'window_closed' : channel === 'sms' && optedOutAt ? 'opted_out' : null,
    sms: channel === 'sms' ? smsSegments(trimmed) : null,
  }
}

type Translate = (key: MessageKey, params?: Params) => string

/** "Zostało 12 znaków" with the Polish plural form of the count. */
export function charsLeftText(left: number, lang: string, t: Translate): string {
  const count = Math.max(0, left)
  return t(`composer.left.${pluralForm(lang, count)}`, { count })
}

/** "jeszcze 5 godz." (whole hours) or "35 min" under an hour. */
export function timeLeftText(ms: number, t: Translate): string {
  if (ms >= HOUR) return t('window.hours', { n: Math.floor(ms / HOUR) })
  return t('window.minutes', { n: Math.max(1, Math.ceil(ms / MINUTE)) })
}

/** The line about the reply window, or null on channels without one. */
export function windowText(window: ReplyWindow, now: number, t: Translate, clockText: (iso: string) => string): string | null {
  switch (window.state) {
    case 'open':
      return t('window.open', { time: timeLeftText(window.closesAt.getTime() - now, t) })
    case 'human_agent':
      return t('window.humanAgent', { time: clockText(window.closesAt.toISOString()) })
    case 'closed':
      return t('window.closed')
    default:
      return null
  }
}

/** "54 znaki · 1 SMS (GSM-7) · jeszcze 106 znaków w tym SMS-ie", or null for an empty reply. */
export function smsCounterText(sms: SmsSegments, lang: string, t: Translate): string | null {
  if (sms.segments === 0) return null
  return t('sms.counter', {
    chars: t(`sms.chars.${pluralForm(lang, sms.units)}`, { count: sms.units }),
    parts: smsPartsText(sms.segments, lang, t),
    encoding: sms.encoding,
    left: sms.remaining === 0 ? t('sms.left.none') : t(`sms.left.${pluralForm(lang, sms.remaining)}`, { count: sms.remaining }),
  })
}

/** "2 SMS-y" with the Polish plural form. */
export function smsPartsText(segments: number, lang: string, t: Translate): string {
  return t(`sms.parts.${pluralForm(lang, segments)}`, { count: segments })
}

const POLISH_LETTERS = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/

/** Why the reply goes as UCS-2 (70 characters an SMS): Polish letters, or another character outside GSM-7. */
export function ucs2HintText(text: string, t: Translate): string | null {
  const char = firstNonGsm(text)
  if (char === null) return null
  const limits = { single: SMS_LIMITS['UCS-2'].single, multi: SMS_LIMITS['UCS-2'].multi }
  return POLISH_LETTERS.test(text) ? t('sms.ucs2.polish', limits) : t('sms.ucs2.other', { char, ...limits })
}

/**
 * The part count is said aloud only when it changes to or from a reply of several parts: not 0 ↔ 1 while typing,
 * and not when the box empties (or turns into a note).
 */
export function announceParts(previous: number, next: number): boolean {
  return previous !== next && next > 0 && (previous > 1 || next > 1)
}
