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

  it('describes registered files with getFile and serves them on the download route, 404 otherwise', async () => {
    api.addFile('BQAD1', new Uint8Array([1, 2, 3]), 'documents/file_1.pdf')
    const info = await call('/bot42:abc/getFile', { body: new URLSearchParams({ file_id: 'BQAD1' }) })
    expect(await info.json()).toEqual({ ok: true, result: { file_id: 'BQAD1', file_unique_id: expect.any(String), file_size: 3, file_path: 'documents/file_1.pdf' } })
    const unknown = await call('/bot42:abc/getFile', { body: new URLSearchParams({ file_id: 'nope' }) })
    expect([unknown.status, await unknown.json()]).toEqual([400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' }])
    const file = await fetch(`${api.url}/file/bot42:abc/documents/file_1.pdf`)
    expect([file.status, [...new Uint8Array(await file.arrayBuffer())]]).toEqual([200, [1, 2, 3]])
    expect((await fetch(`${api.url}/file/bot42:nope/documents/file_1.pdf`)).status).toBe(404)
    expect((await fetch(`${api.url}/file/bot42:abc/documents/file_2.pdf`)).status).toBe(404)
    expect(api.calls.slice(-5).map((c) => [c.method, c.status])).toEqual([['getFile', 200], ['getFile', 400], ['download', 200], ['download', 404], ['download', 404]])
    api.addFile('BQAD2', new Uint8Array(1))
    const defaulted = await call('/bot42:abc/getFile', { body: new URLSearchParams({ file_id: 'BQAD2' }) })
    expect(await defaulted.json()).toMatchObject({ result: { file_path: expect.stringMatching(/^documents\/file_\d+$/) } })
  })

  it('answers answerCallbackQuery, refusing an empty query id', async () => {
    const ok = await call('/bot42:abc/answerCallbackQuery', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ callback_query_id: 'q1' }) })
    expect(await ok.json()).toEqual({ ok: true, result: true })
    const empty = await call('/bot42:abc/answerCallbackQuery', { body: new URLSearchParams({}) })
    expect(empty.status).toBe(400)
    expect(api.calls.slice(-2).map((c) => [c.method, c.params, c.status])).toEqual([['answerCallbackQuery', { callback_query_id: 'q1' }, 200], ['answerCallbackQuery', {}, 400]])
  })
})
