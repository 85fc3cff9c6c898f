// The Telegram connector: its webhook through Hono's request(), its sends against the fake Bot API in test/fakes.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { startFakeTelegramApi, type FakeTelegramApi } from '../../test/fakes/telegram-api.ts'
import type { InboundMessage, Ingest } from '../connector.ts'
import { createTelegramConnector } from './telegram-connector.ts'

const SECRET = 'webhook-secret_0123456789'
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')

describe('Telegram webhook', () => {
  const connector = createTelegramConnector({ botToken: '1:token', webhookSecret: SECRET, apiUrl: 'http://127.0.0.1:9' })
  let ingested: InboundMessage[][]
  let ingest: Ingest & ReturnType<typeof vi.fn>
  beforeEach(() => {
    ingested = []
    ingest = vi.fn(async (messages: readonly InboundMessage[]) => void ingested.push([...messages]))
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
    ingest.mockImplementationOnce(async (messages: readonly InboundMessage[]) => {
      ingested.push([...messages])
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
      channel: 'telegram',
      senderId: '1111111',
      senderName: 'Test Firstname Test Lastname',
      externalId: 'telegram:10000',
      text: '/start',
      sentAt: new Date(1441645532 * 1000),
    }]])
  })

  it('keeps ids beyond 2^32 and 2^53 exact, and digits inside the text untouched', async () => {
    expect((await post(fixture('update_big_ids'))).status).toBe(200)
    expect(ingested[0]?.[0]).toMatchObject({
      externalId: 'telegram:9007199254740993',
      senderId: '4294967297',
      text: 'Id "9007199254740993" w tekście, i liczba 12345678901234567890',
    })
    const huge = '{"update_id":4294967296,"message":{"message_id":1,"date":1700000000,"chat":{"id":18014398509481985,"type":"private"},"from":{"id":18014398509481985,"username":"big"},"text":"x"}}'
    expect((await post(huge)).status).toBe(200)
    expect(ingested[1]?.[0]).toMatchObject({ externalId: 'telegram:4294967296', senderId: '18014398509481985', senderName: 'big' })
  })

  it('takes the caption of a photo, or a placeholder for a photo or document without one', async () => {
    const captioned = JSON.parse(fixture('update_photo')) as { message: Record<string, unknown> }
    captioned.message.caption = 'Moje zaświadczenie'
    await post(JSON.stringify(captioned))
    await post(fixture('update_photo'))
    await post(fixture('update_document'))
    expect(ingested.map((m) => m[0]?.text)).toEqual(['Moje zaświadczenie', '[zdjęcie]', '[dokument: Testfile.pdf]'])
    expect(ingested[0]?.[0]).toMatchObject({ externalId: 'telegram:2342342343242', senderId: '23', senderName: 'Sojan Jose' })
  })

  it('falls back to the chat id when a private message has no sender', async () => {
    const update = JSON.parse(fixture('update_text_message')) as { message: Record<string, unknown> }
    delete update.message.from
    await post(JSON.stringify(update))
    expect(ingested[0]?.[0]).toMatchObject({ senderId: '1111111', senderName: null })
  })

  it.each(['update_edited_message', 'update_callback_query'])('answers 200 to %s and ingests nothing (not in this slice)', async (name) => {
    const res = await post(fixture(name))
    expect(res.status).toBe(200)
    expect(ingest).not.toHaveBeenCalled()
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
  const msg = { outboxId: 'o1', conversationId: 'c1', recipientId: '1111111', text: 'Dzień dobry, w czym mogę pomóc?' }
  beforeAll(async () => {
    api = await startFakeTelegramApi()
    connector = createTelegramConnector({ botToken: api.token, webhookSecret: SECRET, apiUrl: api.url })
  })
  afterAll(() => api.close())
  beforeEach(() => void api.calls.splice(0))

  it('sends through sendMessage and returns the message id', async () => {
    expect(await connector.send(msg)).toEqual({ ok: true, providerId: 'telegram:1' })
    expect(await connector.send({ ...msg, recipientId: '18014398509481985' })).toEqual({ ok: true, providerId: 'telegram:2' })
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
