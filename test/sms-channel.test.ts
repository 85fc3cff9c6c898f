// SMS end to end (Twilio format): signed webhooks into the inbox, numbers as E.164 so one number is one contact,
// MMS media fetched without leaking credentials to the CDN, answers through the fake Messages API with status
// callbacks that never move a message's state back, and STOP/START honoured at send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { twilioSignature } from '../connectors/sms/twilio-signature.ts'
import { createTwilioSmsConnector } from '../connectors/sms/twilio-sms-connector.ts'
import type { Conversation, TimelineEvent } from '../protocol/rest.ts'
import { startFakeTwilioApi, type FakeTwilioApi } from './fakes/twilio-api.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'

const ACCOUNT_SID = 'AC' + 'e'.repeat(32)
const AUTH_TOKEN = 'sekretny-token-twilio-e2e-0123'
const PUBLIC_URL = 'https://hub.example.gov.pl'
let api: FakeTwilioApi
let t: TestHub
let admin: string

beforeAll(async () => {
  api = await startFakeTwilioApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })
  t = await startTestHub({ connectors: [createTwilioSmsConnector({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+48221234567', publicUrl: PUBLIC_URL, apiUrl: api.url })] })
  admin = await t.login()
})
afterAll(async () => {
  await t?.close()
  await api?.close()
})

let n = 0
const sid = (prefix = 'SM') => prefix + (Date.now().toString(16) + (++n).toString(16)).padStart(32, '0').slice(-32)

function post(path: '' | '/status', params: Record<string, string>, token = AUTH_TOKEN) {
  const form = new URLSearchParams(params)
  const signature = twilioSignature(token, `${PUBLIC_URL}/connectors/sms/twilio${path}`, [...form])
  return t.api(`/connectors/sms/twilio${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: form.toString() })
}
const sms = (from: string, body: string, extra: Record<string, string> = {}) =>
  post('', { MessageSid: sid(), AccountSid: ACCOUNT_SID, From: from, To: '+48221234567', Body: body, NumMedia: '0', ...extra })

async function conversationWith(text: string): Promise<Conversation> {
  const list = ((await (await t.api('/api/conversations?channel=sms&limit=100', { token: admin })).json()) as { items: Conversation[] }).items
  for (const c of list) if ((await events(c.id)).some((e) => e.text === text)) return c
  throw new Error(`no conversation with ${text}`)
}
async function events(id: string): Promise<TimelineEvent[]> {
  return ((await (await t.api(`/api/conversations/${id}/events`, { token: admin })).json()) as { items: TimelineEvent[] }).items
}
const replyStatus = async (id: string, text: string) => (await t.api(`/api/conversations/${id}/messages`, { method: 'POST', token: admin, json: { text, clientId: newClientId() } })).status

describe('SMS channel', () => {
  it('refuses an unsigned or wrongly signed webhook and stores nothing', async () => {
    const unsigned = await t.api('/connectors/sms/twilio', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ MessageSid: sid(), From: '+48600100200', Body: 'Bez podpisu' }).toString() })
    expect(unsigned.status).toBe(403)
    expect((await post('', { MessageSid: sid(), From: '+48600100200', Body: 'Zły podpis' }, 'inny-token-inny-token-000')).status).toBe(403)
    await expect(conversationWith('Bez podpisu')).rejects.toThrow()
    await expect(conversationWith('Zły podpis')).rejects.toThrow()
  })

  it('answers through the Messages API, and status callbacks move the state forward only', async () => {
    expect((await sms('+48600100201', 'Czy urząd jest otwarty w sobotę?')).status).toBe(200)
    const conv = await conversationWith('Czy urząd jest otwarty w sobotę?')
    const detail = (await (await t.api(`/api/contacts/${conv.contact.id}`, { token: admin })).json()) as { identities: { channel: string; externalId: string; verified: boolean }[] }
    expect(detail.identities).toEqual([expect.objectContaining({ channel: 'sms', externalId: '+48600100201', verified: true })])
    expect(await replyStatus(conv.id, 'Nie, od poniedziałku do piątku.')).toBe(201)
    await expect.poll(() => api.calls.filter((c) => c.kind === 'send').length, { timeout: 5000 }).toBeGreaterThan(0)
    const send = api.calls.filter((c) => c.kind === 'send').at(-1)!
    expect([send.params.To, send.params.Body, send.params.StatusCallback]).toEqual(['+48600100201', 'Nie, od poniedziałku do piątku.', `${PUBLIC_URL}/connectors/sms/twilio/status`])
    await expect.poll(async () => (await events(conv.id)).find((e) => e.type === 'delivery')?.data?.state, { timeout: 5000 }).toBe('sent')
    const messageSid = String(((await events(conv.id)).find((e) => e.type === 'delivery')!.data?.providerId ?? '')).replace('twilio:', '')
    expect(messageSid).toMatch(/^SM/)
    const status = (s: string) => post('/status', { MessageSid: messageSid, MessageStatus: s, AccountSid: ACCOUNT_SID, To: '+48600100201', From: '+48221234567' })
    expect((await status('delivered')).status).toBe(200)
    expect((await status('sent')).status).toBe(200)
    expect((await status('delivered')).status).toBe(200)
    const states = (await events(conv.id)).filter((e) => e.type === 'delivery').map((e) => e.data?.state)
    expect(states).toEqual(['sent', 'delivered'])
  })

  it('stops sending after STOP and starts again after START; the console sees the opt-out', async () => {
    const phone = '+48600100202'
    expect((await sms(phone, 'Proszę o informację o szkoleniach')).status).toBe(200)
    const conv = await conversationWith('Proszę o informację o szkoleniach')
    expect((await sms(phone, 'STOP')).status).toBe(200)
    const stopped = (await (await t.api(`/api/conversations/${conv.id}`, { token: admin })).json()) as Conversation
    expect(stopped.optedOutAt).not.toBeNull()
    const sendsBefore = api.calls.filter((c) => c.kind === 'send').length
    const refused = await t.api(`/api/conversations/${conv.id}/messages`, { method: 'POST', token: admin, json: { text: 'Czy nadal aktualne?', clientId: newClientId() } })
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('opted_out')
    expect((await sms(phone, 'START')).status).toBe(200)
    expect(((await (await t.api(`/api/conversations/${conv.id}`, { token: admin })).json()) as Conversation).optedOutAt).toBeNull()
    expect(await replyStatus(conv.id, 'Wysyłamy listę szkoleń.')).toBe(201)
    await expect.poll(() => api.calls.filter((c) => c.kind === 'send').length, { timeout: 5000 }).toBe(sendsBefore + 1)
    // The keywords are in the timeline, marked, and did not open conversations of their own.
    const texts = (await events(conv.id)).filter((e) => e.type === 'message' && e.direction === 'in').map((e) => [e.text, e.data?.optOut ?? null])
    expect(texts).toEqual([
      ['Proszę o informację o szkoleniach', null],
      ['STOP', 'stop'],
      ['START', 'start'],
    ])
  })

  it('fetches MMS media through the redirect without sending credentials to the CDN', async () => {
    const url = api.addMedia('skan.jpg', 'JPEG-MMS', 'image/jpeg')
    expect((await sms('+48600100203', 'Zdjęcie dokumentu', { NumMedia: '1', MediaUrl0: url, MediaContentType0: 'image/jpeg' })).status).toBe(200)
    const conv = await conversationWith('Zdjęcie dokumentu')
    await expect.poll(async () => (await events(conv.id)).find((e) => e.type === 'attachment')?.data?.attachment, { timeout: 5000 }).toMatchObject({ state: 'stored' })
    const id = ((await events(conv.id)).find((e) => e.type === 'attachment')!.data?.attachment as { id: string }).id
    expect(await (await t.api(`/api/attachments/${id}`, { token: admin })).text()).toBe('JPEG-MMS')
    expect(api.calls.filter((c) => c.kind === 'cdn').map((c) => c.authorizationSent)).toEqual([false])
  })
})
