// The Twilio voice connector: its webhooks through Hono's request() with signed form bodies and a fake VoiceHub; its
// call updates and recording downloads against the fake Calls API in test/fakes.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { startFakeTwilioVoiceApi, type FakeTwilioVoiceApi } from '../../test/fakes/twilio-voice-api.ts'
import { twilioSignature } from '../sms/twilio-signature.ts'
import { createTwilioVoiceConnector } from './twilio-voice-connector.ts'
import type { VoiceCallEvent, VoiceHub, VoicePlan } from './voice-hub.ts'

const AUTH_TOKEN = 'test-auth-token-0123456789abcdef'
const ACCOUNT_SID = 'AC' + 'c'.repeat(32)
const PUBLIC_URL = 'https://hub.example.gov.pl'
const HOOK = `${PUBLIC_URL}/connectors/voice/twilio`
const CA = 'CA' + '1'.repeat(32)
const X = '<?xml version="1.0" encoding="UTF-8"?>'
const form = (params: Record<string, string>) => new URLSearchParams(params).toString()
const sign = (body: string, url: string, token = AUTH_TOKEN) => twilioSignature(token, url, [...new URLSearchParams(body)])
const call = (extra: Record<string, string> = {}) => form({ AccountSid: ACCOUNT_SID, CallSid: CA, From: '+48600100200', To: '+48221234567', CallStatus: 'in-progress', Direction: 'inbound', ...extra })

const MENU: VoicePlan = { kind: 'menu', greeting: 'Dzień dobry.', options: [{ digit: '1', label: 'Zasiłki' }] }

function fakeHub() {
  const events: VoiceCallEvent[] = []
  const hub = {
    route: vi.fn<VoiceHub['route']>(async (c) => (c.digits === '1' ? { kind: 'enqueue', greeting: 'Łączymy.', queue: 'zasilki' } : MENU)),
    waiting: vi.fn<VoiceHub['waiting']>(async (w) => ({ position: w.queuePosition, etaSeconds: 120 })),
    callEvent: vi.fn<VoiceHub['callEvent']>(async (e) => void events.push(e)),
    recording: vi.fn<VoiceHub['recording']>(async () => {}),
  }
  return { hub, events }
}

