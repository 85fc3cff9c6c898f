// The Messenger connector: its webhook through Hono's request() with signed bodies; its sends, attachment fetches
// and profile lookups against the fake Graph API in test/fakes. (Event shapes in detail: parse-webhook.test.ts.)
import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { OUTSIDE_WINDOW, startFakeMessengerApi, type FakeMessengerApi } from '../../test/fakes/messenger-api.ts'
import type { InboundEvent, InboundMessage, Ingest, OutboundMessage } from '../connector.ts'
import { createMessengerConnector, DEFAULT_GRAPH_API_URL, sendResult } from './messenger-connector.ts'

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
const fixtureJson = (name: string) => JSON.parse(fixture(name)) as Record<string, unknown>
const vectors = fixtureJson('meta_x_hub_signature_vectors.json') as {
  app_secret: string
  x_hub_signature_256: string
  unicode_trap: { raw_body_as_sent: string; signature_over_raw: string; reserialised_utf8_body: string; 'signature_over_reserialised (WRONG)': string }
}

const APP_SECRET = vectors.app_secret
const VERIFY_TOKEN = 'meatyhamhock'
const PSID = '1254459154682919'
const sign = (body: string | Buffer, secret = APP_SECRET) => 'sha256=' + createHmac('sha256', secret).update(body).digest('hex')
const envelope = (...entries: object[]) => JSON.stringify({ object: 'page', entry: entries })
const entry = (id: number | string, ...messaging: object[]) => ({ id, time: 1700000000123, messaging })
const textEvent = (mid: string, text: string, timestamp: number | string = 1700000000000, sender = PSID) => ({
  sender: { id: sender }, recipient: { id: '111111' }, timestamp, message: { mid, text },
})

describe('Messenger webhook verification (GET)', () => {
  const connector = createMessengerConnector({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, pageAccessToken: 'x', apiUrl: 'http://127.0.0.1:9' })
  const app = connector.routes!(vi.fn())

  it('echoes hub.challenge as text/plain for the sample verification request', async () => {
    // fixtures/verification_request.http.txt
    const sample = fixture('verification_request.http.txt').split('\n')[0]!.replace(/^GET \S+?\/webhooks/, '')
    const res = await app.request(sample)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await res.text()).toBe('1158201444')
  })

  it.each([
    ['a wrong token', '?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhocK'],
    ['a longer token', '?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock2'],
    ['no token', '?hub.mode=subscribe&hub.challenge=1158201444'],
    ['another mode', '?hub.mode=unsubscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock'],
    ['no challenge', '?hub.mode=subscribe&hub.verify_token=meatyhamhock'],
    ['no parameters', ''],
  ])('answers 403 to %s', async (_, query) => {
    const res = await app.request('/' + query)
    expect(res.status).toBe(403)
    expect(await res.text()).not.toContain('1158201444')
  })
})

