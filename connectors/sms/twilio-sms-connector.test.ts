// The Twilio SMS connector: its webhooks through Hono's request() with signed form bodies; its sends and media
// fetches against the fake Twilio API in test/fakes. (Parameter mapping in detail: parse-twilio-sms.test.ts.)
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { startFakeTwilioApi, type FakeTwilioApi } from '../../test/fakes/twilio-api.ts'
import type { InboundEvent, Ingest, OutboundMessage } from '../connector.ts'
import { sendResult } from './twilio-send-result.ts'
import { createTwilioSmsConnector, MAX_BODY_BYTES } from './twilio-sms-connector.ts'
import { twilioSignature } from './twilio-signature.ts'

const formBody = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8').split('\n')[0] as string
/** The token and public URL the fixtures' self-computed signatures use (fixtures/README.md). */
const AUTH_TOKEN = 'test-auth-token-0123456789abcdef'
const PUBLIC_URL = 'https://hub.example.gov.pl'
const ACCOUNT_SID = 'AC' + 'c'.repeat(32)
const HOOK = `${PUBLIC_URL}/connectors/sms/twilio`
const sign = (body: string, url: string, token = AUTH_TOKEN) => twilioSignature(token, url, [...new URLSearchParams(body)])
const SID = 'SM' + 'a'.repeat(32)
const form = (params: Record<string, string>) => new URLSearchParams(params).toString()

describe('Twilio SMS webhooks', () => {
  const warn = vi.fn()
  // A trailing slash on the public URL is ignored.
  const connector = createTwilioSmsConnector({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+48221234567', publicUrl: `${PUBLIC_URL}/`, apiUrl: 'http://127.0.0.1:9', log: { warn } })
  let ingested: InboundEvent[][]
  let ingest: ReturnType<typeof vi.fn<Ingest>>
  beforeEach(() => {
    ingested = []
    warn.mockClear()
    ingest = vi.fn<Ingest>(async (events) => void ingested.push([...events]))
  })
  const post = (path: string, body: string, signature: string | null, contentType = 'application/x-www-form-urlencoded') =>
    connector.routes!(ingest).request(path, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(signature === null ? {} : { 'X-Twilio-Signature': signature }) },
      body,
    })

  it('is mounted at sms/twilio', () => {
    expect([connector.kind, connector.path]).toEqual(['sms', 'sms/twilio'])
  })

  it('accepts the real sample with its signature (self-computed with Python) and answers empty TwiML after ingesting', async () => {
    const res = await post('/', formBody('sms_inbound.form.txt'), 'y4Adr84QNc23HMBZgjpEkS+MdUU=')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/)
    expect(await res.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>')
    expect(ingested).toEqual([[expect.objectContaining({ kind: 'message', channel: 'sms', senderId: '+13177592786', externalId: 'twilio:SMa741ddeb574e5dda5516c73417fcd28a', text: 'Hi there from Twilio' })]])
  })

  it('accepts the base64-looking and the MMS samples', async () => {
    for (const name of ['sms_inbound_base64_body.form.txt', 'sms_inbound_media.form.txt']) {
      const body = formBody(name)
      expect((await post('/', body, sign(body, HOOK))).status).toBe(200)
    }
    expect(ingested.map((b) => b[0]?.kind === 'message' && b[0].attachments?.length)).toEqual([undefined, 2])
  })

  it.each([
    ['no signature', null],
    ['an empty signature', ''],
    ['a wrong signature', 'RSOYDt4T1cUTdK1PDd93/VVr8B8='],
    ['a signature for the status URL', sign(formBody('sms_inbound.form.txt'), `${HOOK}/status`)],
    ['a signature for another host', sign(formBody('sms_inbound.form.txt'), 'https://evil.example/connectors/sms/twilio')],
    ['a signature for another path', sign(formBody('sms_inbound.form.txt'), `${PUBLIC_URL}/connectors/sms/other`)],
    ['a signature with another token', sign(formBody('sms_inbound.form.txt'), HOOK, 'another-token')],
    ['a signature over another body', sign(formBody('sms_inbound.form.txt').replace('Hi+there', 'STOP'), HOOK)],
  ])('refuses %s with 403 and ingests nothing', async (_, signature) => {
    const res = await post('/', formBody('sms_inbound.form.txt'), signature)
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({ error: { code: 'forbidden', message: 'Missing or wrong X-Twilio-Signature' } })
    expect(ingest).not.toHaveBeenCalled()
  })

  it('signs over the query string when Twilio called the URL with one', async () => {
    const body = formBody('sms_inbound.form.txt')
    expect((await post('/?office=krakow', body, sign(body, `${HOOK}?office=krakow`))).status).toBe(200)
    expect((await post('/?office=krakow', body, sign(body, HOOK))).status).toBe(403)
    expect(ingested).toHaveLength(1)
  })

  it('refuses another content type (415) and a body over the limit (413) before interpreting anything', async () => {
    const body = formBody('sms_inbound.form.txt')
    expect((await post('/', JSON.stringify(Object.fromEntries(new URLSearchParams(body))), sign(body, HOOK), 'application/json')).status).toBe(415)
    const big = `${body}&Pad=${'x'.repeat(MAX_BODY_BYTES)}`
    expect((await post('/', big, sign(big, HOOK))).status).toBe(413)
    expect(ingest).not.toHaveBeenCalled()
  })

  it('answers 400 to a signed message whose From is no phone number, and ingests nothing', async () => {
    for (const from of ['whatsapp:+48600100200', 'Urzad Pracy']) {
      const body = form({ MessageSid: SID, From: from, To: '+48221234567', Body: 'x', NumMedia: '0' })
      const res = await post('/', body, sign(body, HOOK))
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ error: { code: 'bad_request' } })
    }
    expect(ingest).not.toHaveBeenCalled()
  })

  it('passes STOP and START on as opt-outs', async () => {
    for (const [i, text] of ['Stop', 'START', 'stop it'].entries()) {
      const body = form({ MessageSid: `SM${String(i).repeat(32)}`, From: '+48600100200', To: '+48221234567', Body: text, NumMedia: '0' })
      expect((await post('/', body, sign(body, HOOK))).status).toBe(200)
    }
    expect(ingested.map((b) => b[0]?.kind === 'message' && b[0].optOut)).toEqual(['stop', 'start', undefined])
  })

  it('answers 500 when the hub could not store the message (Twilio may retry)', async () => {
    ingest.mockRejectedValueOnce(new Error('db down'))
    const body = formBody('sms_inbound.form.txt')
    const res = await post('/', body, sign(body, HOOK))
    expect(res.status).toBe(500)
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ externalIds: ['twilio:SMa741ddeb574e5dda5516c73417fcd28a'] }), 'twilio: ingest failed')
  })

  it('ingests status callbacks signed for /status, with the state and the error named', async () => {
    const sample = formBody('sms_status_callback.form.txt')
    const res = await post('/status', sample, 'nvhGP8iu9esoXqh1DUxk+cIyQpw=')
    expect([res.status, await res.text()]).toEqual([200, ''])
    const failed = form({ MessageSid: SID, MessageStatus: 'undelivered', ErrorCode: '30007', AccountSid: ACCOUNT_SID })
    expect((await post('/status', failed, sign(failed, `${HOOK}/status`))).status).toBe(200)
    expect(ingested).toEqual([
      [expect.objectContaining({ kind: 'receipt', channel: 'sms', state: 'sent', externalIds: ['twilio:SM7ac25b8b7f04410093ff54e1fd2b4256'] })],
      [expect.objectContaining({ kind: 'receipt', state: 'undelivered', externalIds: [`twilio:${SID}`], error: 'Twilio 30007: filtered by the carrier' })],
    ])
  })

  it('refuses a status callback signed for the incoming URL, and acknowledges states it does not track', async () => {
    const sample = formBody('sms_status_callback.form.txt')
    expect((await post('/status', sample, sign(sample, HOOK))).status).toBe(403)
    const other = form({ MessageSid: SID, MessageStatus: 'partially_delivered' })
    expect((await post('/status', other, sign(other, `${HOOK}/status`))).status).toBe(200)
    expect(ingest).not.toHaveBeenCalled()
    expect(warn).toHaveBeenCalledWith({ status: 'partially_delivered' }, 'twilio: status callback ignored')
  })
})

