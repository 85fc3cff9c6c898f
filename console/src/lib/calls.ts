// Phone calls in the console: a 'call' timeline event as one readable line, and call durations.
import type { MessageKey, Params } from './i18n.ts'
import { pluralForm } from './i18n-channels.ts'

type Translate = (key: MessageKey, params?: Params) => string

const seconds = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : null

/** A length of time as said in a sentence: "42 s", "1 min 35 s", "2 min". */
export function formatCallDuration(total: number): string {
  const s = Math.max(0, Math.round(total))
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  const rest = s % 60
  return rest ? `${m} min ${rest} s` : `${m} min`
}

/** A recording's length as a player shows it: "0:07", "12:30". */
export function formatClockDuration(total: number): string {
  const s = Math.max(0, Math.round(total))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

const SIMPLE: Record<string, MessageKey> = {
  ringing: 'call.ringing',
  'in-progress': 'call.inProgress',
  connecting: 'call.connecting',
  back_to_queue: 'call.backToQueue',
  busy: 'call.busy',
  'no-answer': 'call.noAnswer',
  failed: 'call.failed',
  canceled: 'call.canceled',
}

/** One line for a 'call' event: its `data` (state, kind, durations, from, error) and its `text` (a transcription). */
export function callEventText(data: Record<string, unknown> | null, text: string | null, tr: Translate): string {
  const d = data ?? {}
  if (d.kind === 'transcription') {
    const said = (text ?? (typeof d.text === 'string' ? d.text : '')).trim()
    return said ? tr('call.transcription', { text: said }) : tr('call.transcriptionEmpty')
  }
  const duration = seconds(d.durationSeconds)
  if (d.kind === 'voicemail') return duration !== null ? tr('call.voicemail', { duration: formatClockDuration(duration) }) : tr('call.voicemailPlain')

  const state = typeof d.state === 'string' ? d.state : ''
  const from = typeof d.from === 'string' && d.from ? d.from : null
  switch (state) {
    case 'queued':
      return from ? tr('call.incomingFrom', { from }) : tr('call.incoming')
    case 'voicemail':
      return tr('call.toVoicemail', { from: from ?? '?' })
    case 'completed':
      return duration !== null ? tr('call.completed', { duration: formatCallDuration(duration) }) : tr('call.completedPlain')
    case 'queue:hangup': {
      const wait = seconds(d.waitSeconds)
      return wait !== null ? tr('call.queueHangup', { wait: formatCallDuration(wait) }) : tr('call.queueHangupPlain')
    }
    case 'connect_failed':
    case 'back_to_queue_failed':
      return tr('call.connectFailed', { error: typeof d.error === 'string' && d.error ? d.error : '?' })
    default: {
      const key = SIMPLE[state]
      return key ? tr(key) : tr('call.other', { state: state || '?' })
    }
  }
}

/** The key for "{count} earlier conversations" with Polish plural forms ("1 wcześniejsza rozmowa", "5 wcześniejszych rozmów"). */
export function historyKey(count: number, lang: string): MessageKey {
  return count <= 0 ? 'offer.history.none' : `offer.history.${pluralForm(lang, count)}`
}
