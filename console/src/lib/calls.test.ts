// Unit tests for phone calls: a call event as one line (Polish and English) and durations.
import { describe, expect, it } from 'vitest'
import { callEventText, formatCallDuration, formatClockDuration, historyKey } from './calls.ts'
import { translate, type MessageKey, type Params } from './i18n.ts'

const pl = (key: MessageKey, params?: Params) => translate('pl', key, params)
const en = (key: MessageKey, params?: Params) => translate('en', key, params)

describe('callEventText', () => {
  it('says each state of a call in Polish', () => {
    expect(callEventText({ state: 'queued', from: '+48600100200', callSid: 'CA1' }, null, pl)).toBe('Połączenie przychodzące z +48600100200')
    expect(callEventText({ state: 'queued' }, null, pl)).toBe('Połączenie przychodzące')
    expect(callEventText({ state: 'in-progress', durationSeconds: 0 }, null, pl)).toBe('Połączenie przełączone do konsultanta')
    expect(callEventText({ state: 'completed', durationSeconds: 95 }, null, pl)).toBe('Rozmowa zakończona (1 min 35 s)')
    expect(callEventText({ state: 'completed', durationSeconds: null }, null, pl)).toBe('Rozmowa zakończona')
    expect(callEventText({ state: 'queue:hangup', waitSeconds: 42 }, null, pl)).toBe('Rozmówca rozłączył się w kolejce po 42 s')
    expect(callEventText({ state: 'connect_failed', error: 'timeout' }, null, pl)).toBe('Nie udało się połączyć: timeout')
    expect(callEventText({ state: 'back_to_queue' }, null, pl)).toBe('Połączenie wróciło do kolejki')
  })

  it('says voicemail and transcriptions', () => {
    expect(callEventText({ kind: 'voicemail', durationSeconds: 7, attachments: [] }, null, pl)).toBe('Poczta głosowa (0:07)')
    expect(callEventText({ kind: 'voicemail', durationSeconds: null }, null, pl)).toBe('Poczta głosowa')
    expect(callEventText({ kind: 'transcription' }, ' Proszę o kontakt ', pl)).toBe('Transkrypcja: Proszę o kontakt')
    expect(callEventText({ kind: 'transcription', text: 'z danych' }, null, pl)).toBe('Transkrypcja: z danych')
    expect(callEventText({ kind: 'transcription' }, null, en)).toBe('Transcription: (empty)')
  })

  it('says an unknown state generically, and speaks English too', () => {
    expect(callEventText({ state: 'queue:redirected' }, null, pl)).toBe('Połączenie: queue:redirected')
    expect(callEventText(null, null, pl)).toBe('Połączenie: ?')
    expect(callEventText({ state: 'completed', durationSeconds: 95 }, null, en)).toBe('Call ended (1 min 35 s)')
    expect(callEventText({ state: 'queue:hangup', waitSeconds: 42 }, null, en)).toBe('The caller hung up in the queue after 42 s')
  })
})

describe('durations', () => {
  it('formats spoken and clock durations', () => {
    expect(formatCallDuration(42)).toBe('42 s')
    expect(formatCallDuration(120)).toBe('2 min')
    expect(formatCallDuration(95.4)).toBe('1 min 35 s')
    expect(formatClockDuration(7)).toBe('0:07')
    expect(formatClockDuration(750)).toBe('12:30')
  })
})


describe('historyKey', () => {
  it('uses Polish plural forms', () => {
    expect(translate('pl', historyKey(0, 'pl'), { count: 0 })).toBe('Pierwszy kontakt tej osoby')
    expect(translate('pl', historyKey(1, 'pl'), { count: 1 })).toBe('1 wcześniejsza rozmowa')
    expect(translate('pl', historyKey(3, 'pl'), { count: 3 })).toBe('3 wcześniejsze rozmowy')
    expect(translate('pl', historyKey(5, 'pl'), { count: 5 })).toBe('5 wcześniejszych rozmów')
    expect(translate('en', historyKey(1, 'en'), { count: 1 })).toBe('1 earlier conversation')
  })
})
