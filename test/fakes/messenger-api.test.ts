// The fake Graph API itself (Send API, User Profile API, media): the wire format a plain HTTP client sees.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { NO_SUCH_OBJECT, OUTSIDE_WINDOW, startFakeMessengerApi, type FakeMessengerApi } from './messenger-api.ts'

describe('fake Messenger Graph API', () => {
  let api: FakeMessengerApi
  beforeAll(async () => void (api = await startFakeMessengerApi({ pageAccessToken: 'EAAtest' })))
  afterAll(() => api.close())
  beforeEach(() => void api.calls.splice(0))
  const json = (body: object, token: string | null = 'EAAtest') =>
    fetch(`${api.url}/me/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    })
  const text = { recipient: { id: '1254459154682919' }, messaging_type: 'RESPONSE', message: { text: 'Dzień dobry' } }

  it('answers a JSON send with recipient_id and message_id, and records it', async () => {
    const res = await json(text)
    expect([res.status, await res.json()]).toEqual([200, { recipient_id: '1254459154682919', message_id: 'm_1' }])
    expect(api.calls).toEqual([{ method: 'POST', path: '/me/messages', token: 'EAAtest', tokenIn: 'header', params: text, status: 200 }])
  })

  it('accepts the docs\' form-encoded request with the token as a query or body parameter, on /<page-id>/messages too', async () => {
    const form = new URLSearchParams({ recipient: "{'id':'42'}", messaging_type: 'RESPONSE', message: '{"text":"it\'s fine"}' })
    const q = await fetch(`${api.url}/me/messages?access_token=EAAtest`, { method: 'POST', body: form })
    expect(await q.json()).toMatchObject({ recipient_id: '42' })
    form.set('access_token', 'EAAtest')
    const b = await fetch(`${api.url}/1234567890/messages`, { method: 'POST', body: form })
    expect(b.status).toBe(200)
    expect(api.calls.map((c) => [c.path, c.tokenIn, c.params])).toEqual([
      ['/me/messages', 'query', { recipient: { id: '42' }, messaging_type: 'RESPONSE', message: { text: "it's fine" } }],
      ['/1234567890/messages', 'body', { recipient: { id: '42' }, messaging_type: 'RESPONSE', message: { text: "it's fine" } }],
    ])
  })

  it('refuses a wrong or missing token with a Graph OAuthException', async () => {
    const wrong = await json(text, 'EAAnope')
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toEqual({ error: { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190, fbtrace_id: expect.any(String) } })
    const missing = await json(text, null)
    expect(await missing.json()).toMatchObject({ error: { code: 2500 } })
  })

  it('validates the request like the Send API', async () => {
    const cases = [
      { ...text, recipient: {} },
      { ...text, messaging_type: 'PROMO' },
      { ...text, messaging_type: 'MESSAGE_TAG' },
      { ...text, message: { text: '' } },
      { ...text, message: { text: 'x'.repeat(2001) } },
    ]
    for (const body of cases) {
      const res = await json(body)
      expect([res.status, ((await res.json()) as { error: { code: number } }).error.code]).toEqual([400, 100])
    }
    for (const body of [{ ...text, messaging_type: 'MESSAGE_TAG', tag: 'NOT_A_TAG' }, { ...text, message: { text: 'x', metadata: 'm'.repeat(1001) } }]) {
      expect((await json(body)).status).toBe(400)
    }
    expect((await json({ ...text, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'x', metadata: 'hub:o1' } })).status).toBe(200)
    expect((await fetch(`${api.url}/me/nothing`, { method: 'POST' })).status).toBe(400)
  })

  it('fails the next n calls as told, then recovers', async () => {
    api.failNext(2, 500)
    const first = await json(text)
    expect([first.status, await first.json()]).toEqual([500, { error: expect.objectContaining({ code: 2, is_transient: true, type: 'OAuthException' }) }])
    expect((await json(text)).status).toBe(500)
    expect((await json(text)).status).toBe(200)
    api.failNext(1, 400, OUTSIDE_WINDOW)
    const window = await json(text)
    expect(await window.json()).toMatchObject({ error: { code: 10, error_subcode: 2018278 } })
    expect(api.calls.map((c) => c.status)).toEqual([500, 500, 200, 400])
  })

  it('answers the User Profile API from the profiles set, with only the fields asked for and the id', async () => {
    api.setProfile('1254459154682919', 'Anna', 'Kowalska')
    const get = (path: string, token: string | null = 'EAAtest') => fetch(`${api.url}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } })
    const ok = await get('/1254459154682919?fields=first_name,last_name')
    expect([ok.status, await ok.json()]).toEqual([200, { first_name: 'Anna', last_name: 'Kowalska', id: '1254459154682919' }])
    expect(await (await get('/1254459154682919?fields=first_name')).json()).toEqual({ first_name: 'Anna', id: '1254459154682919' })
    const unknown = await get('/42?fields=first_name,last_name')
    expect([unknown.status, await unknown.json()]).toEqual([400, { error: { ...NO_SUCH_OBJECT('42'), fbtrace_id: expect.any(String) } }])
    expect(await (await get('/1254459154682919?fields=email')).json()).toMatchObject({ error: { code: 100 } })
    expect(await (await get('/1254459154682919?fields=first_name', null)).json()).toMatchObject({ error: { code: 2500 } })
    api.failNext(1, 500)
    expect((await get('/1254459154682919?fields=first_name')).status).toBe(500)
    expect(api.calls.map((c) => [c.method, c.path, c.params, c.status])).toEqual([
      ['GET', '/1254459154682919', { fields: 'first_name,last_name' }, 200],
      ['GET', '/1254459154682919', { fields: 'first_name' }, 200],
      ['GET', '/42', { fields: 'first_name,last_name' }, 400],
      ['GET', '/1254459154682919', { fields: 'email' }, 400],
      ['GET', '/1254459154682919', { fields: 'first_name' }, 400],
      ['GET', '/1254459154682919', { fields: 'first_name' }, 500],
    ])
  })

  it('serves registered media without a token, untouched by failNext, and 404 for the rest', async () => {
    const url = api.addMedia('głos nagranie.mp4', Buffer.from([0, 1, 2, 255]), 'audio/mp4')
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/media\/g%C5%82os%20nagranie\.mp4$/)
    api.failNext(1, 500)
    const res = await fetch(url)
    expect([res.status, res.headers.get('content-type'), res.headers.get('content-length')]).toEqual([200, 'audio/mp4', '4'])
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([0, 1, 2, 255]))
    expect((await fetch(url.replace('nagranie', 'inne'))).status).toBe(404)
    expect(api.calls.map((c) => [c.method, c.path, c.token, c.status])).toEqual([
      ['GET', '/media/g%C5%82os%20nagranie.mp4', null, 200],
      ['GET', '/media/g%C5%82os%20inne.mp4', null, 404],
    ])
    api.failNext(0, 500)
  })
})
