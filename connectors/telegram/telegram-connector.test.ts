// The Telegram connector: its webhook through Hono's request(), its sends, callback answers and file downloads
// against the fake Bot API in test/fakes.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { startFakeTelegramApi, type FakeTelegramApi } from '../../test/fakes/telegram-api.ts'
import type { InboundEvent, Ingest } from '../connector.ts'
import { createTelegramConnector } from './telegram-connector.ts'

const SECRET = 'webhook-secret_0123456789'
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')

describe('Telegram webhook', () => {
  const connector = createTelegramConnector({ botToken: '1:token', webhookSecret: SECRET, apiUrl: 'http://127.0.0.1:9' })
  let ingested: InboundEvent[][]
  let ingest: Ingest & ReturnType<typeof vi.fn<Ingest>>
  beforeEach(() => {
    ingested = []
    ingest = vi.fn(async (events: readonly InboundEvent[]) => void ingested.push([...events]))
  })
  const post = (body: string, secret: string | null = SECRET) =>
    connector.routes!(ingest).request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'X-Telegram-Bot-Api-Secret-Token': secret }) },
      body,
    })

  it.each([
    ['missing', null],
    ['wrong', 'webhook-secret_0123456788'],
    ['longer', SECRET + 'x'],
    ['empty', ''],
  ])('rejects a %s secret with 401 before parsing, storing nothing', async (_, secret) => {
    const res = await post('not even json', secret)
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } })
    expect(ingest).not.toHaveBeenCalled()
  })

  it('ingests the sample text update and answers 200 after the ingest resolved', async () => {
    let resolveIngest!: () => void
    ingest.mockImplementationOnce(async (events: readonly InboundEvent[]) => {
      ingested.push([...events])
      await new Promise<void>((r) => (resolveIngest = r))
    })
    const pending = Promise.resolve(post(fixture('update_text_message')))
    await vi.waitFor(() => expect(ingest).toHaveBeenCalled())
    let answered = false
    void pending.then(() => (answered = true))
    await new Promise((r) => setTimeout(r, 20))
    expect(answered).toBe(false)
    resolveIngest()
    const res = await pending
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
    expect(ingested).toEqual([[{
      kind: 'message',
      channel: 'telegram',
      senderId: '1111111',
      senderName: 'Test Firstname Test Lastname',
      externalId: 'telegram:10000',
      ref: 'telegram:1111111:1365',
      text: '/start',
      sentAt: new Date(1441645532 * 1000),
    }]])
  })

  it('keeps ids beyond 2^32 and 2^53 exact, and digits inside the text untouched', async () => {
    expect((await post(fixture('update_big_ids'))).status).toBe(200)
    expect(ingested[0]?.[0]).toMatchObject({
      externalId: 'telegram:9007199254740993',
      senderId: '4294967297',
      ref: 'telegram:4294967297:7',
      text: 'Id "9007199254740993" w tekście, i liczba 12345678901234567890',
    })
    const huge = '{"update_id":4294967296,"message":{"message_id":1,"date":1700000000,"chat":{"id":18014398509481985,"type":"private"},"from":{"id":18014398509481985,"username":"big"},"text":"x"}}'
    expect((await post(huge)).status).toBe(200)
    expect(ingested[1]?.[0]).toMatchObject({ externalId: 'telegram:4294967296', senderId: '18014398509481985', senderName: 'big', ref: 'telegram:18014398509481985:1' })
  })

  it('ingests photos and documents as attachments, with the caption or an empty text', async () => {
    await post(fixture('update_photo_sizes'))
    await post(fixture('update_document'))
    expect(ingested.map((e) => e[0])).toMatchObject([
      { kind: 'message', text: 'Skan wniosku', attachments: [{ kind: 'image', ref: 'AgAC-large', size: 84512 }] },
      { kind: 'message', text: '', attachments: [{ kind: 'file', name: 'Testfile.pdf', contentType: 'application/pdf', size: 536392 }] },
    ])
  })

  it('ingests a reply with the message it answers, and an edit naming the message it changes', async () => {
    await post(fixture('update_message_with_reply'))
    await post(fixture('update_edited_message'))
    expect(ingested.map((e) => e[0])).toMatchObject([
      { kind: 'message', ref: 'telegram:1111111:1365', replyTo: 'telegram:1111111:1334' },
      { kind: 'edit', target: 'telegram:1111111:1365', externalId: 'telegram:10000', text: 'Edited text' },
    ])
  })

  it('falls back to the chat id when a private message has no sender', async () => {
    const update = JSON.parse(fixture('update_text_message')) as { message: Record<string, unknown> }
    delete update.message.from
    await post(JSON.stringify(update))
    expect(ingested[0]?.[0]).toMatchObject({ senderId: '1111111', senderName: null })
  })

  it('ignores group messages and channel posts', async () => {
    const group = '{"update_id":5,"message":{"message_id":1,"date":1,"chat":{"id":-1001234567890,"type":"supergroup"},"from":{"id":7},"text":"hi"}}'
    const post2 = '{"update_id":6,"channel_post":{"message_id":1,"date":1,"chat":{"id":-1001234567890,"type":"channel"},"text":"hi"}}'
    expect((await post(group)).status).toBe(200)
    expect((await post(post2)).status).toBe(200)
    expect(ingest).not.toHaveBeenCalled()
  })

  it('answers 500 when the ingest fails, so that Telegram retries', async () => {
    ingest.mockRejectedValueOnce(new Error('database down'))
    const res = await post(fixture('update_text_message'))
    expect(res.status).toBe(500)
    expect(await res.json()).toMatchObject({ error: { code: 'internal' } })
  })

  it('answers 400 to bad JSON or a body that is no update, and 413 to a body over 1 MB', async () => {
    expect((await post('{"update_id":')).status).toBe(400)
    expect((await post('{"hello":1}')).status).toBe(400)
    const big = JSON.stringify({ update_id: 1, message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' }, text: 'x'.repeat(1024 * 1024) } })
    expect((await post(big)).status).toBe(413)
    expect(ingest).not.toHaveBeenCalled()
    expect((await post(big, 'wrong')).status).toBe(401)
  })
})

