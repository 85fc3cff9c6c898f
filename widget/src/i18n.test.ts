// Tests for i18n.ts: language choice, dictionaries, error texts and time formatting.
import { describe, expect, it } from 'vitest'
import { dict, errorText, formatTime, pickLang } from './i18n.ts'

describe('pickLang', () => {
  it('prefers data-lang, then <html lang>, then Polish', () => {
    expect(pickLang('en', 'pl')).toBe('en')
    expect(pickLang('pl', 'en')).toBe('pl')
    expect(pickLang(null, 'en-GB')).toBe('en')
    expect(pickLang(undefined, 'EN')).toBe('en')
    expect(pickLang(null, 'pl-PL')).toBe('pl')
    expect(pickLang(null, 'de')).toBe('pl')
    expect(pickLang('', '')).toBe('pl')
    expect(pickLang('fr', 'en')).toBe('en') // unsupported data-lang falls through
    expect(pickLang(null, null)).toBe('pl')
  })
})

describe('dict', () => {
  it('has the required Polish and English strings', () => {
    expect(dict('pl').open).toBe('Otwórz czat z konsultantem')
    expect(dict('en').open).toBe('Open chat with a consultant')
    expect(dict('pl').title).toBe('Czat z urzędem pracy')
    expect(dict('pl').typing).toBe('Konsultant pisze…')
    expect(dict('pl').sending).toBe('wysyłanie…')
    expect(dict('pl').resolved).toBe('Rozmowa zakończona')
    expect(dict('pl').offline).toBe('Brak połączenia – wiadomości zostaną wysłane po jego przywróceniu.')
  })

  it('translates every key and no English string is left empty', () => {
    const pl = dict('pl')
    const en = dict('en')
    expect(Object.keys(en).sort()).toEqual(Object.keys(pl).sort())
    for (const v of Object.values(en)) expect(v.length).toBeGreaterThan(0)
  })
})

describe('errorText', () => {
  it('maps hub error codes to readable reasons', () => {
    const t = dict('pl')
    expect(errorText(t, 'rate_limited')).toBe(t.errRate)
    expect(errorText(t, 'conversation_closed')).toBe(t.errClosed)
    expect(errorText(t, 'internal')).toBe(t.errGeneric)
    expect(errorText(t, 'something_new')).toBe(t.errGeneric)
  })
})

describe('formatTime', () => {
  const now = new Date(2025, 2, 14, 18, 0)
  it('shows only the time for today', () => {
    expect(formatTime(new Date(2025, 2, 14, 9, 5).toISOString(), 'pl', now)).toBe('09:05')
    expect(formatTime(new Date(2025, 2, 14, 14, 30).toISOString(), 'en', now)).toBe('14:30')
  })
  it('adds the date for other days', () => {
    const s = formatTime(new Date(2025, 2, 3, 14, 30).toISOString(), 'pl', now)
    expect(s).toContain('14:30')
    expect(s).toMatch(/^3\.03, 14:30$/)
  })
  it('returns an empty string for a bad date', () => {
    expect(formatTime('not a date', 'pl', now)).toBe('')
  })
})