describe('Messenger webhook (POST)', () => {
  const warn = vi.fn()
  const connector = createMessengerConnector({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, pageAccessToken: 'x', apiUrl: 'http://127.0.0.1:9', log: { warn } })
  let ingested: InboundEvent[][]
  let ingest: ReturnType<typeof vi.fn<Ingest>>
  beforeEach(() => {
    ingested = []
    warn.mockClear()
    ingest = vi.fn<Ingest>(async (events) => void ingested.push([...events]))
  })
  /** The batch's messages (most tests send only messages). */
  const messages = (batch: InboundEvent[] | undefined) => (batch ?? []).filter((e): e is InboundMessage => e.kind === 'message')
  const post = (body: string | Buffer, signature: string | null = sign(body)) =>
    connector.routes!(ingest).request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'X-Hub-Signature-256': signature }) },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    })

  it('accepts the sample envelope with the sample signature (its exact bytes) and ingests it', async () => {
    const raw = fixture('text_message.envelope.legacy.json')
    expect(sign(raw)).toBe(vectors.x_hub_signature_256)
    const res = await post(raw, vectors.x_hub_signature_256)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await res.text()).toBe('EVENT_RECEIVED')
    expect(ingested).toEqual([[{
      kind: 'message',
      channel: 'messenger',
      senderId: 'USER_ID',
      senderName: null,
      externalId: 'messenger:mid.1457764197618:41d102a3e1ae206a38',
      text: 'hello, world!',
      sentAt: new Date(1457764197627),
    }]])
  })

  it('verifies the signature over the raw bytes with unicode escapes, not over re-serialised JSON', async () => {
    const trap = vectors.unicode_trap
    const ok = await post(trap.raw_body_as_sent, trap.signature_over_raw)
    expect([ok.status, await ok.text()]).toEqual([200, 'EVENT_RECEIVED'])
    // The same content signed as re-serialised UTF-8 JSON does not match the bytes that were sent.
    const wrong = await post(trap.raw_body_as_sent, trap['signature_over_reserialised (WRONG)'])
    expect(wrong.status).toBe(401)
    // That vector's event has no sender; one that has is ingested with the decoded text.
    const raw = '{"object":"page","entry":[{"id":"1","time":1,"messaging":[{"sender":{"id":"' + PSID + '"},"timestamp":1700000000000,"message":{"mid":"m_1","text":"\\u00e4\\u00f6\\u00e5 \\u017c\\u00f3\\u0142w \\u0105\\u0119"}}]}]}'
    expect((await post(raw)).status).toBe(200)
    expect((await post(raw, sign(JSON.stringify(JSON.parse(raw))))).status).toBe(401)
    expect(ingested).toEqual([[expect.objectContaining({ externalId: 'messenger:m_1', text: 'äöå żółw ąę' })]])
  })

  it.each([
    ['missing', null],
    ['wrong', sign('{"object":"page","entry":[]}')],
    ['signed with another secret', 'other'],
    ['sha1 only', 'sha1=4b86b84bc97c3e846830a61a93dd65b2af2a102f'],
    ['truncated', vectors.x_hub_signature_256.slice(0, -2)],
    ['without prefix', vectors.x_hub_signature_256.slice('sha256='.length)],
  ])('rejects a %s signature with 401, calling no ingest', async (_, signature) => {
    const raw = fixture('text_message.envelope.legacy.json')
    const res = await post(raw, signature === 'other' ? sign(raw, 'another secret') : signature)
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } })
    expect(ingest).not.toHaveBeenCalled()
  })

  it('ingests a batch of two entries and several events in one call, in order; entry.id as number and string', async () => {
    const body = envelope(
      entry(682498302938465, textEvent('m_a', 'pierwsza'), textEvent('m_b', 'druga', 1700000001000)),
      entry('682498302938465',
        { sender: { id: PSID }, recipient: { id: '682498302938465' }, delivery: { mids: ['m_x'], watermark: 1700000000000 } },
        textEvent('m_c', 'trzecia', 1700000002000, '9007199254740993123'),
      ),
    )
    expect((await post(body)).status).toBe(200)
    expect(ingest).toHaveBeenCalledTimes(1)
    expect(ingested[0]!.map((e) => (e.kind === 'message' ? [e.externalId, e.text, e.senderId] : [e.kind, e.kind === 'receipt' ? e.senderId : null]))).toEqual([
      ['messenger:m_a', 'pierwsza', PSID],
      ['messenger:m_b', 'druga', PSID],
      ['receipt', PSID],
      ['messenger:m_c', 'trzecia', '9007199254740993123'],
    ])
  })

  it('keeps numeric ids beyond 2^53 exact', async () => {
    const body = '{"object":"page","entry":[{"id":90071992547409931,"time":1700000000000,"messaging":[{"sender":{"id":90071992547409937},"recipient":{"id":90071992547409931},"timestamp":1700000000000,"message":{"mid":"m_big","text":"12345678901234567890"}}]}]}'
    expect((await post(body)).status).toBe(200)
    expect(ingested[0]?.[0]).toMatchObject({ senderId: '90071992547409937', text: '12345678901234567890' })
  })

  it('reads timestamps in milliseconds and in seconds (numbers or strings), falling back to entry.time', async () => {
    const noTimestamp = { sender: { id: PSID }, recipient: { id: '1' }, message: { mid: 'm_4', text: 'd' } }
    const body = envelope(entry(1,
      textEvent('m_1', 'a', 1527459824123),
      textEvent('m_2', 'b', 1527459824),
      textEvent('m_3', 'c', '1527459824'),
      noTimestamp,
    ))
    expect((await post(body)).status).toBe(200)
    expect(messages(ingested[0]).map((m) => m.sentAt.toISOString())).toEqual([
      '2018-05-27T22:23:44.123Z', '2018-05-27T22:23:44.000Z', '2018-05-27T22:23:44.000Z', new Date(1700000000123).toISOString(),
    ])
  })

  it('ingests attachments as data, with the person’s text (or none)', async () => {
    const body = envelope(entry(1,
      { sender: { id: PSID }, timestamp: 1700000000000, message: { mid: 'm_pdf', attachments: [{ type: 'file', payload: { url: 'https://cdn.fbsbx.com/v/t59/CV.pdf' } }] } },
      { sender: { id: PSID }, timestamp: 1700000000000, message: { mid: 'm_loc', text: 'Tu jestem', attachments: [{ type: 'location', payload: { coordinates: { lat: 52.2297, long: 21.0122 } } }] } },
    ))
    expect((await post(body)).status).toBe(200)
    expect(messages(ingested[0]).map((m) => [m.externalId, m.text, m.attachments])).toEqual([
      ['messenger:m_pdf', '', [{ kind: 'file', name: null, contentType: null, size: null, ref: 'https://cdn.fbsbx.com/v/t59/CV.pdf' }]],
      ['messenger:m_loc', 'Tu jestem', [{ kind: 'location', name: null, contentType: null, size: null, ref: null, location: { lat: 52.2297, long: 21.0122 } }]],
    ])
  })

  it('ingests quick replies, replies and postbacks with their button and reply reference', async () => {
    const quick = fixtureJson('message_text.docs.json')
    const reply = fixtureJson('message_reply.docs.json')
    expect((await post(envelope(entry('1', quick, reply)))).status).toBe(200)
    expect((await post(fixture('postback.envelope.legacy.json'))).status).toBe(200)
    expect(ingested.map((batch) => messages(batch).map((m) => [m.externalId, m.text, m.button ?? null, m.replyTo ?? null]))).toEqual([
      [
        ['messenger:mid.1457764197618:41d102a3e1ae206a38', 'hello, world!', { kind: 'quick_reply', payload: '<DEVELOPER_DEFINED_PAYLOAD>' }, null],
        ['messenger:m_1457764197618:41d102a3e1ae206a38', 'hello, world!', null, 'messenger:m_1fTq8oLumEyIp3Q2MR-aY7IfLZDamVrALniheU'],
      ],
      [['messenger:postback:USER_ID:1458692752478', '', { kind: 'postback', payload: 'USER_DEFINED_PAYLOAD' }, null]],
    ])
  })

  it('ingests echoes, receipts and edits in the same call; standby and reactions are skipped without a warning', async () => {
    const echo = { sender: { id: '111111' }, recipient: { id: PSID }, timestamp: 1457764197627, message: { is_echo: true, app_id: 1517776481860111, metadata: 'hub:o1', mid: 'mid.1457764197618:41d102a3e1ae206a38', text: 'Dzień dobry' } }
    const edit = { sender: { id: PSID }, recipient: { id: '111111' }, timestamp: 1458668856463, message_edit: { mid: 'm_orig', text: 'poprawione', num_edit: 1 } }
    const reaction = { sender: { id: PSID }, recipient: { id: '111111' }, timestamp: 1458668856463, reaction: { mid: 'm_orig', action: 'react', emoji: '👍' } }
    expect((await post(envelope(entry(1, echo, fixtureJson('read.docs.json'), fixtureJson('delivery.docs.json'), edit, reaction))))).toHaveProperty('status', 200)
    expect(ingested).toEqual([[
      { kind: 'echo', channel: 'messenger', recipientId: PSID, externalId: 'messenger:mid.1457764197618:41d102a3e1ae206a38', outboxId: 'o1', text: 'Dzień dobry', sentAt: new Date(1457764197627) },
      { kind: 'receipt', channel: 'messenger', senderId: '<PSID>', state: 'read', watermark: new Date(1458668856253), at: new Date(1458668856253) },
      { kind: 'receipt', channel: 'messenger', senderId: '<PSID>', state: 'delivered', watermark: new Date(1458668856253), at: new Date(1458668856253), externalIds: ['messenger:mid.1458668856218:ed81099e15d3f4f233'] },
      { kind: 'edit', channel: 'messenger', senderId: PSID, target: 'messenger:m_orig', externalId: 'messenger:edit:m_orig:1', text: 'poprawione', editedAt: new Date(1458668856463) },
    ]])
    const standby = await post(fixture('echo.standby.envelope.docs.json'))
    expect([standby.status, await standby.text()]).toEqual([200, 'EVENT_RECEIVED'])
    expect(ingest).toHaveBeenCalledTimes(1)
    expect(warn).not.toHaveBeenCalled()
  })

  it('ingests the good events of a batch and logs (without content) the malformed ones', async () => {
    const body = envelope(entry(1,
      { sender: { user_ref: 'USER-REF-ID' }, timestamp: 1700000000000, postback: { mid: 'm_ref', title: 'x' } },
      { sender: { id: PSID }, timestamp: 1700000000000, message: { text: 'no mid' } },
      textEvent('m_ok', 'ok'),
    ))
    expect((await post(body)).status).toBe(200)
    expect(messages(ingested[0]).map((m) => m.externalId)).toEqual(['messenger:m_ok'])
    expect(warn).toHaveBeenCalledTimes(1)
    expect(JSON.stringify(warn.mock.calls[0])).not.toContain('no mid')
  })

  it('answers 200 only after the ingest resolved, and 500 when it fails', async () => {
    let resolveIngest!: () => void
    ingest.mockImplementationOnce(async (events) => {
      ingested.push([...events])
      await new Promise<void>((r) => (resolveIngest = r))
    })
    const raw = fixture('text_message.envelope.legacy.json')
    const pending = Promise.resolve(post(raw))
    await vi.waitFor(() => expect(ingest).toHaveBeenCalled())
    let answered = false
    void pending.then(() => (answered = true))
    await new Promise((r) => setTimeout(r, 20))
    expect(answered).toBe(false)
    resolveIngest()
    expect((await pending).status).toBe(200)

    ingest.mockRejectedValueOnce(new Error('database down'))
    const failed = await post(raw)
    expect(failed.status).toBe(500)
    expect(await failed.json()).toMatchObject({ error: { code: 'internal' } })
  })

  it('answers 400 to bad JSON, invalid UTF-8 or an envelope without entries; 200 (nothing stored) to another object', async () => {
    expect((await post('{"object":"page","entry":')).status).toBe(400)
    expect((await post(Buffer.from([0x7b, 0xff, 0x7d]))).status).toBe(400)
    expect((await post('{"object":"page"}')).status).toBe(400)
    expect((await post('[1,2]')).status).toBe(400)
    const instagram = await post('{"object":"instagram","entry":[{"id":"1","time":1,"messaging":[]}]}')
    expect([instagram.status, await instagram.text()]).toEqual([200, 'EVENT_RECEIVED'])
    expect(warn).toHaveBeenCalledWith({ object: 'instagram' }, expect.any(String))
    expect(ingest).not.toHaveBeenCalled()
  })

  it('answers 413 to a body over 1 MB, and 401 first when it carries no signature', async () => {
    const big = envelope(entry(1, textEvent('m_big', 'x'.repeat(1024 * 1024))))
    expect((await post(big)).status).toBe(413)
    expect((await post(big, null)).status).toBe(401)
    expect(ingest).not.toHaveBeenCalled()
  })
})