describe('Twilio SMS sends and media', () => {
  let api: FakeTwilioApi
  let connector: ReturnType<typeof createTwilioSmsConnector>
  beforeAll(async () => {
    api = await startFakeTwilioApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })
    connector = createTwilioSmsConnector({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+48221234567', publicUrl: PUBLIC_URL, apiUrl: api.url, sendTimeoutMs: 300 })
  })
  afterAll(() => api.close())
  beforeEach(() => void api.calls.splice(0))
  const msg = (over: Partial<OutboundMessage> = {}): OutboundMessage => ({
    outboxId: 'o1', conversationId: 'c1', recipientId: '+48600100200', text: 'Dzień dobry, w czym możemy pomóc?', lastInboundAt: null, now: new Date(), ...over,
  })
  const leaks = (text: string) => text.includes(AUTH_TOKEN) || text.includes(Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64'))

  it('sends with Basic auth, the sender and a status callback, and returns the SID', async () => {
    const r = await connector.send(msg())
    expect(r).toEqual({ ok: true, providerId: expect.stringMatching(/^twilio:SM[0-9a-f]{32}$/) })
    expect(api.calls).toEqual([expect.objectContaining({
      kind: 'send', authOk: true, status: 201,
      params: { To: '+48600100200', From: '+48221234567', Body: 'Dzień dobry, w czym możemy pomóc?', StatusCallback: `${HOOK}/status` },
    })])
  })

  it('refuses for good a recipient who sent STOP (21610), with a reason staff understand', async () => {
    api.failNext(1, 400, 21610)
    const r = await connector.send(msg())
    expect(r).toMatchObject({ ok: false, retryable: false })
    expect(!r.ok && r.error).toContain('the recipient opted out (STOP)')
  })

  it.each([[500, undefined], [503, undefined], [429, undefined]])('retries a %i', async (status, code) => {
    api.failNext(1, status, code)
    expect(await connector.send(msg())).toMatchObject({ ok: false, retryable: true })
  })

  it('retries a send that got no answer in time', async () => {
    api.delayNext(1000)
    const r = await connector.send(msg())
    expect(r).toMatchObject({ ok: false, retryable: true })
    expect(!r.ok && r.error).toMatch(/no answer within 300 ms/)
  })

  it('gives up on wrong credentials without repeating them', async () => {
    const wrong = createTwilioSmsConnector({ accountSid: ACCOUNT_SID, authToken: 'wrong-token-value', from: '+48221234567', publicUrl: PUBLIC_URL, apiUrl: api.url })
    const r = await wrong.send(msg())
    expect(r).toMatchObject({ ok: false, retryable: false })
    expect(!r.ok && r.error).toContain('check TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN')
    expect(!r.ok && (r.error.includes('wrong-token-value') || leaks(r.error))).toBe(false)
  })

  it('refuses a recipient that is no phone number without calling Twilio, and retries when Twilio is unreachable', async () => {
    expect(await connector.send(msg({ recipientId: 'whatsapp:+48600100200' }))).toMatchObject({ ok: false, retryable: false })
    expect(api.calls).toEqual([])
    const down = createTwilioSmsConnector({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+48221234567', publicUrl: PUBLIC_URL, apiUrl: 'http://127.0.0.1:9' })
    const r = await down.send(msg())
    expect(r).toMatchObject({ ok: false, retryable: true })
    expect(!r.ok && leaks(r.error)).toBe(false)
  })

  it('fetches media with auth on the Media URL and none at the CDN it redirects to', async () => {
    const url = api.addMedia('cv.pdf', '%PDF-1.7 test', 'application/pdf')
    const r = await connector.fetchAttachment!(url, 1000)
    expect(r).toEqual({ ok: true, bytes: new Uint8Array(Buffer.from('%PDF-1.7 test')), contentType: 'application/pdf' })
    expect(api.calls.map((c) => [c.kind, c.status, c.authOk, c.authorizationSent])).toEqual([
      ['media', 307, true, true],
      ['cdn', 200, false, false],
    ])
  })

  it('refuses media over the cap, on a foreign host, or that is not a URL', async () => {
    const url = api.addMedia('big.jpg', Buffer.alloc(5000), 'image/jpeg')
    expect(await connector.fetchAttachment!(url, 1000)).toMatchObject({ ok: false, retryable: false })
    expect(await connector.fetchAttachment!('https://example.org/a.jpg', 1000)).toMatchObject({ ok: false, retryable: false })
    expect(await connector.fetchAttachment!('cat.jpg', 1000)).toMatchObject({ ok: false, retryable: false })
  })

  it('tries a missing Media URL again later (Twilio may call the webhook before the media has propagated)', async () => {
    const r = await connector.fetchAttachment!(`${api.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM${'0'.repeat(32)}/Media/ME${'0'.repeat(32)}`, 1000)
    expect(r).toMatchObject({ ok: false, retryable: true, error: 'HTTP 404' })
  })
})

describe('sendResult', () => {
  const twilioError = (status: number, code: number, message = 'x') => JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status })
  it.each([
    [201, JSON.stringify({ sid: SID, status: 'queued' }), { ok: true, providerId: `twilio:${SID}` }],
    [400, twilioError(400, 21610), { ok: false, retryable: false }],
    [400, twilioError(400, 21211), { ok: false, retryable: false }],
    [400, twilioError(400, 21614), { ok: false, retryable: false }],
    [401, twilioError(401, 20003), { ok: false, retryable: false }],
    [401, '<html>Unauthorized</html>', { ok: false, retryable: false }],
    [400, twilioError(400, 21606), { ok: false, retryable: false }],
    [429, twilioError(429, 20429), { ok: false, retryable: true }],
    [500, twilioError(500, 20500), { ok: false, retryable: true }],
    [502, '<html>Bad Gateway</html>', { ok: false, retryable: true }],
    [201, '{}', { ok: false, retryable: true }],
  ])('%i %s', (status, text, expected) => expect(sendResult(status, text)).toMatchObject(expected))

  it('says what to do about the common refusals', () => {
    const error = (code: number) => {
      const r = sendResult(400, twilioError(400, code, 'Twilio says'))
      return r.ok ? '' : r.error
    }
    expect(error(21610)).toBe('Twilio 400: the recipient opted out (STOP); they have to send START to receive messages again (Twilio error 21610: Twilio says)')
    expect(error(21211)).toContain('not a valid phone number')
    expect(error(20003)).toContain('check TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN')
  })
})
