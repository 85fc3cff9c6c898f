// Calls end to end (first slice, issue 7): signed Twilio Voice webhooks into the hub. The IVR menu lists the
// queues with digits; the digits put the call in its queue as a `voice` conversation of the caller's contact (the
// same contact as their SMS); the wait message gives the place in the queue; status callbacks out of order never
// move the call back; a caller who hangs up while waiting is abandoned with the wait; a voicemail's recording is
// fetched after the callback and served to staff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { twilioSignature } from '../connectors/sms/twilio-signature.ts'
import { createTwilioSmsConnector } from '../connectors/sms/twilio-sms-connector.ts'
import { createTwilioVoiceConnector } from '../connectors/voice/twilio-voice-connector.ts'
import type { Conversation, TimelineEvent } from '../protocol/rest.ts'
import { startFakeTwilioVoiceApi, type FakeTwilioVoiceApi } from './fakes/twilio-voice-api.ts'
import { startFakeTwilioApi, type FakeTwilioApi } from './fakes/twilio-api.ts'
import { startTestHub, type TestHub } from './support/test-hub.ts'

const ACCOUNT_SID = 'AC' + '7'.repeat(32)
const AUTH_TOKEN = 'token-twilio-glos-0123456789ab'
const PUBLIC_URL = 'https://hub.example.gov.pl'
let api: FakeTwilioVoiceApi
let smsApi: FakeTwilioApi
let t: TestHub
let admin: string
let queueId: string

beforeAll(async () => {
  api = await startFakeTwilioVoiceApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })
  smsApi = await startFakeTwilioApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })
  t = await startTestHub({
    connectors: [
      createTwilioVoiceConnector({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, publicUrl: PUBLIC_URL, apiUrl: api.url }),
      createTwilioSmsConnector({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+48221234567', publicUrl: PUBLIC_URL, apiUrl: smsApi.url }),
    ],
  })
  admin = await t.login()
  const q = await t.hub.store.createQueue({ name: 'Zasiłki' })
  queueId = q.id
  expect((await t.api(`/api/admin/queues/${q.id}`, { method: 'PATCH', token: admin, json: { ivrDigits: '1' } })).status).toBe(200)
})
afterAll(async () => {
  await t?.close()
  await api?.close()
  await smsApi?.close()
})

let n = 0
const callSid = () => 'CA' + (Date.now().toString(16) + (++n).toString(16)).padStart(32, '0').slice(-32)

