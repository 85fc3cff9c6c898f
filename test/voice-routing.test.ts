// Calls through the routing core, on a fake clock: an offer nobody accepts goes to the next consultant (the caller
// is put through only once someone accepts); a call put through can be transferred to another consultant, or
// escalated to a local office, and the provider is told to move the live call (Calls API) each time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addConsultant } from '../inbox-server/app/add-consultant.ts'
import { twilioSignature } from '../connectors/sms/twilio-signature.ts'
import { createTwilioVoiceConnector } from '../connectors/voice/twilio-voice-connector.ts'
import type { Conversation, TimelineEvent } from '../protocol/rest.ts'
import { startFakeTwilioVoiceApi, type FakeTwilioVoiceApi } from './fakes/twilio-voice-api.ts'
import { createFakeClock } from './support/fake-clock.ts'
import { startTestHub, type TestHub } from './support/test-hub.ts'
import type { Frame, TestSocket } from './support/test-socket.ts'

const ACCOUNT_SID = 'AC' + '8'.repeat(32)
const AUTH_TOKEN = 'token-twilio-routing-0123456789'
const PUBLIC_URL = 'https://hub.example.gov.pl'
const clock = createFakeClock()
let api: FakeTwilioVoiceApi
let t: TestHub
let admin: string

beforeAll(async () => {
  api = await startFakeTwilioVoiceApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })
  t = await startTestHub({ clock, connectors: [createTwilioVoiceConnector({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, publicUrl: PUBLIC_URL, apiUrl: api.url })] })
  admin = await t.login()
})
afterAll(async () => {
  await t?.close()
  await api?.close()
})

let n = 0
const callSid = () => 'CA' + (Date.now().toString(16) + (++n).toString(16)).padStart(32, '0').slice(-32)

function post(path: string, params: Record<string, string>) {
  const form = new URLSearchParams(params)
  const signature = twilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/connectors/voice/twilio${path}`, [...form])
  return t.api(`/connectors/voice/twilio${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: form.toString() })
}
const ring = (sid: string, from: string, digits: string) =>
  post('/menu?attempt=1', { CallSid: sid, AccountSid: ACCOUNT_SID, From: from, To: '+48221234567', CallStatus: 'ringing', Direction: 'inbound', Digits: digits })

async function conversationOf(sid: string): Promise<Conversation> {
  const list = ((await (await t.api('/api/conversations?channel=voice&limit=100', { token: admin })).json()) as { items: Conversation[] }).items
  for (const c of list) if ((await events(c.id)).some((e) => e.type === 'call' && e.data?.callSid === sid)) return c
  throw new Error(`no conversation for ${sid}`)
}
const conversation = async (id: string) => (await (await t.api(`/api/conversations/${id}`, { token: admin })).json()) as Conversation
const events = async (id: string) => ((await (await t.api(`/api/conversations/${id}/events`, { token: admin })).json()) as { items: TimelineEvent[] }).items
/** The TwiML (or redirect URL) of each update the provider got for this call. */
const updatesOf = (sid: string) => api.calls.filter((c) => c.kind === 'update' && c.callSid === sid).map((c) => c.params.Twiml ?? `redirect ${c.params.Url}`)
const dialsTo = (sid: string, number: string) => updatesOf(sid).filter((x) => x.includes(`<Number>${number}</Number>`)).length

interface Person {
  id: string
  token: string
  socket: TestSocket
}

/** A consultant taking calls (voice capacity 1) at `phone`, in `queueId`, available. */
async function onThePhone(email: string, phone: string, queueId: string, office?: string): Promise<Person> {
  const password = 'haslo-telefonu-123'
  const r = await addConsultant(t.hub.store, { email, name: email.split('@')[0]!, password, ...(office ? { role: 'second_line' as const } : {}) })
  if (!r.ok) throw new Error(r.message)
  const id = r.consultant.id
  if (office) await t.hub.store.setConsultantOffice(id, office)
  await t.hub.store.setRoutingProfile(id, { capacity: { voice: 1 } })
  await t.hub.store.joinQueue(id, queueId)
  expect((await t.api(`/api/admin/consultants/${id}`, { method: 'PATCH', token: admin, json: { voiceTarget: phone } })).status).toBe(200)
  const token = ((await (await t.api('/api/auth/login', { method: 'POST', json: { email, password } })).json()) as { token: string }).token
  const socket = await t.staff(token)
  await socket.request({ type: 'presence', state: 'available' }, (f) => f.type === 'presence' && f.consultantId === id && f.state === 'available')
  return { id, token, socket }
}
const offerOf = (conversationId: string) => (f: Frame) => f.type === 'offer' && f.conversationId === conversationId

async function queueWithDigit(name: string, digit: string, autoAccept: boolean) {
  const q = await t.hub.store.createQueue({ name })
  expect((await t.api(`/api/admin/queues/${q.id}`, { method: 'PATCH', token: admin, json: { ivrDigits: digit } })).status).toBe(200)
  if (autoAccept) await t.hub.store.updateQueue(q.id, { autoAccept: true })
  return q.id
}