describe('Telegram send', () => {
  let api: FakeTelegramApi
  let connector: ReturnType<typeof createTelegramConnector>
  // Telegram has no reply window: lastInboundAt is ignored, a day-old conversation is answered like a fresh one.
  const msg = { outboxId: 'o1', conversationId: 'c1', recipientId: '1111111', text: 'Dzień dobry, w czym mogę pomóc?', lastInboundAt: new Date('2024-01-01T00:00:00Z'), now: new Date('2024-01-03T00:00:00Z') }
  beforeAll(async () => {
    api = await startFakeTelegramApi()
    connector = createTelegramConnector({ botToken: api.token, webhookSecret: SECRET, apiUrl: api.url })
  })
  afterAll(() => api.close())
  beforeEach(() => void api.calls.splice(0))

  it('sends through sendMessage and returns the message id', async () => {
    expect(await connector.send(msg)).toEqual({ ok: true, providerId: 'telegram:1111111:1' })
    expect(await connector.send({ ...msg, recipientId: '18014398509481985' })).toEqual({ ok: true, providerId: 'telegram:18014398509481985:2' })
    expect(api.calls).toEqual([
      { method: 'sendMessage', token: api.token, params: { chat_id: '1111111', text: msg.text }, status: 200 },
      { method: 'sendMessage', token: api.token, params: { chat_id: '18014398509481985', text: msg.text }, status: 200 },
    ])
  })

  it.each([[429], [500], [502]])('reports a %i as retryable', async (status) => {
    api.failNext(1, status)
    expect(await connector.send(msg)).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining(String(status)) })
    expect(await connector.send(msg)).toMatchObject({ ok: true })
  })

  it.each([[403, 'blocked'], [400, 'chat not found']])('reports a %i as final', async (status, text) => {
    api.failNext(1, status)
    expect(await connector.send(msg)).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining(text) })
  })

  it('reports a wrong token as final, and an unreachable API as retryable, without leaking the token', async () => {
    const wrong = createTelegramConnector({ botToken: '999:wrong', webhookSecret: SECRET, apiUrl: api.url })
    expect(await wrong.send(msg)).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('401') })
    const down = createTelegramConnector({ botToken: '999:secret-token', webhookSecret: SECRET, apiUrl: 'http://127.0.0.1:9' })
    const result = await down.send(msg)
    expect(result).toMatchObject({ ok: false, retryable: true })
    expect(JSON.stringify(result)).not.toContain('secret-token')
  })
})