describe('Twilio voice webhooks', () => {
  const warn = vi.fn()
  const connector = createTwilioVoiceConnector({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, publicUrl: `${PUBLIC_URL}/`, apiUrl: 'http://127.0.0.1:9', log: { warn } })
  let h: ReturnType<typeof fakeHub>
  let app: ReturnType<typeof connector.voiceRoutes>
  beforeEach(() => {
    h = fakeHub()
    warn.mockClear()
    app = connector.voiceRoutes(h.hub)
  })
  const post = (path: string, body: string, signature: string | null = sign(body, HOOK + (path === '/' ? '' : path))) =>
    app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature === null ? {} : { 'X-Twilio-Signature': signature }) }, body })

  it('is a voice connector at voice/twilio that sends no messages', async () => {
    expect([connector.kind, connector.path]).toEqual(['voice', 'voice/twilio'])
    expect(await connector.send({ outboxId: 'o', conversationId: 'c', recipientId: '+48600100200', text: 'x', lastInboundAt: null, now: new Date() })).toEqual({ ok: false, retryable: false, error: 'calls are not answered by message' })
  })

  it.each(['/', '/menu?attempt=1', '/wait', '/queue-result', '/dial-result', '/recorded', '/status', '/recording'])('refuses %s without a valid signature (403) and never calls the hub', async (path) => {
    const body = call({ QueueResult: 'hangup', CallStatus: 'completed', RecordingSid: 'RE' + 'a'.repeat(32), RecordingUrl: 'https://api.twilio.com/r' })
    const sub = path.split('?')[0] === '/' ? '' : (path.split('?')[0] as string)
    for (const signature of [null, '', 'bm90IGEgc2lnbmF0dXJl', sign(body, HOOK + sub + '/other'), sign(body, HOOK + sub, 'other-token')]) {
      const res = await post(path, body, signature)
      expect(res.status).toBe(403)
    }
    // The signature covers the query string: signed without it, /menu?attempt=1 is refused.
    if (path.includes('?')) expect((await post(path, body, sign(body, HOOK + sub))).status).toBe(403)
    for (const fn of Object.values(h.hub)) expect(fn).not.toHaveBeenCalled()
  })

  it('takes a whole call: arrival → menu → digit → queue → wait → the caller hangs up in the queue', async () => {
    const arrival = await post('/', call({ CallStatus: 'ringing' }))
    expect([arrival.status, arrival.headers.get('content-type')]).toEqual([200, 'text/xml; charset=utf-8'])
    const menu = await arrival.text()
    expect(menu).toContain(`<Gather input="dtmf" numDigits="1" action="${HOOK}/menu?attempt=1" method="POST" timeout="6">`)
    expect(h.hub.route).toHaveBeenLastCalledWith({ callSid: CA, from: '+48600100200', to: '+48221234567', digits: null, at: expect.any(Date) })

    const chosen = await post('/menu?attempt=1', call({ Digits: '1' }), sign(call({ Digits: '1' }), `${HOOK}/menu?attempt=1`))
    expect(await chosen.text()).toBe(X + '<Response><Say language="pl-PL">Łączymy.</Say>'
      + `<Enqueue waitUrl="${HOOK}/wait" waitUrlMethod="POST" action="${HOOK}/queue-result" method="POST">zasilki</Enqueue></Response>`)
    expect(h.hub.route).toHaveBeenLastCalledWith(expect.objectContaining({ digits: '1' }))

    const wait = await post('/wait', call({ QueuePosition: '2', QueueTime: '30', AvgQueueTime: '60', QueueSid: 'QU' + '0'.repeat(32) }))
    expect(await wait.text()).toBe(X + '<Response><Say language="pl-PL">Jest Pan/Pani 2. w kolejce. Szacowany czas oczekiwania: około 2 minut.</Say><Pause length="20"/></Response>')
    expect(h.hub.waiting).toHaveBeenCalledWith({ callSid: CA, queuePosition: 2, queueTimeSeconds: 30 })

    const left = await post('/queue-result', call({ QueueResult: 'hangup', QueueTime: '95', CallStatus: 'completed' }))
    expect(await left.text()).toBe(X + '<Response><Hangup/></Response>')
    expect(h.events).toEqual([expect.objectContaining({ callSid: CA, status: 'completed', queueResult: 'hangup', queueTimeSeconds: 95, from: '+48600100200' })])
  })

  it('plays the menu again once after silence, then says goodbye, however the hub answers', async () => {
    const again = await (await post('/menu?attempt=1', call(), sign(call(), `${HOOK}/menu?attempt=1`))).text()
    expect(again).toContain(`action="${HOOK}/menu?attempt=2"`)
    expect(again).toMatch(/<Hangup\/><\/Response>$/)
    const done = await (await post('/menu?attempt=2', call({ Digits: '9' }), sign(call({ Digits: '9' }), `${HOOK}/menu?attempt=2`))).text()
    expect(done).toMatch(/^<\?xml[^>]*><Response><Say language="pl-PL">Nie wybrano żadnej opcji\.[^<]*<\/Say><Hangup\/><\/Response>$/)
  })

  it('answers queue results: empty when bridged or redirected, an explanation when the queue refused the caller', async () => {
    expect(await (await post('/queue-result', call({ QueueResult: 'bridged', QueueTime: '40' }))).text()).toBe(X + '<Response/>')
    expect(await (await post('/queue-result', call({ QueueResult: 'redirected' }))).text()).toBe(X + '<Response/>')
    expect(await (await post('/queue-result', call({ QueueResult: 'leave' }))).text()).toBe(X + '<Response><Hangup/></Response>')
    expect(await (await post('/queue-result', call({ QueueResult: 'queue-full' }))).text()).toMatch(/<Say language="pl-PL">Przepraszamy, w tej chwili[^<]*<\/Say><Hangup\/>/)
    expect(h.events.map((e) => e.queueResult)).toEqual(['bridged', 'redirected', 'leave', 'queue-full'])
  })

  it('after hours: the closed plan records a voicemail; the Record action thanks and hangs up; the recording and its transcription reach the hub', async () => {
    h.hub.route.mockResolvedValueOnce({ kind: 'closed', message: 'Zapraszamy w godzinach 8-16.', voicemail: true, maxSeconds: 60 })
    const closed = await (await post('/', call())).text()
    expect(closed).toContain(`<Record maxLength="60" playBeep="true" finishOnKey="#" action="${HOOK}/recorded"`)
    expect(closed).toContain(`transcribe="true" transcribeCallback="${HOOK}/recording"`)
    expect(await (await post('/recorded', call({ RecordingUrl: 'https://api.twilio.com/r', RecordingDuration: '7' }))).text()).toBe(X + '<Response><Say language="pl-PL">Dziękujemy za telefon. Do widzenia.</Say><Hangup/></Response>')
    const rec = { CallSid: CA, RecordingSid: 'RE' + 'a'.repeat(32), RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/RE${'a'.repeat(32)}` }
    const status = await post('/recording', form({ ...rec, RecordingStatus: 'completed', RecordingDuration: '7' }))
    expect([status.status, await status.text()]).toEqual([200, ''])
    expect((await post('/recording', form({ ...rec, TranscriptionStatus: 'completed', TranscriptionText: 'Proszę oddzwonić.' }))).status).toBe(200)
    expect(h.hub.recording.mock.calls.map(([r]) => [r.recordingSid, r.durationSeconds, r.transcription])).toEqual([['RE' + 'a'.repeat(32), 7, null], ['RE' + 'a'.repeat(32), null, 'Proszę oddzwonić.']])
    h.hub.recording.mockRejectedValueOnce(new Error('db down'))
    expect((await post('/recording', form({ ...rec, RecordingStatus: 'completed' }))).status).toBe(500)
  })

  it('passes an anonymous caller on as anonymous', async () => {
    for (const from of ['anonymous', '+266696687', '']) await post('/', call({ From: from }))
    expect(h.hub.route.mock.calls.map(([c]) => c.from)).toEqual(['anonymous', 'anonymous', 'anonymous'])
  })

  it('passes status callbacks through as they come, out of order included (ordering is the hub\'s), and answers 204', async () => {
    const cb = (seq: string, status: string, extra: Record<string, string> = {}) => call({ CallStatus: status, SequenceNumber: seq, CallbackSource: 'call-progress-events', Timestamp: 'Mon, 02 Mar 2026 10:00:0' + seq + ' +0000', ...extra })
    for (const body of [cb('2', 'completed', { CallDuration: '95' }), cb('0', 'ringing'), cb('1', 'in-progress')]) {
      const res = await post('/status', body)
      expect([res.status, await res.text()]).toEqual([204, ''])
    }
    expect(h.events.map((e) => [e.sequence, e.status, e.durationSeconds, e.at.toISOString()])).toEqual([
      [2, 'completed', 95, '2026-03-02T10:00:02.000Z'], [0, 'ringing', null, '2026-03-02T10:00:00.000Z'], [1, 'in-progress', null, '2026-03-02T10:00:01.000Z'],
    ])
    h.hub.callEvent.mockRejectedValueOnce(new Error('db down'))
    expect((await post('/status', cb('3', 'completed'))).status).toBe(500)
  })

  it('apologises in Polish when the hub fails during the call, and keeps a waiting caller waiting', async () => {
    h.hub.route.mockRejectedValueOnce(new Error('boom'))
    expect(await (await post('/', call())).text()).toBe(X + '<Response><Say language="pl-PL">Przepraszamy, wystąpił błąd. Prosimy zadzwonić ponownie.</Say><Hangup/></Response>')
    h.hub.route.mockResolvedValueOnce({ kind: 'enqueue', greeting: null, queue: 'q'.repeat(65) })
    expect(await (await post('/', call())).text()).toContain('Przepraszamy, wystąpił błąd.')
    h.hub.waiting.mockRejectedValueOnce(new Error('boom'))
    expect(await (await post('/wait', call({ QueuePosition: '1' }))).text()).toBe(X + '<Response><Pause length="20"/></Response>')
    expect(warn).toHaveBeenCalledTimes(3)
  })

  it('after an unanswered Dial tells the hub about the consultant leg and routes the caller again', async () => {
    const CHILD = 'CA' + '5'.repeat(32)
    h.hub.route.mockResolvedValueOnce({ kind: 'enqueue', greeting: null, queue: 'zasilki' })
    const again = await (await post('/dial-result', call({ DialCallStatus: 'no-answer', DialCallSid: CHILD }))).text()
    expect(again).toContain('>zasilki</Enqueue>')
    expect(h.events).toEqual([expect.objectContaining({ callSid: CHILD, status: 'no-answer', parentCallSid: CA, direction: 'outbound-dial' })])
    expect(await (await post('/dial-result', call({ DialCallStatus: 'completed', DialCallSid: CHILD, DialCallDuration: '300' }))).text()).toBe(X + '<Response><Hangup/></Response>')
    expect(h.hub.route).toHaveBeenCalledTimes(1)
  })

  it('refuses another content type (415) and answers 400 to a signed body without CallSid', async () => {
    const body = call()
    const res = await app.request('/', { method: 'POST', headers: { 'content-type': 'application/json', 'X-Twilio-Signature': sign(body, HOOK) }, body })
    expect(res.status).toBe(415)
    expect((await post('/status', form({ CallStatus: 'completed' }))).status).toBe(400)
    expect(h.hub.callEvent).not.toHaveBeenCalled()
  })
})

describe('Twilio voice Calls API', () => {
  let api: FakeTwilioVoiceApi
  let connector: ReturnType<typeof createTwilioVoiceConnector>
  beforeAll(async () => {
    api = await startFakeTwilioVoiceApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })
    connector = createTwilioVoiceConnector({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, publicUrl: PUBLIC_URL, apiUrl: api.url })
  })
  afterAll(() => api.close())
  beforeEach(() => void api.calls.splice(0))

  it('connects a call to a consultant: Basic auth, Twiml with the Dial and its action', async () => {
    expect(await connector.connectCall(CA, { number: '22 123 45 67' }, { timeoutSeconds: 20, callerId: '+48221000000' })).toEqual({ ok: true })
    expect(await connector.connectCall(CA, { sip: 'konsultant7@pbx.example.gov.pl' })).toEqual({ ok: true })
    expect(api.calls.map((c) => [c.kind, c.authOk, c.callSid, c.status])).toEqual([['update', true, CA, 200], ['update', true, CA, 200]])
    expect(api.calls[0]?.params).toEqual({ Twiml: X + `<Response><Dial timeout="20" callerId="+48221000000" action="${HOOK}/dial-result" method="POST"><Number>+48221234567</Number></Dial></Response>` })
    expect(api.calls[1]?.params.Twiml).toContain('<Sip>sip:konsultant7@pbx.example.gov.pl</Sip>')
  })

  it('refuses bad targets and CallSids without calling Twilio', async () => {
    expect(await connector.connectCall(CA, {})).toMatchObject({ ok: false, retryable: false })
    expect(await connector.connectCall(CA, { number: '+48600100200', sip: 'a@b' })).toMatchObject({ ok: false, retryable: false })
    expect(await connector.connectCall(CA, { number: 'abc' })).toMatchObject({ ok: false, retryable: false })
    expect(await connector.connectCall(CA, { sip: 'no-host' })).toMatchObject({ ok: false, retryable: false })
    expect(await connector.connectCall('../Messages', { number: '+48600100200' })).toMatchObject({ ok: false, retryable: false })
    expect(await connector.connectCall(CA, { number: '+48600100200' }, { timeoutSeconds: 1 })).toMatchObject({ ok: false, retryable: false })
    expect(await connector.redirectCall(CA, 'javascript:alert(1)')).toMatchObject({ ok: false, retryable: false })
    expect(api.calls).toEqual([])
  })

  it('redirects and hangs up; an ended call is a final failure, a 5xx a retryable one, the token never in the error', async () => {
    expect(await connector.redirectCall(CA, `${HOOK}/menu`)).toEqual({ ok: true })
    expect(api.calls[0]?.params).toEqual({ Url: `${HOOK}/menu`, Method: 'POST' })
    api.failNext(1, 503)
    const failed = await connector.hangUp(CA)
    expect(failed).toMatchObject({ ok: false, retryable: true })
    expect(await connector.hangUp(CA)).toEqual({ ok: true })
    expect(api.calls.at(-1)?.params).toEqual({ Status: 'completed' })
    const gone = await connector.redirectCall(CA, `${HOOK}/menu`)
    expect(gone).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('no longer in progress') })
    const wrong = createTwilioVoiceConnector({ accountSid: ACCOUNT_SID, authToken: 'wrong-token', publicUrl: PUBLIC_URL, apiUrl: api.url })
    const refused = await wrong.hangUp('CA' + '9'.repeat(32))
    expect(refused).toMatchObject({ ok: false, retryable: false })
    expect(JSON.stringify(refused)).not.toContain('wrong-token')
  })

  it('fetches a recording as MP3 with Basic auth, and no further than maxBytes', async () => {
    const { url } = api.addRecording('ID3-fake-mp3')
    expect(await connector.fetchRecording(url, 1000)).toEqual({ ok: true, bytes: new Uint8Array(Buffer.from('ID3-fake-mp3')), contentType: 'audio/mpeg' })
    expect(api.calls.map((c) => [c.kind, c.path.endsWith('.mp3'), c.authOk])).toEqual([['recording', true, true]])
    expect(await connector.fetchRecording(url, 4)).toMatchObject({ ok: false, retryable: false })
    expect(await connector.fetchRecording('https://evil.example/r.mp3', 1000)).toMatchObject({ ok: false, retryable: false })
  })
})