describe('Messenger send', () => {
  let api: FakeMessengerApi
  let connector: ReturnType<typeof createMessengerConnector>
  const now = new Date('2026-03-02T12:00:00Z')
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000)
  const msg: OutboundMessage = { outboxId: 'o1', conversationId: 'c1', recipientId: PSID, text: 'Dzień dobry, w czym mogę pomóc?', lastInboundAt: hoursAgo(2), now }
  beforeAll(async () => {
    api = await startFakeMessengerApi()
    connector = createMessengerConnector({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, pageAccessToken: api.token, apiUrl: api.url })
  })
  afterAll(() => api.close())
  beforeEach(() => void api.calls.splice(0))

  it('defaults to a current versioned Graph API root', () => {
    expect(DEFAULT_GRAPH_API_URL).toMatch(/^https:\/\/graph\.facebook\.com\/v\d+\.0$/)
  })

  it('sends a RESPONSE within 24 hours, with the outbox id as metadata, and returns the message id', async () => {
    expect(await connector.send(msg)).toEqual({ ok: true, providerId: 'messenger:m_1' })
    expect(await connector.send({ ...msg, outboxId: 'o2', lastInboundAt: hoursAgo(23.9) })).toMatchObject({ ok: true })
    expect(api.calls).toEqual([
      {
        method: 'POST', path: '/me/messages', token: api.token, tokenIn: 'header', status: 200,
        params: { recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: msg.text, metadata: 'hub:o1' } },
      },
      expect.objectContaining({ params: { recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: msg.text, metadata: 'hub:o2' } } }),
    ])
  })

  it('offers choices as quick replies (a survey question)', async () => {
    expect(await connector.send({ ...msg, choices: ['1', '2', '3', '4', '5'] })).toMatchObject({ ok: true })
    const message = (api.calls.at(-1)?.params as { message: { quick_replies: { content_type: string; title: string; payload: string }[] } }).message
    expect(message.quick_replies.map((q) => [q.content_type, q.title, q.payload])).toEqual(['1', '2', '3', '4', '5'].map((c) => ['text', c, c]))
  })

  it('sends with the HUMAN_AGENT tag between 24 hours and 7 days after the person’s last message', async () => {
    for (const h of [24, 6 * 24, 7 * 24 - 0.01]) expect(await connector.send({ ...msg, lastInboundAt: hoursAgo(h) })).toMatchObject({ ok: true })
    expect(api.calls.map((c) => c.params)).toEqual(Array(3).fill({
      recipient: { id: PSID }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: msg.text, metadata: 'hub:o1' },
    }))
  })

  it('refuses, without calling Meta, a send 7 days after the last message or to someone who never wrote', async () => {
    for (const lastInboundAt of [hoursAgo(7 * 24), hoursAgo(30 * 24), null]) {
      const result = await connector.send({ ...msg, lastInboundAt })
      expect(result).toEqual({ ok: false, retryable: false, error: expect.stringMatching(/^Messenger: outside the reply window/) })
    }
    expect(api.calls).toEqual([])
  })

  it('names the Human Agent permission when Meta refuses a tagged send as outside the window', async () => {
    api.failNext(1, 400, OUTSIDE_WINDOW)
    const result = await connector.send({ ...msg, lastInboundAt: hoursAgo(48) })
    expect(result).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('Human Agent permission') })
  })

  it.each([[500], [503], [429]])('reports a %i as retryable', async (status) => {
    api.failNext(1, status)
    expect(await connector.send(msg)).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining(`Messenger ${status}`) })
    expect(await connector.send(msg)).toMatchObject({ ok: true })
  })

  it('reports a rate limit answered as HTTP 400 (Graph code 613) as retryable', async () => {
    api.failNext(1, 400, { code: 613, error_subcode: undefined, message: '(#613) Calls to this API have exceeded the rate limit.' })
    expect(await connector.send(msg)).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('613') })
  })

  it('reports a send outside the 24-hour window as final, with a clear reason', async () => {
    api.failNext(1, 400, OUTSIDE_WINDOW)
    const result = await connector.send(msg)
    expect(result).toMatchObject({ ok: false, retryable: false })
    expect(result.ok ? '' : result.error).toMatch(/outside the 24-hour messaging window.*Graph 10\/2018278/)
    expect(result.ok ? '' : result.error).not.toContain('Human Agent')
  })

  it.each([[400, 'No matching user found'], [403, '(#200)']])('reports a %i as final', async (status, text) => {
    api.failNext(1, status)
    expect(await connector.send(msg)).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining(text) })
  })

  it('reports a wrong token as final and an unreachable or slow API as retryable, never showing the token', async () => {
    const token = 'EAAsecretPageToken987'
    const wrong = createMessengerConnector({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, pageAccessToken: token, apiUrl: api.url })
    const refused = await wrong.send(msg)
    expect(refused).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('MESSENGER_PAGE_ACCESS_TOKEN') })
    expect(api.calls.at(-1)?.token).toBe(token)
    const down = createMessengerConnector({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, pageAccessToken: token, apiUrl: 'http://127.0.0.1:9/v25.0' })
    const unreachable = await down.send(msg)
    expect(unreachable).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('unreachable') })
    for (const result of [refused, unreachable]) expect(JSON.stringify(result)).not.toContain(token)
  })

  it('times out a send that gets no answer, as retryable', async () => {
    const { createServer } = await import('node:http')
    const silent = createServer(() => {})
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    const port = (silent.address() as { port: number }).port
    const slow = createMessengerConnector({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, pageAccessToken: 'EAAtok', apiUrl: `http://127.0.0.1:${port}`, sendTimeoutMs: 100 })
    expect(await slow.send(msg)).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('no answer within 100 ms') })
    silent.closeAllConnections()
    await new Promise((r) => silent.close(r))
  })

  it('strips the token from a Graph error text that repeats it', async () => {
    api.failNext(1, 400, { code: 100, message: `(#100) Bad parameter near access_token=${api.token}&x=1 and ${api.token}` })
    const result = await connector.send(msg)
    expect(result).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('[REDACTED]') })
    expect(JSON.stringify(result)).not.toContain(api.token)
  })

  it('classifies answers without a usable Graph error', () => {
    expect(sendResult(502, '<html>Bad Gateway</html>')).toMatchObject({ ok: false, retryable: true })
    expect(sendResult(200, '{"recipient_id":"1"}')).toMatchObject({ ok: false, retryable: true })
    expect(sendResult(400, '{"error":{"code":1,"error_subcode":99,"message":"An unknown error occurred"}}')).toMatchObject({ ok: false, retryable: false })
    expect(sendResult(400, '{"error":{"code":551,"message":"This person isn\'t available right now."}}')).toMatchObject({ ok: false, retryable: false })
  })
})

