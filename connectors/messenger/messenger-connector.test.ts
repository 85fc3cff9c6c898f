// The Messenger connector: its webhook through Hono's request() with signed bodies, its sends against the fake
// Graph API in test/fakes.
import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { OUTSIDE_WINDOW, startFakeMessengerApi, type FakeMessengerApi } from '../../test/fakes/messenger-api.ts'
import type { InboundMessage, Ingest } from '../connector.ts'
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
  let ingested: InboundMessage[][]
  let ingest: Ingest & ReturnType<typeof vi.fn>
  beforeEach(() => {
    ingested = []
    warn.mockClear()
    ingest = vi.fn(async (messages: readonly InboundMessage[]) => void ingested.push([...messages]))
  })
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
    const raw = '{"object":"page","entry":[{"id":"1","time":1,"messaging":[{"sender":{"id":"' + PSID + '"},"timestamp":1700000000000,"message":{"mid":"m_1","text":"\\u00e4\\u00f6\\u00e5 \\u017c\\u00f3\\u0142w"}}]}]}'
    expect((await post(raw)).status).toBe(200)
    expect((await post(raw, sign(JSON.stringify(JSON.parse(raw))))).status).toBe(401)
    expect(ingested).toEqual([[expect.objectContaining({ externalId: 'messenger:m_1', text: 'äöå żółw' })]])
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
    expect(ingested[0]!.map((m) => [m.externalId, m.text, m.senderId])).toEqual([
      ['messenger:m_a', 'pierwsza', PSID],
      ['messenger:m_b', 'druga', PSID],
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
    expect(ingested[0]!.map((m) => m.sentAt.toISOString())).toEqual([
      '2018-05-27T22:23:44.123Z', '2018-05-27T22:23:44.000Z', '2018-05-27T22:23:44.000Z', new Date(1700000000123).toISOString(),
    ])
  })

  it('turns attachments into placeholder lines with their URL, after any text', async () => {
    const attachmentEntry = fixtureJson('message_attachment.entry.docs.json') as { messaging: [{ message: { attachments: [{ type: string }] } }] }
    attachmentEntry.messaging[0].message.attachments[0].type = 'image'
    const att = (type: string, payload: object) => ({ type, payload })
    const body = envelope(
      attachmentEntry,
      entry(1,
        { sender: { id: PSID }, timestamp: 1700000000000, message: { mid: 'm_many', attachments: [
          att('file', { url: 'https://cdn.fbsbx.com/v/t59/CV.pdf' }),
          att('audio', { url: 'https://cdn.fbsbx.com/v/audioclip.mp4' }),
          att('video', { url: 'https://video.xx.fbcdn.net/v/clip.mp4' }),
          att('location', { coordinates: { lat: 52.2297, long: 21.0122 } }),
          { type: 'fallback', title: 'Oferta pracy', url: 'https://example.org/oferta', payload: null },
        ] } },
        { sender: { id: PSID }, timestamp: 1700000000000, message: { mid: 'm_text_and_image', text: 'Moje zaświadczenie', attachments: [att('image', { url: 'https://scontent.xx.fbcdn.net/a.jpg' })] } },
        { sender: { id: PSID }, timestamp: 1700000000000, message: { mid: 'm_sticker', attachments: [att('sticker', { sticker_id: 369239263222822, url: 'https://scontent.xx.fbcdn.net/s.png' }), att('image', { sticker_id: 369239263222822, url: 'https://scontent.xx.fbcdn.net/s.png' })] } },
      ),
    )
    expect((await post(body)).status).toBe(200)
    expect(ingested[0]!.map((m) => [m.externalId, m.text, m.senderId])).toEqual([
      ['messenger:mid.$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c', '[obraz] <ATTACHMENT_URL>', '<PSID>'],
      ['messenger:m_many', [
        '[plik] https://cdn.fbsbx.com/v/t59/CV.pdf',
        '[nagranie] https://cdn.fbsbx.com/v/audioclip.mp4',
        '[wideo] https://video.xx.fbcdn.net/v/clip.mp4',
        '[lokalizacja] 52.2297,21.0122',
        '[link] Oferta pracy https://example.org/oferta',
      ].join('\n'), PSID],
      ['messenger:m_text_and_image', 'Moje zaświadczenie\n[obraz] https://scontent.xx.fbcdn.net/a.jpg', PSID],
      ['messenger:m_sticker', '[naklejka] https://scontent.xx.fbcdn.net/s.png', PSID],
    ])
  })

  it('takes the text of a quick reply and of a reply, ignoring the payload and reply_to', async () => {
    const quick = fixtureJson('message_text.docs.json')
    const reply = fixtureJson('message_reply.docs.json')
    expect((await post(envelope(entry('1', quick, reply)))).status).toBe(200)
    expect(ingested[0]).toEqual([
      { channel: 'messenger', senderId: '<PSID>', senderName: null, externalId: 'messenger:mid.1457764197618:41d102a3e1ae206a38', text: 'hello, world!', sentAt: new Date(1458692752478) },
      { channel: 'messenger', senderId: '<PSID>', senderName: null, externalId: 'messenger:m_1457764197618:41d102a3e1ae206a38', text: 'hello, world!', sentAt: new Date(1458692752478) },
    ])
  })

  it('ingests postbacks: the title as text, keyed on postback.mid, else on sender and timestamp', async () => {
    const withMid = { ...fixtureJson('postback.docs.json'), sender: { id: PSID } }
    const legacy = fixture('postback.envelope.legacy.json')
    expect((await post(envelope(entry(1, withMid)))).status).toBe(200)
    expect((await post(legacy)).status).toBe(200)
    const seconds = { sender: { id: PSID }, recipient: { id: '1' }, timestamp: '1527459824', postback: { title: 'Zarejestruj się', payload: 'REGISTER' } }
    expect((await post(envelope(entry(1, seconds)))).status).toBe(200)
    expect(ingested.map((batch) => batch.map((m) => [m.externalId, m.text, m.sentAt.getTime()]))).toEqual([
      [['messenger:m_1457764197618:41d102a3e1ae206a38', 'TITLE-FOR-THE-CTA', 1458692752478]],
      [['messenger:postback:USER_ID:1458692752478', '[przycisk: USER_DEFINED_PAYLOAD]', 1458692752478]],
      [[`messenger:postback:${PSID}:1527459824000`, 'Zarejestruj się', 1527459824000]],
    ])
  })

  it('ignores echoes, deliveries, reads and standby events without calling ingest, still answering 200', async () => {
    const echo = { sender: { id: '111111' }, recipient: { id: PSID }, timestamp: 1457764197627, message: { is_echo: true, app_id: 1517776481860111, metadata: 'outbox:o1', mid: 'mid.1457764197618:41d102a3e1ae206a38', text: 'Dzień dobry' } }
    for (const body of [
      envelope(entry(1, echo)),
      fixture('delivery.envelope.legacy.json'),
      envelope(entry(1, fixtureJson('read.docs.json'), fixtureJson('delivery.docs.json'))),
      fixture('echo.standby.envelope.docs.json'),
    ]) {
      const res = await post(body)
      expect([res.status, await res.text()]).toEqual([200, 'EVENT_RECEIVED'])
    }
    expect(ingest).not.toHaveBeenCalled()
    expect(warn).not.toHaveBeenCalled()
  })

  it('ingests the good events of a batch and logs (without content) the malformed ones', async () => {
    const body = envelope(entry(1,
      { sender: { user_ref: 'USER-REF-ID' }, timestamp: 1700000000000, postback: { mid: 'm_ref', title: 'x' } },
      { sender: { id: PSID }, timestamp: 1700000000000, message: { text: 'no mid' } },
      textEvent('m_ok', 'ok'),
    ))
    expect((await post(body)).status).toBe(200)
    expect(ingested[0]!.map((m) => m.externalId)).toEqual(['messenger:m_ok'])
    expect(warn).toHaveBeenCalledTimes(1)
    expect(JSON.stringify(warn.mock.calls[0])).not.toContain('no mid')
  })

  it('answers 200 only after the ingest resolved, and 500 when it fails', async () => {
    let resolveIngest!: () => void
    ingest.mockImplementationOnce(async (messages: readonly InboundMessage[]) => {
      ingested.push([...messages])
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
  const msg = { outboxId: 'o1', conversationId: 'c1', recipientId: PSID, text: 'Dzień dobry, w czym mogę pomóc?' }
  beforeAll(async () => {
    api = await startFakeMessengerApi()
    connector = createMessengerConnector({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, pageAccessToken: api.token, apiUrl: api.url })
  })
  afterAll(() => api.close())
  beforeEach(() => void api.calls.splice(0))

  it('defaults to a current versioned Graph API root', () => {
    expect(DEFAULT_GRAPH_API_URL).toMatch(/^https:\/\/graph\.facebook\.com\/v\d+\.0$/)
  })

  it('sends a RESPONSE to the PSID and returns the message id', async () => {
    expect(await connector.send(msg)).toEqual({ ok: true, providerId: 'messenger:m_1' })
    expect(api.calls).toEqual([{
      method: 'POST', path: '/me/messages', token: api.token, tokenIn: 'header', status: 200,
      params: { recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: msg.text } },
    }])
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
