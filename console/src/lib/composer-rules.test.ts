// Unit tests for the reply box's rules: channel limits and the counter, no replies on the phone line, Messenger's
// reply window and its texts, Polish plural forms of the counter, SMS parts and opt-outs.
import { describe, expect, it } from 'vitest'
import { announceParts, charsLeftText, composerRule, nearThreshold, smsCounterText, smsPartsText, ucs2HintText, windowText } from './composer-rules.ts'
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

  it('blocks replies to an SMS number that opted out, on SMS only', () => {
    expect(composerRule('sms', null, NOW, 'hi', hoursAgo(2)).blocked).toBe('opted_out')
    expect(composerRule('sms', null, NOW, 'hi', null).blocked).toBeNull()
    expect(composerRule('sms', null, NOW, 'hi').blocked).toBeNull()
    expect(composerRule('email', null, NOW, 'hi', hoursAgo(2)).blocked).toBeNull()
  })

  it('counts SMS parts of the trimmed reply, on SMS only', () => {
    expect(composerRule('sms', null, NOW, `  ${'x'.repeat(160)}\n`).sms).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 })
    expect(composerRule('sms', null, NOW, 'zażółć').sms).toMatchObject({ encoding: 'UCS-2', segments: 1 })
    expect(composerRule('webchat', null, NOW, 'hi').sms).toBeNull()
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

  it('describes the SMS parts with Polish plural forms', () => {
    const sms = (text: string) => composerRule('sms', null, NOW, text).sms!
    expect(smsCounterText(sms(''), 'pl', pl)).toBeNull()
    expect(smsCounterText(sms('x'.repeat(54)), 'pl', pl)).toBe('54 znaki · 1 SMS (GSM-7) · jeszcze 106 znaków w tym SMS-ie')
    expect(smsCounterText(sms('x'.repeat(160)), 'pl', pl)).toBe('160 znaków · 1 SMS (GSM-7) · ten SMS jest pełny')
    expect(smsCounterText(sms('x'.repeat(161)), 'pl', pl)).toBe('161 znaków · 2 SMS-y (GSM-7) · jeszcze 145 znaków w tym SMS-ie')
    expect(smsCounterText(sms(`ą${'x'.repeat(68)}`), 'pl', pl)).toBe('69 znaków · 1 SMS (UCS-2) · jeszcze 1 znak w tym SMS-ie')
    expect(smsCounterText(sms(`ą${'x'.repeat(67)}`), 'pl', pl)).toBe('68 znaków · 1 SMS (UCS-2) · jeszcze 2 znaki w tym SMS-ie')
    expect(smsCounterText(sms('x'), 'pl', pl)).toBe('1 znak · 1 SMS (GSM-7) · jeszcze 159 znaków w tym SMS-ie')
    expect(smsCounterText(sms('x'.repeat(161)), 'en', en)).toBe('161 characters · 2 text messages (GSM-7) · 145 characters left in this part')
    expect(smsCounterText(sms('x'), 'en', en)).toBe('1 character · 1 text message (GSM-7) · 159 characters left in this part')
    expect([1, 2, 5, 22].map((n) => smsPartsText(n, 'pl', pl))).toEqual(['1 SMS', '2 SMS-y', '5 SMS-ów', '22 SMS-y'])
  })

  it('says why the reply goes as UCS-2', () => {
    expect(ucs2HintText('Dzień dobry', pl)).toBe('Polskie litery zmieniają kodowanie na UCS-2: 70 znaków na SMS (67 w wiadomości wieloczęściowej).')
    expect(ucs2HintText('Hi 😀', pl)).toBe('Znak „😀” zmienia kodowanie na UCS-2: 70 znaków na SMS (67 w wiadomości wieloczęściowej).')
    expect(ucs2HintText('Hello [€]', pl)).toBeNull()
  })

  it('announces the part count only when it changes to or from several parts', () => {
    expect(announceParts(0, 1)).toBe(false)
    expect(announceParts(1, 0)).toBe(false)
    expect(announceParts(1, 1)).toBe(false)
    expect(announceParts(1, 2)).toBe(true)
    expect(announceParts(2, 1)).toBe(true)
    expect(announceParts(0, 3)).toBe(true)
    expect(announceParts(3, 3)).toBe(false)
    expect(announceParts(3, 0)).toBe(false)
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