describe('Messenger attachments and profiles', () => {
  let api: FakeMessengerApi
  let connector: ReturnType<typeof createMessengerConnector>
  const warn = vi.fn()
  beforeAll(async () => {
    api = await startFakeMessengerApi()
    connector = createMessengerConnector({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, pageAccessToken: api.token, apiUrl: api.url, log: { warn } })
  })
  afterAll(() => api.close())
  beforeEach(() => {
    api.calls.splice(0)
    warn.mockClear()
  })

  it('fetches an attachment’s bytes from its URL, sending no token', async () => {
    const url = api.addMedia('zdjecie.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 'image/jpeg')
    const result = await connector.fetchAttachment!(url, 1000)
    expect(result).toEqual({ ok: true, bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), contentType: 'image/jpeg' })
    expect(api.calls).toEqual([{ method: 'GET', path: '/media/zdjecie.jpg', token: null, tokenIn: null, params: {}, status: 200 }])
  })

  it('refuses a body over the cap, and reports a missing one as final', async () => {
    const url = api.addMedia('film.mp4', Buffer.alloc(5000), 'video/mp4')
    expect(await connector.fetchAttachment!(url, 4999)).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('larger than 4999') })
    expect(await connector.fetchAttachment!(url.replace('film.mp4', 'brak.mp4'), 4999)).toMatchObject({ ok: false, retryable: false, error: 'HTTP 404' })
  })

  it('refuses hosts that are not Meta’s, and plain http to Meta’s hosts, without any request', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    for (const ref of ['https://example.org/a.jpg', 'https://fbcdn.net.example.org/a.jpg', 'http://scontent.xx.fbcdn.net/a.jpg', 'file:///etc/passwd', 'nie-url']) {
      expect(await connector.fetchAttachment!(ref, 1000), ref).toMatchObject({ ok: false, retryable: false })
    }
    expect(fetchSpy).not.toHaveBeenCalled()
    fetchSpy.mockRestore()
    // With the default Graph root, a local address is no Meta host either (the fake's host is only trusted when
    // apiUrl names it).
    const real = createMessengerConnector({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, pageAccessToken: api.token })
    expect(await real.fetchAttachment!(api.addMedia('x.png', 'x', 'image/png'), 1000)).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('127.0.0.1') })
    expect(api.calls).toEqual([])
  })

  it('trusts the extra media hosts it is given', async () => {
    const url = api.addMedia('plik.pdf', '%PDF-1.7', 'application/pdf')
    const viaProxy = createMessengerConnector({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, pageAccessToken: api.token, mediaHosts: ['127.0.0.1'] })
    expect(await viaProxy.fetchAttachment!(url, 1000)).toMatchObject({ ok: true, contentType: 'application/pdf' })
  })

  it('reads the person’s name from the User Profile API with the page token', async () => {
    api.setProfile(PSID, 'Anna', 'Kowalska-Nowak')
    api.setProfile('42', '  Jan ', '')
    expect(await connector.profileName!(PSID)).toBe('Anna Kowalska-Nowak')
    expect(await connector.profileName!('42')).toBe('Jan')
    expect(api.calls[0]).toEqual({ method: 'GET', path: `/${PSID}`, token: api.token, tokenIn: 'header', params: { fields: 'first_name,last_name' }, status: 200 })
  })

  it('answers null, never throwing or logging the token, for an unknown person, a Graph error or no answer', async () => {
    expect(await connector.profileName!('999')).toBeNull()
    expect(api.calls.at(-1)).toMatchObject({ path: '/999', status: 400 })
    api.setProfile(PSID, 'Anna', 'Kowalska')
    api.failNext(1, 500)
    expect(await connector.profileName!(PSID)).toBeNull()
    const wrongToken = createMessengerConnector({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, pageAccessToken: 'EAAsecretPageToken987', apiUrl: api.url, log: { warn } })
    expect(await wrongToken.profileName!(PSID)).toBeNull()
    const down = createMessengerConnector({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, pageAccessToken: 'EAAsecretPageToken987', apiUrl: 'http://127.0.0.1:9/v25.0', log: { warn } })
    expect(await down.profileName!(PSID)).toBeNull()
    expect(warn).toHaveBeenCalledTimes(4)
    expect(JSON.stringify(warn.mock.calls)).not.toContain('EAAsecretPageToken987')
    expect(JSON.stringify(warn.mock.calls)).not.toContain(api.token)
  })

  it('escapes the PSID into the path', async () => {
    expect(await connector.profileName!('../me/messages')).toBeNull()
    expect(api.calls.at(-1)).toMatchObject({ method: 'GET', path: '/..%2Fme%2Fmessages' })
  })
})
