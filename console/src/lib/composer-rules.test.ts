// Unit tests for the reply box's rules: channel limits and the counter, no replies on the phone line, Messenger's
// reply window and its texts, Polish plural forms of the counter.
import { describe, expect, it } from 'vitest'
import { charsLeftText, composerRule, nearThreshold, windowText } from './composer-rules.ts'
import { translate, type MessageKey, type Params } from './i18n.ts'

const pl = (key: MessageKey, params?: Params) => translate('pl', key, params)
const en = (key: MessageKey, params?: Params) => translate('en', key, params)
const NOW = Date.parse('2025-05-05T12:00:00.000Z')
const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString()

describe('composerRule', () => {
  it('counts against the channel limit and shows the counter only near it', () => {
    const far = composerRule('sms', null, NOW, 'x'.repeat(100))
    expect(far).toMatchObject({ maxChars: 1600, left: 1500, near: false, over: false, blocked: null })
    const near = composerRule('sms', null, NOW, 'x'.repeat(1600 - nearThreshold(1600)))
    expect(near.near).toBe(true)
    const over = composerRule('sms', null, NOW, 'x'.repeat(1601))
    expect(over).toMatchObject({ over: true, left: -1 })
  })

  it('ignores surrounding whitespace, as the hub does', () => {
    expect(composerRule('messenger', hoursAgo(1), NOW, `  ${'x'.repeat(2000)}\n`).over).toBe(false)
  })

  it('offers no reply on the phone line', () => {
    expect(composerRule('voice', null, NOW, '')).toMatchObject({ canReply: false, blocked: 'no_reply', near: false })
  })

  it('follows the Messenger reply window', () => {
    expect(composerRule('messenger', hoursAgo(19), NOW, 'hi').window.state).toBe('open')
    expect(composerRule('messenger', hoursAgo(30), NOW, 'hi')).toMatchObject({ window: { state: 'human_agent' }, blocked: null })
    expect(composerRule('messenger', hoursAgo(8 * 24), NOW, 'hi')).toMatchObject({ window: { state: 'closed' }, blocked: 'window_closed' })
    expect(composerRule('messenger', null, NOW, 'hi').blocked).toBe('window_closed')
    expect(composerRule('webchat', null, NOW, 'hi').window.state).toBe('none')
  })
})

describe('texts', () => {
  it('uses Polish plural forms for characters left', () => {
    expect(charsLeftText(1, 'pl', pl)).toBe('Został 1 znak')
    expect(charsLeftText(3, 'pl', pl)).toBe('Zostały 3 znaki')
    expect(charsLeftText(5, 'pl', pl)).toBe('Zostało 5 znaków')
    expect(charsLeftText(22, 'pl', pl)).toBe('Zostały 22 znaki')
    expect(charsLeftText(12, 'pl', pl)).toBe('Zostało 12 znaków')
    expect(charsLeftText(-4, 'pl', pl)).toBe('Zostało 0 znaków')
    expect(charsLeftText(1, 'en', en)).toBe('1 character left')
    expect(charsLeftText(7, 'en', en)).toBe('7 characters left')
  })

  it('describes the reply window', () => {
    const clock = (iso: string) => iso.slice(11, 16)
    const open = composerRule('messenger', hoursAgo(19), NOW, '').window
    expect(windowText(open, NOW, pl, clock)).toBe('Okno odpowiedzi: jeszcze 5 godz.')
    const soon = composerRule('messenger', hoursAgo(23.5), NOW, '').window
    expect(windowText(soon, NOW, pl, clock)).toBe('Okno odpowiedzi: jeszcze 30 min')
    const human = composerRule('messenger', hoursAgo(30), NOW, '').window
    expect(windowText(human, NOW, pl, clock)).toBe('Po 24 godz.: tylko odpowiedź konsultanta (HUMAN_AGENT), do 06:00')
    const closed = composerRule('messenger', null, NOW, '').window
    expect(windowText(closed, NOW, pl, clock)).toBe('Poza oknem odpowiedzi Messengera: osoba musi najpierw napisać')
    expect(windowText({ state: 'none' }, NOW, pl, clock)).toBeNull()
  })
})
