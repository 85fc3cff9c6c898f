// The fake Bot API itself: the wire format telegraf and plain HTTP clients see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeTelegramApi, type FakeTelegramApi } from './telegram-api.ts'

describe('fake Telegram Bot API', () => {
  let api: FakeTelegramApi
  beforeAll(async () => void (api = await startFakeTelegramApi({ token: '42:abc' })))
  afterAll(() => api.close())
  const call = (path: string, init?: RequestInit) => fetch(api.url + path, { method: 'POST', ...init })

  it('answers sendMessage in the Bot API envelope, from JSON, urlencoded and multipart bodies', async () => {
    const json = await call('/bot42:abc/sendMessage', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: 7, text: 'a' }) })
    expect(await json.json()).toMatchObject({ ok: true, result: { message_id: 1, chat: { id: 7 }, text: 'a', date: expect.any(Number) } })
    await call('/bot42:abc/sendMessage', { body: new URLSearchParams({ chat_id: '8', text: 'b' }) })
    const form = new FormData()
    form.set('chat_id', '9')
    form.set('text', 'c')
    const multipart = await call('/bot42:abc/sendMessage', { body: form })
    expect(await multipart.json()).toMatchObject({ ok: true, result: { message_id: 3, chat: { id: 9 } } })
    expect(api.calls.map((c) => c.params)).toEqual([{ chat_id: 7, text: 'a' }, { chat_id: '8', text: 'b' }, { chat_id: '9', text: 'c' }])
  })

  it('refuses a wrong token, a missing text and an unknown method like the Bot API', async () => {
    const wrong = await call('/bot42:nope/sendMessage', { body: new URLSearchParams({ chat_id: '1', text: 'x' }) })
    expect([wrong.status, await wrong.json()]).toEqual([401, { ok: false, error_code: 401, description: 'Unauthorized' }])
    const empty = await call('/bot42:abc/sendMessage', { body: new URLSearchParams({ chat_id: '1' }) })
    expect([empty.status, await empty.json()]).toEqual([400, { ok: false, error_code: 400, description: 'Bad Request: message text is empty' }])
    expect((await call('/bot42:abc/noSuchMethod')).status).toBe(404)
  })

  it('fails the next n calls as told, then recovers', async () => {
    api.failNext(2, 429)
    const body = () => new URLSearchParams({ chat_id: '1', text: 'x' })
    const first = await call('/bot42:abc/sendMessage', { body: body() })
    expect([first.status, await first.json()]).toEqual([429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }])
    expect((await call('/bot42:abc/sendMessage', { body: body() })).status).toBe(429)
    expect((await call('/bot42:abc/sendMessage', { body: body() })).status).toBe(200)
    expect(api.calls.slice(-3).map((c) => c.status)).toEqual([429, 429, 200])
  })
})