describe('Telegram callback queries', () => {
  let api: FakeTelegramApi
  beforeAll(async () => void (api = await startFakeTelegramApi()))
  afterAll(() => api.close())
  beforeEach(() => void api.calls.splice(0))
  const press = (connector: ReturnType<typeof createTelegramConnector>, ingest: Ingest) =>
    connector.routes!(ingest).request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
      body: fixture('update_callback_query'),
    })

  it('ingests the press as a button message, then answers the query through the Bot API', async () => {
    const connector = createTelegramConnector({ botToken: api.token, webhookSecret: SECRET, apiUrl: api.url })
    const answeredDuringIngest: boolean[] = []
    const ingested: InboundEvent[] = []
    const res = await press(connector, async (events) => {
      await new Promise((r) => setTimeout(r, 20))
      answeredDuringIngest.push(api.calls.some((c) => c.method === 'answerCallbackQuery'))
      ingested.push(...events)
    })
    expect(res.status).toBe(200)
    expect(ingested).toMatchObject([{ kind: 'message', externalId: 'telegram:10000', text: 'Data from button callback', button: { kind: 'callback', payload: 'Data from button callback' } }])
    expect(answeredDuringIngest).toEqual([false])
    await vi.waitFor(() =>
      expect(api.calls).toEqual([{ method: 'answerCallbackQuery', token: api.token, params: { callback_query_id: '4382bfdwdsb323b2d9' }, status: 200 }]),
    )
  })

  it('does not answer a press whose ingest failed (Telegram delivers it again)', async () => {
    const connector = createTelegramConnector({ botToken: api.token, webhookSecret: SECRET, apiUrl: api.url })
    const res = await press(connector, async () => Promise.reject(new Error('database down')))
    expect(res.status).toBe(500)
    await new Promise((r) => setTimeout(r, 50))
    expect(api.calls).toEqual([])
  })

  it('only logs a failed answer, without the token', async () => {
    const warn = vi.fn()
    const down = createTelegramConnector({ botToken: '999:secret-token', webhookSecret: SECRET, apiUrl: 'http://127.0.0.1:9', log: { warn } })
    expect((await press(down, async () => {})).status).toBe(200)
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.objectContaining({ callbackQueryId: '4382bfdwdsb323b2d9' }), 'telegram: answerCallbackQuery failed'))
    expect(JSON.stringify(warn.mock.calls)).not.toContain('secret-token')
  })
})

describe('Telegram attachments', () => {
  let api: FakeTelegramApi
  let connector: ReturnType<typeof createTelegramConnector>
  const pdf = new Uint8Array(Buffer.from('%PDF-1.4 zaświadczenie'))
  beforeAll(async () => {
    api = await startFakeTelegramApi()
    connector = createTelegramConnector({ botToken: api.token, webhookSecret: SECRET, apiUrl: api.url })
    api.addFile('BQAD-doc', pdf, 'documents/file_7.pdf')
    api.addFile('BQAD-big', new Uint8Array(5000))
    api.addFile('BQAD-escape', pdf, '../../bot123456:TEST-token/getMe')
  })
  afterAll(() => api.close())
  beforeEach(() => void api.calls.splice(0))

  it('gets the file path with getFile, then the bytes from the download route', async () => {
    const result = await connector.fetchAttachment!('BQAD-doc', 1000)
    expect(result).toMatchObject({ ok: true, contentType: 'application/octet-stream' })
    expect(result.ok && Buffer.from(result.bytes).toString()).toBe('%PDF-1.4 zaświadczenie')
    expect(api.calls).toEqual([
      { method: 'getFile', token: api.token, params: { file_id: 'BQAD-doc' }, status: 200 },
      { method: 'download', token: api.token, params: { file_path: 'documents/file_7.pdf' }, status: 200 },
    ])
  })

  it('refuses a file announced over the cap without downloading it', async () => {
    expect(await connector.fetchAttachment!('BQAD-big', 4999)).toEqual({ ok: false, retryable: false, error: 'larger than 4999 bytes (5000)' })
    expect(api.calls.map((c) => c.method)).toEqual(['getFile'])
  })

  it('gives up on an unknown file, a file too big for the Bot API, or a path outside the download route', async () => {
    expect(await connector.fetchAttachment!('nope', 1000)).toEqual({ ok: false, retryable: false, error: 'Telegram 400: Bad Request: invalid file_id' })
    api.failNext(1, 400, 'Bad Request: file is too big')
    expect(await connector.fetchAttachment!('BQAD-doc', 1000)).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('file is too big') })
    expect(await connector.fetchAttachment!('BQAD-escape', 1000)).toEqual({ ok: false, retryable: false, error: 'Telegram gave a file_path outside the download route' })
    expect(api.calls.map((c) => c.method)).toEqual(['getFile', 'getFile', 'getFile'])
  })

  it.each([[429], [500], [502]])('retries later after a %i from getFile', async (status) => {
    api.failNext(1, status)
    expect(await connector.fetchAttachment!('BQAD-doc', 1000)).toMatchObject({ ok: false, retryable: true })
    expect(await connector.fetchAttachment!('BQAD-doc', 1000)).toMatchObject({ ok: true })
  })

  it('keeps the token out of every error', async () => {
    const wrong = createTelegramConnector({ botToken: '999:secret-token', webhookSecret: SECRET, apiUrl: api.url })
    const unauthorized = await wrong.fetchAttachment!('BQAD-doc', 1000)
    expect(unauthorized).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('401') })
    const down = createTelegramConnector({ botToken: '999:secret-token', webhookSecret: SECRET, apiUrl: 'http://127.0.0.1:9' })
    const unreachable = await down.fetchAttachment!('BQAD-doc', 1000)
    expect(unreachable).toMatchObject({ ok: false, retryable: true })
    expect(JSON.stringify([unauthorized, unreachable])).not.toContain('secret-token')
  })
})
