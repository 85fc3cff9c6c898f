// What the reply box allows in one conversation: the channel's length limit (with a counter near it), whether staff
// reply from the console at all, and Messenger's reply window, as plain data and texts for the composer.
import type { ChannelKind } from '$protocol/channel.ts'
import type { ReplyWindow } from '$protocol/reply-window.ts'
// Relative paths, not $protocol: the unit tests run without SvelteKit's aliases and these are value imports.
import { channelLimits } from '../../../protocol/channel-limits.ts'
import { replyWindow } from '../../../protocol/reply-window.ts'
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
  blocked: 'no_reply' | 'window_closed' | null
}

/** From this many characters left (a tenth of the limit, at least 20) the counter shows. */
export function nearThreshold(maxChars: number): number {
  return Math.max(20, Math.round(maxChars * 0.1))
}

export function composerRule(channel: ChannelKind, lastInboundAt: string | null | undefined, now: number, text: string): ComposerRule {
  const limits = channelLimits(channel)
  const inbound = lastInboundAt ? new Date(lastInboundAt) : null
  const window = replyWindow(channel, inbound && !Number.isNaN(inbound.getTime()) ? inbound : null, new Date(now))
  const length = text.trim().length
  const left = limits.maxChars - length
  return {
    maxChars: limits.maxChars,
    left,
    near: limits.canReply && left <= nearThreshold(limits.maxChars),
    over: left < 0,
    canReply: limits.canReply,
    window,
    blocked: !limits.canReply ? 'no_reply' : window.state === 'closed' ? 'window_closed' : null,
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
