import { describe, expect, it } from 'vitest'
import { readConfig } from './config.ts'

describe('readConfig', () => {
  it('starts with defaults and no channels beyond the widget', () => {
    const r = readConfig({})
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.config).toMatchObject({ port: 3000, telegram: undefined, messenger: undefined, forms: {} })
  })

  it('turns a channel on only with all its secrets, and says which are missing', () => {
    const telegram = readConfig({ TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ', TELEGRAM_WEBHOOK_SECRET: 'sekret-webhooka-123' })
    expect(telegram.ok && telegram.config.telegram?.webhookSecret).toBe('sekret-webhooka-123')
    const half = readConfig({ TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ' })
    expect(half.ok).toBe(false)
    expect(!half.ok && half.errors.join()).toMatch(/TELEGRAM_WEBHOOK_SECRET/)
    const messenger = readConfig({ MESSENGER_APP_SECRET: 'a'.repeat(32), MESSENGER_VERIFY_TOKEN: 'weryfikacja' })
    expect(!messenger.ok && messenger.errors.join()).toMatch(/MESSENGER_PAGE_ACCESS_TOKEN/)
  })

  it('reads forms as JSON and refuses a form without a secret or origins', () => {
    const ok = readConfig({ FORMS: JSON.stringify({ kontakt: { origins: ['https://portal.example'] } }) })
    expect(ok.ok && ok.config.forms).toEqual({ kontakt: { origins: ['https://portal.example'] } })
    expect(readConfig({ FORMS: '{nie json' }).ok).toBe(false)
    expect(readConfig({ FORMS: JSON.stringify({ kontakt: {} }) }).ok).toBe(false)
    expect(readConfig({ FORMS: JSON.stringify({ kontakt: { secret: 'krotki' } }) }).ok).toBe(false)
  })

  it('turns e-mail and SMS on only with everything they need', () => {
    const mail = readConfig({ MAIL_DOMAIN: 'infolinia.example.gov.pl', SMTP_RELAY_URL: 'smtp://relay.example:587' })
    expect(mail.ok && mail.config.email).toEqual({ domain: 'infolinia.example.gov.pl', port: 2525, relayUrl: 'smtp://relay.example:587', from: 'infolinia@infolinia.example.gov.pl' })
    expect(readConfig({ MAIL_DOMAIN: 'infolinia.example.gov.pl' }).ok).toBe(false)
    const twilio = { TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32), TWILIO_AUTH_TOKEN: 'x'.repeat(32), TWILIO_SMS_FROM: '+48221234567' }
    expect(readConfig(twilio).ok).toBe(false)
    expect(readConfig({ TWILIO_ACCOUNT_SID: twilio.TWILIO_ACCOUNT_SID, PUBLIC_URL: 'https://hub.example.gov.pl' }).ok).toBe(false)
    const calls = readConfig({ TWILIO_ACCOUNT_SID: twilio.TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN: twilio.TWILIO_AUTH_TOKEN, PUBLIC_URL: 'https://hub.example.gov.pl' })
    expect(calls.ok && calls.config.twilio?.from).toBeUndefined()
    const sms = readConfig({ ...twilio, PUBLIC_URL: 'https://hub.example.gov.pl' })
    expect(sms.ok && sms.config.twilio?.from).toBe('+48221234567')
    expect(readConfig({ ...twilio, TWILIO_SMS_FROM: '600100200', PUBLIC_URL: 'https://hub.example.gov.pl' }).ok).toBe(false)
  })
})
