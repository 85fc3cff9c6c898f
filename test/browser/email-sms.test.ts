// E-mail and SMS in the console, in Chromium: a mail's new text with the original behind a toggle, its HTML only in
// a sandboxed frame; an SMS composer that counts parts and says when a Polish letter makes them shorter; a number
// that sent STOP cannot be answered, and the console says why. Each screen passes axe.
import { mkdirSync } from 'node:fs'
import { freePort } from '../support/free-port.ts'
import { deliverMail } from '../support/smtp-client.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { twilioSignature } from '../../connectors/sms/twilio-signature.ts'
import { startFakeTwilioApi, type FakeTwilioApi } from '../fakes/twilio-api.ts'
import { startSmtpSink, type SmtpSink } from '../fakes/smtp-sink.ts'
import { wcagViolations } from './accessibility.ts'
import { launchChromium } from './chromium.ts'
import { adminEnv, SHOTS, signIn } from './console-session.ts'
import { startHubProcess, type HubProcess } from './hub-process.ts'

const DOMAIN = 'infolinia.example.gov.pl'
const ACCOUNT_SID = 'AC' + 'f'.repeat(32)
const AUTH_TOKEN = 'token-twilio-przegladarka-0123'
let sink: SmtpSink
let twilio: FakeTwilioApi
let smtpPort: number
let hub: HubProcess
let browser: Browser

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  sink = await startSmtpSink()
  twilio = await startFakeTwilioApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })
  smtpPort = await freePort()
  hub = await startHubProcess({
    ...adminEnv,
    MAIL_DOMAIN: DOMAIN,
    SMTP_PORT: String(smtpPort),
    SMTP_RELAY_URL: sink.url,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_SMS_FROM: '+48221234567',
    TWILIO_API_URL: twilio.url,
  })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await hub?.stop()
  await sink?.close()
  await twilio?.close()
})

async function sms(from: string, body: string) {
  const params = new URLSearchParams({ MessageSid: 'SM' + Math.random().toString(16).slice(2).padEnd(32, '0').slice(0, 32), AccountSid: ACCOUNT_SID, From: from, To: '+48221234567', Body: body, NumMedia: '0' })
  const r = await fetch(`${hub.url}/connectors/sms/twilio`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(AUTH_TOKEN, `${hub.url}/connectors/sms/twilio`, [...params]) },
    body: params.toString(),
  })
  expect(r.status).toBe(200)
}

describe('e-mail and SMS in the console', () => {
  it('shows a mail’s new text, and its original only in a sandboxed frame', async () => {
    await deliverMail(smtpPort, {
      from: '"Jan Kowalski" <jan@poczta.example.pl>',
      to: `kontakt@${DOMAIN}`,
      subject: 'Zasiłek',
      text: 'Proszę o termin wizyty.\n\nW dniu pon., 30 lis 2026 o 10:00 Urząd napisał(a):\n> Poprzednia odpowiedź',
      html: '<p>Proszę o <b>termin</b> wizyty.</p><script>parent.document.title="hacked"</script>',
    })
    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await signIn(page, hub.url)
    await page.getByTestId('conversation-item').filter({ hasText: 'Proszę o termin wizyty' }).click()
    const conversation = page.getByTestId('conversation')
    await conversation.getByText('Zasiłek').first().waitFor()
    await conversation.getByTestId('email-toggle').click()
    const frame = conversation.getByTestId('email-frame')
    await frame.waitFor()
    expect(await frame.getAttribute('sandbox')).toBe('')
    expect(await page.title()).not.toBe('hacked')
    expect(await wcagViolations(page)).toEqual([])
    await page.context().close()
  })

  it('counts SMS parts, warns about Polish letters, and refuses a reply after STOP', async () => {
    await sms('+48600200300', 'Dzień dobry, mam pytanie o staż')
    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await signIn(page, hub.url)
    await page.getByTestId('conversation-item').filter({ hasText: 'mam pytanie o staż' }).click()
    const conversation = page.getByTestId('conversation')
    const input = conversation.getByTestId('reply-input')
    await input.fill('Prosze przyjsc w poniedzialek')
    await expect.poll(() => conversation.getByTestId('sms-count').getAttribute('data-encoding')).toBe('GSM-7')
    await input.fill('Proszę przyjść w poniedziałek ' + 'x'.repeat(50))
    await expect.poll(() => conversation.getByTestId('sms-count').getAttribute('data-encoding')).toBe('UCS-2')
    expect(await conversation.getByTestId('sms-count').getAttribute('data-parts')).toBe('2')
    await conversation.getByTestId('sms-encoding').waitFor()
    expect(await wcagViolations(page)).toEqual([])
    await page.screenshot({ path: `${SHOTS}/sms-composer.png`, fullPage: true })

    await sms('+48600200300', 'STOP')
    await page.reload()
    await page.getByTestId('connection-state').and(page.locator('[data-state="open"]')).waitFor()
    await page.getByTestId('conversation').getByTestId('reply-opted-out').waitFor()
    expect(await page.getByTestId('conversation').getByTestId('reply-send').getAttribute('aria-disabled')).toBe('true')
    await page.context().close()
  })
})
