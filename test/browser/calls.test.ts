// A call in the console, in Chromium: the incoming-call card appears, accepting it puts the caller through (the
// fake provider receives the <Dial>), and after the call the wrap-up form closes it. Each screen passes axe.
import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { twilioSignature } from '../../connectors/sms/twilio-signature.ts'
import { startFakeTwilioVoiceApi, type FakeTwilioVoiceApi } from '../fakes/twilio-voice-api.ts'
import { wcagViolations } from './accessibility.ts'
import { launchChromium } from './chromium.ts'
import { ADMIN, adminEnv, SHOTS, signIn } from './console-session.ts'
import { startHubProcess, type HubProcess } from './hub-process.ts'

const ACCOUNT_SID = 'AC' + '9'.repeat(32)
const AUTH_TOKEN = 'token-twilio-glos-przegladarka'
let api: FakeTwilioVoiceApi
let hub: HubProcess
let browser: Browser

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  api = await startFakeTwilioVoiceApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })
  hub = await startHubProcess({ ...adminEnv, TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_API_URL: api.url })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await hub?.stop()
  await api?.close()
})

function post(path: string, params: Record<string, string>) {
  const form = new URLSearchParams(params)
  return fetch(`${hub.url}/connectors/voice/twilio${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(AUTH_TOKEN, `${hub.url}/connectors/voice/twilio${path}`, [...form]) },
    body: form.toString(),
  })
}

describe('a call in the console', () => {
  it('shows the incoming call, puts it through on accept, and closes it with the wrap-up form', async () => {
    // The administrator takes calls on a SIP phone, in the default queue.
    const login = (await (await fetch(`${hub.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })).json()) as { token: string; consultant: { id: string } }
    const auth = { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' }
    const queues = (await (await fetch(`${hub.url}/api/admin/queues`, { headers: auth })).json()) as { items: { id: string; name: string }[] }
    const patch = await fetch(`${hub.url}/api/admin/consultants/${login.consultant.id}`, {
      method: 'PATCH',
      headers: auth,
      body: JSON.stringify({ capacity: { voice: 1 }, voiceTarget: 'sip:konsultant@pbx.urzad.example', queueIds: queues.items.map((q) => q.id) }),
    })
    expect(patch.status).toBe(200)

    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await signIn(page, hub.url)
    await page.getByTestId('presence').selectOption('available')
    await page.locator('.presence-available').waitFor()

    const sid = 'CA' + 'b'.repeat(32)
    const call = { CallSid: sid, AccountSid: ACCOUNT_SID, From: '+48600700800', To: '+48221234567', CallStatus: 'ringing', Direction: 'inbound' }
    expect(await (await post('', call)).text()).toContain('<Enqueue')

    const card = page.getByTestId('incoming-call')
    await card.waitFor()
    expect(await wcagViolations(page)).toEqual([])
    await page.screenshot({ path: `${SHOTS}/incoming-call.png`, fullPage: true })
    await card.getByTestId('offer-accept').click()
    await expect.poll(() => api.calls.filter((c) => c.kind === 'update' && c.callSid === sid).map((c) => c.params.Twiml?.includes('<Sip>sip:konsultant@pbx.urzad.example</Sip>')), { timeout: 10_000 }).toEqual([true])

    // The caller hangs up after talking: after-call work, and the wrap-up form.
    await post('/status', { ...call, CallStatus: 'completed', SequenceNumber: '4', CallDuration: '95', Timestamp: new Date().toUTCString() })
    const form = page.getByTestId('wrap-up-form')
    await form.waitFor()
    await form.getByTestId('wrap-up-disposition').selectOption('informacja')
    await form.getByTestId('wrap-up-note').fill('Wyjaśniono termin wypłaty zasiłku')
    expect(await wcagViolations(page)).toEqual([])
    await form.getByTestId('wrap-up-submit').click()
    await page.getByTestId('conversation-status').filter({ hasText: 'Zamknięta' }).waitFor()
    await page.getByTestId('call-outcome').filter({ hasText: 'Wynik rozmowy: Udzielono informacji' }).waitFor()
    await page.context().close()
  })
})