describe('calls through the routing core', () => {
  it('offers a call; nobody accepting in time sends it to the next consultant, and only the one who accepts is dialled', async () => {
    const queue = await queueWithDigit('Oferty połączeń', '4', false)
    const jan = await onThePhone(`jan.oferta.${Date.now()}@example.pl`, '+48500100201', queue)
    const sid = callSid()
    await ring(sid, '+48600400501', '4')
    const conv = await conversationOf(sid)
    await jan.socket.next(offerOf(conv.id))
    const ola = await onThePhone(`ola.oferta.${Date.now()}@example.pl`, '+48500100202', queue)

    clock.advance(30_000)
    await ola.socket.next(offerOf(conv.id))
    expect(await conversation(conv.id)).toMatchObject({ status: 'offered', assigneeId: ola.id })
    expect((await events(conv.id)).filter((e) => e.type === 'routing').map((e) => e.data?.step)).toEqual(['offered', 'timed_out', 'offered'])
    // Nobody has taken it yet: the caller still waits in the provider's queue, nobody's phone rang.
    expect(updatesOf(sid)).toEqual([])

    ola.socket.send({ type: 'accept', conversationId: conv.id })
    await expect.poll(() => dialsTo(sid, '+48500100202'), { timeout: 5000 }).toBe(1)
    expect(dialsTo(sid, '+48500100201')).toBe(0)
    for (const p of [jan, ola]) await p.socket.close()
  })

  it('transfers a call that is put through to another consultant: the live call is dialled to them', async () => {
    const queue = await queueWithDigit('Przekazania do osoby', '3', true)
    const anna = await onThePhone(`anna.przekaz.${Date.now()}@example.pl`, '+48500100301', queue)
    const sid = callSid()
    await ring(sid, '+48600400502', '3')
    await expect.poll(() => dialsTo(sid, '+48500100301'), { timeout: 5000 }).toBe(1)
    const conv = await conversationOf(sid)
    // Anna hands the caller to Bartek by name, while they talk.
    const bartek = await onThePhone(`bartek.przekaz.${Date.now()}@example.pl`, '+48500100302', queue)
    const r = await t.api(`/api/conversations/${conv.id}/transfer`, { method: 'POST', token: anna.token, json: { consultantId: bartek.id, note: 'Sprawa świadczenia' } })
    expect(r.status).toBeLessThan(300)
    await expect.poll(() => dialsTo(sid, '+48500100302'), { timeout: 5000 }).toBe(1)
    expect(await conversation(conv.id)).toMatchObject({ status: 'assigned', assigneeId: bartek.id })
    await expect
      .poll(async () => (await events(conv.id)).filter((e) => e.type === 'call' && e.data?.state === 'connecting').map((e) => e.data?.consultantId), { timeout: 5000 })
      .toEqual([anna.id, bartek.id])
    for (const p of [anna, bartek]) await p.socket.close()
  })

  it('escalates a call that is put through to the local office: the call goes to the office’s queue and its consultant is dialled', async () => {
    const queue = await queueWithDigit('Do urzędu', '2', true)
    const office = await t.hub.store.ensureOffice({ name: 'PUP Radom', regions: ['1462'] })
    const officeQueue = (await t.hub.store.createQueue({ name: 'Drugi kontakt — PUP Radom', line: 'second_line', officeId: office.id })).id
    await t.hub.store.updateQueue(officeQueue, { autoAccept: true })
    const piotr = await onThePhone(`piotr.eskalacja.${Date.now()}@example.pl`, '+48500100401', queue)
    const sid = callSid()
    await ring(sid, '+48600400503', '2')
    await expect.poll(() => dialsTo(sid, '+48500100401'), { timeout: 5000 }).toBe(1)
    const conv = await conversationOf(sid)

    const dorota = await onThePhone(`dorota.pup.${Date.now()}@example.pl`, 'sip:dorota@pup-radom.example', officeQueue, office.id)
    const r = await t.api(`/api/conversations/${conv.id}/escalate`, { method: 'POST', token: piotr.token, json: { region: '1462', note: 'Pytanie o staż w Radomiu' } })
    expect(r.status).toBeLessThan(300)
    await expect.poll(() => updatesOf(sid).filter((x) => x.includes('<Sip>sip:dorota@pup-radom.example</Sip>')).length, { timeout: 5000 }).toBe(1)
    expect(await conversation(conv.id)).toMatchObject({ status: 'assigned', assigneeId: dorota.id, officeId: office.id })
    // The office's consultant sees the call (and its history) as theirs.
    expect((await t.api(`/api/conversations/${conv.id}`, { token: dorota.token })).status).toBe(200)
    for (const p of [piotr, dorota]) await p.socket.close()
  })
})