function post(path: string, params: Record<string, string>, token = AUTH_TOKEN) {
  const form = new URLSearchParams(params)
  const signature = twilioSignature(token, `${PUBLIC_URL}/connectors/voice/twilio${path}`, [...form])
  return t.api(`/connectors/voice/twilio${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: form.toString() })
}
const call = (sid: string, from: string, extra: Record<string, string> = {}) => ({ CallSid: sid, AccountSid: ACCOUNT_SID, From: from, To: '+48221234567', CallStatus: 'ringing', Direction: 'inbound', ...extra })

async function voiceConversationOf(sid: string): Promise<Conversation> {
  const list = ((await (await t.api('/api/conversations?channel=voice&limit=100', { token: admin })).json()) as { items: Conversation[] }).items
  for (const c of list) if ((await events(c.id)).some((e) => e.type === 'call' && e.data?.callSid === sid)) return c
  throw new Error(`no conversation for ${sid}`)
}
async function events(id: string): Promise<TimelineEvent[]> {
  return ((await (await t.api(`/api/conversations/${id}/events`, { token: admin })).json()) as { items: TimelineEvent[] }).items
}

describe('voice calls', () => {
  it('refuses an unsigned call', async () => {
    const r = await t.api('/connectors/voice/twilio', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(call(callSid(), '+48600300400')).toString() })
    expect(r.status).toBe(403)
  })

  it('menu, digits, queue: one conversation of the caller (the same contact as their SMS), with the place in the queue', async () => {
    const from = '+48600300401'
    const sms = new URLSearchParams({ MessageSid: 'SM' + '1'.repeat(32), AccountSid: ACCOUNT_SID, From: from, To: '+48221234567', Body: 'Zadzwonię jutro', NumMedia: '0' })
    await t.api('/connectors/sms/twilio', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/connectors/sms/twilio`, [...sms]) }, body: sms.toString() })

    const sid = callSid()
    const menu = await (await post('', call(sid, from))).text()
    expect(menu).toContain('<Gather')
    expect(menu).toContain('Zasiłki')
    const enqueue = await (await post('/menu?attempt=1', call(sid, from, { Digits: '1' }))).text()
    expect(enqueue).toContain(`<Enqueue`)
    expect(enqueue).toContain(queueId)
    // Twilio retries the same request: still one conversation.
    await post('/menu?attempt=1', call(sid, from, { Digits: '1' }))
    const conv = await voiceConversationOf(sid)
    expect([conv.status, conv.queueId]).toEqual(['queued', queueId])
    const smsConv = ((await (await t.api('/api/conversations?channel=sms&limit=100', { token: admin })).json()) as { items: Conversation[] }).items[0]!
    expect(smsConv.contact.id).toBe(conv.contact.id)
    const wait = await (await post('/wait', { CallSid: sid, AccountSid: ACCOUNT_SID, QueuePosition: '1', QueueTime: '5', AvgQueueTime: '0', CurrentQueueSize: '1' })).text()
    expect(wait).toMatch(/1\. w kolejce/)
  })

  it('keeps the latest state when callbacks come out of order, and records a hang-up in the queue as abandoned', async () => {
    const sid = callSid()
    await post('/menu?attempt=1', call(sid, '+48600300402', { Digits: '1' }))
    const conv = await voiceConversationOf(sid)
    const status = (s: string, seq: number) => post('/status', { CallSid: sid, AccountSid: ACCOUNT_SID, CallStatus: s, SequenceNumber: String(seq), Timestamp: new Date().toUTCString(), From: '+48600300402', To: '+48221234567', Direction: 'inbound' })
    expect((await status('in-progress', 1)).status).toBeLessThan(300)
    expect((await status('ringing', 0)).status).toBeLessThan(300)
    const legs = (await events(conv.id)).filter((e) => e.type === 'call' && typeof e.data?.sequence === 'number')
    expect(legs.map((e) => [e.data?.state, e.data?.stale ?? false])).toEqual([
      ['in-progress', false],
      ['ringing', true],
    ])
    expect((await post('/queue-result', { CallSid: sid, AccountSid: ACCOUNT_SID, QueueResult: 'hangup', QueueTime: '42', QueueSid: 'QU' + '0'.repeat(32) })).status).toBe(200)
    const after = (await (await t.api(`/api/conversations/${conv.id}`, { token: admin })).json()) as Conversation
    expect(after.status).toBe('resolved')
    const abandoned = (await events(conv.id)).find((e) => e.type === 'status' && e.data?.transition === 'abandoned')!
    expect(abandoned.data?.waitSeconds).toBe(42)
  })

  it('orders callbacks without a SequenceNumber by their Timestamp', async () => {
    const sid = callSid()
    await post('/menu?attempt=1', call(sid, '+48600300408', { Digits: '1' }))
    const conv = await voiceConversationOf(sid)
    const at = Date.now()
    const status = (s: string, ms: number) => post('/status', { CallSid: sid, AccountSid: ACCOUNT_SID, CallStatus: s, Timestamp: new Date(ms).toUTCString(), From: '+48600300408', To: '+48221234567', Direction: 'inbound' })
    expect((await status('in-progress', at + 10_000)).status).toBeLessThan(300)
    expect((await status('ringing', at)).status).toBeLessThan(300)
    const legs = (await events(conv.id)).filter((e) => e.type === 'call' && e.data && 'sequence' in e.data)
    expect(legs.map((e) => [e.data?.state, e.data?.stale ?? false])).toEqual([
      ['in-progress', false],
      ['ringing', true],
    ])
    // The stale "ringing" did not end anything: the caller is still waiting.
    expect(((await (await t.api(`/api/conversations/${conv.id}`, { token: admin })).json()) as Conversation).status).toBe('queued')
  })

  it('stores a voicemail with its recording, fetched after the callback', async () => {
    const sid = callSid()
    await post('/menu?attempt=1', call(sid, '+48600300403', { Digits: '1' }))
    const conv = await voiceConversationOf(sid)
    const recording = api.addRecording('NAGRANIE-MP3')
    const r = await post('/recording', { CallSid: sid, AccountSid: ACCOUNT_SID, RecordingSid: recording.recordingSid, RecordingUrl: recording.url, RecordingDuration: '7', RecordingStatus: 'completed' })
    expect(r.status).toBe(200)
    await expect.poll(async () => (await events(conv.id)).find((e) => e.type === 'attachment')?.data?.attachment, { timeout: 5000 }).toMatchObject({ state: 'stored' })
    const id = ((await events(conv.id)).find((e) => e.type === 'attachment')!.data?.attachment as { id: string }).id
    expect(await (await t.api(`/api/attachments/${id}`, { token: admin })).text()).toBe('NAGRANIE-MP3')
  })

  it('puts the call through to the consultant it is given to (the provider gets the Dial), once', async () => {
    const q = await t.hub.store.createQueue({ name: 'Połączenia testowe' })
    expect((await t.api(`/api/admin/queues/${q.id}`, { method: 'PATCH', token: admin, json: { ivrDigits: '9' } })).status).toBe(200)
    await t.hub.store.updateQueue(q.id, { autoAccept: true })
    const anna = await t.consultant(`anna.glos.${Date.now()}@example.pl`, 0)
    await t.hub.store.setRoutingProfile(anna.id, { capacity: { voice: 1 } })
    await t.hub.store.joinQueue(anna.id, q.id)
    expect((await t.api(`/api/admin/consultants/${anna.id}`, { method: 'PATCH', token: admin, json: { voiceTarget: '+48500600700' } })).status).toBe(200)
    expect((await t.api(`/api/admin/consultants/${anna.id}`, { method: 'PATCH', token: admin, json: { voiceTarget: '500 600 700' } })).status).toBe(400)
    const from = anna.socket.frames.length
    anna.socket.send({ type: 'presence', state: 'available' })
    await anna.socket.next((f) => f.type === 'presence' && f.consultantId === anna.id && f.state === 'available', from)

    const sid = callSid()
    await post('/menu?attempt=1', call(sid, '+48600300404', { Digits: '9' }))
    await expect.poll(() => api.calls.filter((c) => c.kind === 'update' && c.callSid === sid).length, { timeout: 5000 }).toBe(1)
    const update = api.calls.find((c) => c.kind === 'update' && c.callSid === sid)!
    expect(update.params.Twiml).toContain('<Dial')
    expect(update.params.Twiml).toContain('<Number>+48500600700</Number>')
    const conv = await voiceConversationOf(sid)
    expect(conv.assigneeId).toBe(anna.id)
    await expect.poll(async () => (await events(conv.id)).find((e) => e.type === 'call' && e.data?.state === 'connecting')?.data?.consultantId, { timeout: 5000 }).toBe(anna.id)

    // Her phone does not answer: the caller goes back to the queue, in their place, and not to her again.
    const back = await (await post('/dial-result', { CallSid: sid, AccountSid: ACCOUNT_SID, DialCallSid: callSid(), DialCallStatus: 'no-answer', DialCallDuration: '0' })).text()
    expect(back).toContain('<Enqueue')
    const after = (await (await t.api(`/api/conversations/${conv.id}`, { token: admin })).json()) as Conversation
    expect([after.status, after.assigneeId]).toEqual(['queued', null])
    expect((await events(conv.id)).some((e) => e.type === 'status' && e.data?.transition === 'not_answered' && e.data?.consultantId === anna.id)).toBe(true)
  })

  it('puts the consultant in after-call work when the call ends, until they wrap it up with a disposition', async () => {
    const q = await t.hub.store.createQueue({ name: 'Wrap-up' })
    expect((await t.api(`/api/admin/queues/${q.id}`, { method: 'PATCH', token: admin, json: { ivrDigits: '8' } })).status).toBe(200)
    await t.hub.store.updateQueue(q.id, { autoAccept: true })
    const ewa = await t.consultant(`ewa.glos.${Date.now()}@example.pl`, 0)
    await t.hub.store.setRoutingProfile(ewa.id, { capacity: { voice: 1 } })
    await t.hub.store.joinQueue(ewa.id, q.id)
    await t.api(`/api/admin/consultants/${ewa.id}`, { method: 'PATCH', token: admin, json: { voiceTarget: 'sip:ewa@pbx.urzad.example' } })
    const from = ewa.socket.frames.length
    ewa.socket.send({ type: 'presence', state: 'available' })
    await ewa.socket.next((f) => f.type === 'presence' && f.consultantId === ewa.id && f.state === 'available', from)

    const sid = callSid()
    await post('/menu?attempt=1', call(sid, '+48600300405', { Digits: '8' }))
    await expect.poll(() => api.calls.filter((c) => c.kind === 'update' && c.callSid === sid).map((c) => c.params.Twiml?.includes('<Sip>sip:ewa@pbx.urzad.example</Sip>')), { timeout: 5000 }).toEqual([true])
    const conv = await voiceConversationOf(sid)
    const acw = ewa.socket.frames.length
    await post('/status', { CallSid: sid, AccountSid: ACCOUNT_SID, CallStatus: 'completed', SequenceNumber: '3', CallDuration: '95', Timestamp: new Date().toUTCString(), From: '+48600300405', To: '+48221234567', Direction: 'inbound' })
    await ewa.socket.next((f) => f.type === 'presence' && f.consultantId === ewa.id && f.state === 'after_call_work', acw)

    const other = await t.consultant(`inny.glos.${Date.now()}@example.pl`, 0)
    expect((await t.api(`/api/conversations/${conv.id}/wrap-up`, { method: 'POST', token: other.token, json: { disposition: 'informacja' } })).status).toBe(403)
    expect((await t.api(`/api/conversations/${conv.id}/wrap-up`, { method: 'POST', token: ewa.token, json: { disposition: 'Zła wartość' } })).status).toBe(400)
    // The codes are the supervisors' list: a new one offered, a retired one refused (and only administrators edit it).
    expect((await t.api('/api/admin/dispositions', { method: 'POST', token: ewa.token, json: { code: 'skarga', labelPl: 'Skarga', labelEn: 'Complaint' } })).status).toBe(403)
    expect((await t.api('/api/admin/dispositions', { method: 'POST', token: admin, json: { code: 'skarga', labelPl: 'Skarga', labelEn: 'Complaint', position: 6 } })).status).toBe(201)
    expect((await t.api('/api/admin/dispositions/inne', { method: 'PATCH', token: admin, json: { active: false } })).status).toBe(200)
    const offered = ((await (await t.api('/api/dispositions', { token: ewa.token })).json()) as { items: { code: string }[] }).items.map((d) => d.code)
    expect(offered).toEqual(['informacja', 'przekierowano_do_urzedu', 'sprawa_zalatwiona', 'oddzwonic', 'skarga'])
    expect((await t.api(`/api/conversations/${conv.id}/wrap-up`, { method: 'POST', token: ewa.token, json: { disposition: 'inne' } })).status).toBe(400)
    const back = ewa.socket.frames.length
    const r = await t.api(`/api/conversations/${conv.id}/wrap-up`, { method: 'POST', token: ewa.token, json: { disposition: 'informacja', note: 'Wyjaśniono termin wypłaty' } })
    expect(r.status).toBe(201)
    await ewa.socket.next((f) => f.type === 'presence' && f.consultantId === ewa.id && f.state === 'available', back)
    const after = (await (await t.api(`/api/conversations/${conv.id}`, { token: admin })).json()) as Conversation
    expect(after.status).toBe('resolved')
    const note = (await events(conv.id)).find((e) => e.type === 'note')!
    expect([note.text, note.data?.disposition, note.data?.labelPl]).toEqual(['Wyjaśniono termin wypłaty', 'informacja', 'Udzielono informacji'])

    // The caller was asked for a rating by SMS; their reply is the call's survey answer, not a new conversation.
    await expect.poll(() => smsApi.calls.filter((c) => c.kind === 'send' && c.params.To === '+48600300405').length, { timeout: 5000 }).toBe(1)
    expect(smsApi.calls.find((c) => c.kind === 'send' && c.params.To === '+48600300405')!.params.Body).toMatch(/od 1 .* do 5/)
    const reply = new URLSearchParams({ MessageSid: 'SM' + '5'.repeat(32), AccountSid: ACCOUNT_SID, From: '+48600300405', To: '+48221234567', Body: '5 bardzo miła rozmowa', NumMedia: '0' })
    const sign = twilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/connectors/sms/twilio`, [...reply])
    for (let i = 0; i < 2; i++) {
      expect((await t.api('/connectors/sms/twilio', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sign }, body: reply.toString() })).status).toBe(200)
    }
    const answers = (await events(conv.id)).filter((e) => e.type === 'survey' && typeof e.data?.score === 'number')
    expect(answers.map((e) => [e.data?.score, e.data?.comment])).toEqual([[5, 'bardzo miła rozmowa']])
    const smsConvs = ((await (await t.api('/api/conversations?channel=sms&limit=100', { token: admin })).json()) as { items: Conversation[] }).items
    expect(smsConvs.some((c) => c.contact.id === conv.contact.id)).toBe(false)
  })

  it('takes a call that is put through back to a queue when it is transferred there', async () => {
    const q = await t.hub.store.createQueue({ name: 'Przekazanie' })
    expect((await t.api(`/api/admin/queues/${q.id}`, { method: 'PATCH', token: admin, json: { ivrDigits: '7' } })).status).toBe(200)
    await t.hub.store.updateQueue(q.id, { autoAccept: true })
    const olga = await t.consultant(`olga.glos.${Date.now()}@example.pl`, 0)
    await t.hub.store.setRoutingProfile(olga.id, { capacity: { voice: 1 } })
    await t.hub.store.joinQueue(olga.id, q.id)
    await t.api(`/api/admin/consultants/${olga.id}`, { method: 'PATCH', token: admin, json: { voiceTarget: '+48500600701' } })
    const from = olga.socket.frames.length
    olga.socket.send({ type: 'presence', state: 'available' })
    await olga.socket.next((f) => f.type === 'presence' && f.consultantId === olga.id && f.state === 'available', from)

    const sid = callSid()
    await post('/menu?attempt=1', call(sid, '+48600300406', { Digits: '7' }))
    await expect.poll(() => api.calls.filter((c) => c.kind === 'update' && c.callSid === sid).length, { timeout: 5000 }).toBe(1)
    const conv = await voiceConversationOf(sid)
    expect((await t.api(`/api/conversations/${conv.id}/transfer`, { method: 'POST', token: olga.token, json: { queueId } })).status).toBeLessThan(300)
    await expect.poll(() => api.calls.filter((c) => c.kind === 'update' && c.callSid === sid).map((c) => c.params.Url ?? null), { timeout: 5000 }).toEqual([null, `${PUBLIC_URL}/connectors/voice/twilio`])
    // Twilio asks that URL: the held call goes into its new queue, without the menu.
    const again = await (await post('', call(sid, '+48600300406'))).text()
    expect(again).toContain(queueId)
    expect(again).not.toContain('<Gather')
  })

  it('sends callers to voicemail outside the queue’s opening hours, and keeps the message for a call back', async () => {
    // Open a minute a day, but closed on the days around now: closed whenever the test runs.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
    const minute = [{ start: '00:00', end: '00:01' }]
    const definition = { week: { 1: minute, 2: minute, 3: minute, 4: minute, 5: minute, 6: minute, 7: minute }, closedDates: [day(-1), day(0), day(1)] }
    const cal = await t.api('/api/admin/calendars', { method: 'POST', token: admin, json: { name: 'Zamknięte dziś', definition } })
    expect(cal.status).toBe(201)
    const calendarId = ((await cal.json()) as { id: string }).id
    const q = await t.hub.store.createQueue({ name: 'Po godzinach' })
    expect((await t.api(`/api/admin/queues/${q.id}`, { method: 'PATCH', token: admin, json: { ivrDigits: '6', calendarId } })).status).toBe(200)
    const sid = callSid()
    const twiml = await (await post('/menu?attempt=1', call(sid, '+48600300407', { Digits: '6' }))).text()
    expect(twiml).toContain('<Record')
    expect(twiml).toContain('nieczynna')
    expect(twiml).not.toContain('<Enqueue')
    const conv = await voiceConversationOf(sid)
    expect((await events(conv.id)).find((e) => e.type === 'call')?.data?.state).toBe('voicemail')
    const recording = api.addRecording('WIADOMOSC')
    await post('/recording', { CallSid: sid, AccountSid: ACCOUNT_SID, RecordingSid: recording.recordingSid, RecordingUrl: recording.url, RecordingDuration: '12', RecordingStatus: 'completed' })
    await expect.poll(async () => (await events(conv.id)).some((e) => e.type === 'call' && e.data?.kind === 'voicemail'), { timeout: 5000 }).toBe(true)
  })
})
