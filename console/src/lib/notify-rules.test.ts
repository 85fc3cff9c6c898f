// Unit tests for the notification rules: stored settings, quiet presence, what counts as an unseen message, sound and
// desktop decisions, the tab title count and the length of a desktop notification's text.
import { describe, expect, it } from 'vitest'
import {
  alertEffects,
  isNewInbound,
  isQuietPresence,
  messageIsUnseen,
  notificationText,
  pageTitle,
  parseNotifySettings,
  titleWithCount,
  type AlertContext,
} from './notify-rules.ts'

describe('settings', () => {
  it('reads what was stored and falls back to sounds on, desktop off', () => {
    expect(parseNotifySettings('{"muted":true,"desktop":true}')).toEqual({ muted: true, desktop: true })
    expect(parseNotifySettings(null)).toEqual({ muted: false, desktop: false })
    expect(parseNotifySettings('not json')).toEqual({ muted: false, desktop: false })
    expect(parseNotifySettings('{"muted":"yes"}')).toEqual({ muted: false, desktop: false })
  })
})

describe('presence', () => {
  it('is quiet offline, on a break and in training only', () => {
    expect(['offline', 'break', 'training'].every((p) => isQuietPresence(p as never))).toBe(true)
    expect(['available', 'busy', 'after_call_work'].some((p) => isQuietPresence(p as never))).toBe(false)
  })
})

describe('unseen messages', () => {
  it('counts a message in my conversation that is not on screen, or any of mine while the tab is hidden', () => {
    expect(messageIsUnseen({ assignedToMe: true, open: false, hidden: false })).toBe(true)
    expect(messageIsUnseen({ assignedToMe: true, open: true, hidden: true })).toBe(true)
    expect(messageIsUnseen({ assignedToMe: true, open: true, hidden: false })).toBe(false)
    expect(messageIsUnseen({ assignedToMe: false, open: false, hidden: true })).toBe(false)
  })

  it('takes a later message as news, and a conversation seen for the first time as the baseline', () => {
    expect(isNewInbound(2000, 1000)).toBe(true)
    expect(isNewInbound(1000, 1000)).toBe(false)
    expect(isNewInbound(500, 1000)).toBe(false)
    expect(isNewInbound(2000, undefined)).toBe(false)
    expect(isNewInbound(Number.NaN, 1000)).toBe(false)
  })
})

describe('alert effects', () => {
  const base: AlertContext = { settings: { muted: false, desktop: true }, presence: 'available', permission: 'granted', away: true }

  it('plays a sound and shows a desktop notification when allowed and away', () => {
    expect(alertEffects(base)).toEqual({ sound: true, desktop: true })
  })

  it('stays silent while on a break, in training or offline', () => {
    for (const presence of ['break', 'training', 'offline'] as const) expect(alertEffects({ ...base, presence })).toEqual({ sound: false, desktop: false })
  })

  it('keeps muted sounds muted and desktop notifications to those switched on, permitted and away', () => {
    expect(alertEffects({ ...base, settings: { muted: true, desktop: true } })).toEqual({ sound: false, desktop: true })
    expect(alertEffects({ ...base, settings: { muted: false, desktop: false } }).desktop).toBe(false)
    expect(alertEffects({ ...base, permission: 'denied' }).desktop).toBe(false)
    expect(alertEffects({ ...base, permission: 'unsupported' }).desktop).toBe(false)
    expect(alertEffects({ ...base, away: false }).desktop).toBe(false)
  })
})

describe('tab title', () => {
  it('puts the count of unseen items first', () => {
    expect(titleWithCount('Skrzynka kontaktowa', 2)).toBe('(2) Skrzynka kontaktowa')
    expect(titleWithCount('Skrzynka kontaktowa', 0)).toBe('Skrzynka kontaktowa')
  })

  it('keeps the page title under the count, and takes the page title when the page changes it', () => {
    expect(pageTitle('(2) Otwarte rozmowy', '(2) Otwarte rozmowy', 'Otwarte rozmowy')).toBe('Otwarte rozmowy')
    expect(pageTitle('Jan Kowalski — Skrzynka', '(2) Otwarte rozmowy', 'Otwarte rozmowy')).toBe('Jan Kowalski — Skrzynka')
    // A contact really called "(3) ..." is the page's title, not a count.
    expect(pageTitle('(3) Jan', null, '')).toBe('(3) Jan')
  })
})

describe('notification text', () => {
  it('is plain text on one line, never longer than 100 characters', () => {
    expect(notificationText('Dzień dobry,\n\tmam pytanie')).toBe('Dzień dobry, mam pytanie')
    const long = 'ż'.repeat(150)
    const cut = notificationText(long)
    expect(cut).not.toBeNull()
    expect([...(cut ?? '')].length).toBe(100)
    expect(cut?.endsWith('…')).toBe(true)
    expect(notificationText('x'.repeat(100))).toBe('x'.repeat(100))
    expect(notificationText('<b>pogrubione</b>')).toBe('<b>pogrubione</b>')
  })

  it('gives null for no text', () => {
    expect(notificationText(null)).toBeNull()
    expect(notificationText('  \n ')).toBeNull()
  })
})
