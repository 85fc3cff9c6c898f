// REST v1 for staff: authentication, throttled sign-in, idempotent messages, lists with cursors, OpenAPI and health.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Conversation, TimelineEvent } from '../protocol/rest.ts'
import { issueApiToken } from '../inbox-server/app/issue-api-token.ts'
import { SESSION_ENDED } from '../inbox-server/realtime/staff-connection.ts'
import { ADMIN, newClientId, startTestHub, type TestHub } from './support/test-hub.ts'

let t: TestHub
let token: string
const conversations: string[] = []
beforeAll(async () => {
  t = await startTestHub()
  token = await t.login()
  for (let i = 0; i < 3; i++) {
    const { socket } = await t.visitor()
    const clientId = newClientId()
    const ack = await socket.request({ type: 'send', clientId, text: `Pytanie ${i}` }, (f) => f.type === 'ack')
    conversations.push(ack.conversationId as string)
    await socket.close()
  }
})
afterAll(() => t?.close())

describe('staff REST', () => {
  it('serves health with the database kind', async () => {
    const r = await t.api('/health')
    expect(r.status).toBe(200)
    expect(await r.json()).toMatchObject({ status: 'ok', db: process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite' })
  })

  it('describes itself in OpenAPI', async () => {
    const doc = (await (await t.api('/api/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/conversations', '/api/conversations/{id}/events', '/api/conversations/{id}/messages', '/api/admin/queues/{id}', '/api/admin/entry-rules', '/api/supervisor/queues']),
    )
    // Every schema the paths point at is described.
    const schemas = (doc as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas
    const refs = [...JSON.stringify(doc.paths).matchAll(/#\/components\/schemas\/(\w+)/g)].map((m) => m[1]!)
    expect(refs.length).toBeGreaterThan(20)
    for (const r of new Set(refs)) expect(schemas, r).toHaveProperty(r)
  })

  it('lists queues, offices and colleagues for staff only, without e-mail addresses or password hashes', async () => {
    for (const path of ['/api/queues', '/api/offices', '/api/consultants']) expect((await t.api(path)).status).toBe(401)
    const queues = (await (await t.api('/api/queues', { token })).json()) as { items: { name: string; line: string }[] }
    expect(queues.items).toContainEqual(expect.objectContaining({ name: 'Ogólna', line: 'first_line' }))
    expect((await t.api('/api/offices', { token })).status).toBe(200)
    const people = (await (await t.api('/api/consultants', { token })).json()) as { items: Record<string, unknown>[] }
    expect(people.items.length).toBeGreaterThan(0)
    for (const p of people.items) expect(Object.keys(p).sort()).toEqual(['id', 'name', 'officeId', 'presence', 'role'])
  })

  it('answers 401 without a valid token', async () => {
    expect((await t.api('/api/conversations')).status).toBe(401)
    expect((await t.api('/api/conversations', { token: 'x'.repeat(43) })).status).toBe(401)
    const body = (await (await t.api(`/api/conversations/${conversations[0]}/events`)).json()) as { error: { code: string } }
    expect(body.error.code).toBe('unauthorized')
    expect((await t.api(`/api/conversations/${conversations[0]}/messages`, { method: 'POST', json: { text: 'x', clientId: newClientId() } })).status).toBe(401)
  })

  it('signs in with a cookie for the console, and sign-out revokes the token', async () => {
    const r = await t.api('/api/auth/login', { method: 'POST', json: ADMIN })
    const cookie = r.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/inbox_session=/)
    expect(cookie).toMatch(/HttpOnly/i)
    const { token: tk } = (await r.json()) as { token: string }
    const viaCookie = await t.api('/api/auth/me', { headers: { cookie: cookie.split(';')[0]! } })
    expect(viaCookie.status).toBe(200)
    expect((await t.api('/api/auth/logout', { method: 'POST', token: tk })).status).toBe(204)
    expect((await t.api('/api/conversations', { token: tk })).status).toBe(401)
    expect((await t.api('/api/auth/me', { headers: { cookie: cookie.split(';')[0]! } })).status).toBe(401)
  })

  it('ends an open staff socket once its session is signed out', async () => {
    const own = await t.login()
    const socket = await t.staff(own)
    const closed = new Promise<number>((resolve) => socket.ws.once('close', (code) => resolve(code)))
    expect((await t.api('/api/auth/logout', { method: 'POST', token: own })).status).toBe(204)
    expect(await closed).toBe(SESSION_ENDED)
  })

  it('accepts an API token issued for an integrator, and refuses one for an unknown account', async () => {
    const issued = await issueApiToken(t.hub.store, { email: ADMIN.email, name: 'Integracja CRM' })
    if (!issued.ok) throw new Error(issued.message)
    expect((await t.api('/api/conversations', { token: issued.token })).status).toBe(200)
    expect(await issueApiToken(t.hub.store, { email: 'nikt@example.pl', name: 'x' })).toMatchObject({ ok: false, error: 'no_such_account' })
  })

  it('stores a staff message once per clientId: 201, then 200 with the same event', async () => {
    const clientId = newClientId()
    const path = `/api/conversations/${conversations[0]}/messages`
    const first = await t.api(path, { method: 'POST', token, json: { text: 'Dzień dobry, w czym mogę pomóc?', clientId } })
    expect(first.status).toBe(201)
    const e1 = (await first.json()) as TimelineEvent
    expect(e1).toMatchObject({ type: 'message', direction: 'out', text: 'Dzień dobry, w czym mogę pomóc?' })
    const second = await t.api(path, { method: 'POST', token, json: { text: 'Dzień dobry, w czym mogę pomóc?', clientId } })
    expect(second.status).toBe(200)
    expect(((await second.json()) as TimelineEvent).id).toBe(e1.id)
    const items = ((await (await t.api(`/api/conversations/${conversations[0]}/events?after=0`, { token })).json()) as { items: TimelineEvent[] }).items
    expect(items.filter((e) => e.clientId === clientId)).toHaveLength(1)
    expect(items.map((e) => e.seq)).toEqual(items.map((_, i) => i + 1))
  })

  it('writes a private note as a note', async () => {
    const r = await t.api(`/api/conversations/${conversations[1]}/messages`, { method: 'POST', token, json: { text: 'Do sprawdzenia', clientId: newClientId(), private: true } })
    expect(r.status).toBe(201)
    expect(await r.json()).toMatchObject({ type: 'note', direction: null })
  })

  it('refuses a bad body with 400 and a JSON error, storing nothing', async () => {
    const path = `/api/conversations/${conversations[2]}/messages`
    const before = ((await (await t.api(`/api/conversations/${conversations[2]}/events`, { token })).json()) as { items: unknown[] }).items.length
    const bad = await t.api(path, { method: 'POST', token, json: { text: '', clientId: 'x' } })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('bad_request')
    const notJson = await t.api(path, { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: '{oops' })
    expect(notJson.status).toBe(400)
    const after = ((await (await t.api(`/api/conversations/${conversations[2]}/events`, { token })).json()) as { items: unknown[] }).items.length
    expect(after).toBe(before)
    expect((await t.api(`/api/conversations/${crypto.randomUUID()}`, { token })).status).toBe(404)
  })

  it('pages through conversations with a cursor, newest activity first, and filters them', async () => {
    const seen: Conversation[] = []
    let next: string | null = null
    do {
      const r = await t.api(`/api/conversations?limit=2${next ? `&cursor=${next}` : ''}`, { token })
      const page = (await r.json()) as { items: Conversation[]; next: string | null }
      seen.push(...page.items)
      next = page.next
    } while (next)
    expect(seen.map((c) => c.id).sort()).toEqual([...conversations].sort())
    const times = seen.map((c) => c.lastActivityAt)
    expect(times).toEqual([...times].sort().reverse())
    expect(seen[0]).toMatchObject({ channel: 'webchat', contact: { id: expect.any(String) } })

    const mine = (await (await t.api('/api/conversations?assignee=me', { token })).json()) as { items: Conversation[] }
    expect(mine.items.map((c) => c.id)).toEqual([conversations[0]])
    const queued = (await (await t.api('/api/conversations?status=queued', { token })).json()) as { items: Conversation[] }
    expect(queued.items.map((c) => c.id).sort()).toEqual([conversations[1], conversations[2]].sort())
    expect((await t.api('/api/conversations?status=nonsense', { token })).status).toBe(400)
    expect((await t.api('/api/conversations?cursor=garbage', { token })).status).toBe(400)
  })

  it('answers a wrong password with 401 and slows down repeated failures with 429 and Retry-After', async () => {
    const wrong = { email: 'ktos@example.pl', password: 'zle-haslo' }
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await t.api('/api/auth/login', { method: 'POST', json: wrong })).status)
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401])
    expect(statuses[4]).toBe(429)
    const throttled = await t.api('/api/auth/login', { method: 'POST', json: wrong })
    expect(throttled.status).toBe(429)
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0)
    // The admin's own account is not locked by someone guessing another's.
    expect((await t.api('/api/auth/login', { method: 'POST', json: ADMIN })).status).toBe(200)
  })
})
