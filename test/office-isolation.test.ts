// Second-line staff see only their own office's conversations, over REST and over the staff socket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Conversation } from '../protocol/rest.ts'
import { addConsultant } from '../inbox-server/app/add-consultant.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'
import type { TestSocket } from './support/test-socket.ts'

let t: TestHub
let dorota: { id: string; token: string }
let ours: string
let theirs: string
let unescalated: string
let citizens: TestSocket[]
let warszawaQueue: string

async function chatIn(officeId: string | null): Promise<{ id: string; socket: TestSocket }> {
  const { socket } = await t.visitor()
  const clientId = newClientId()
  const id = (await socket.request({ type: 'send', clientId, text: 'Sprawa do urzędu' }, (f) => f.type === 'ack')).conversationId as string
  if (officeId) await t.hub.store.transaction((tx) => tx.updateConversation(id, { officeId }))
  return { id, socket }
}

beforeAll(async () => {
  t = await startTestHub()
  const warszawa = await t.hub.store.ensureOffice({ name: 'UP Warszawa', regions: ['1465'] })
  const krakow = await t.hub.store.ensureOffice({ name: 'GUP Kraków', regions: ['1261'] })
  const r = await addConsultant(t.hub.store, { email: 'dorota.pup@example.pl', name: 'Dorota', role: 'second_line', password: 'haslo-drugiej-linii' })
  if (!r.ok) throw new Error(r.message)
  await t.hub.store.setConsultantOffice(r.consultant.id, warszawa.id)
  warszawaQueue = (await t.hub.store.createQueue({ name: 'Drugi kontakt — UP Warszawa', line: 'second_line', officeId: warszawa.id })).id
  await t.hub.store.joinQueue(r.consultant.id, warszawaQueue)
  const login = await t.api('/api/auth/login', { method: 'POST', json: { email: 'dorota.pup@example.pl', password: 'haslo-drugiej-linii' } })
  dorota = { id: r.consultant.id, token: ((await login.json()) as { token: string }).token }
  const a = await chatIn(warszawa.id)
  const b = await chatIn(krakow.id)
  const c = await chatIn(null)
  ours = a.id
  theirs = b.id
  unescalated = c.id
  citizens = [a.socket, b.socket, c.socket]
})
afterAll(async () => {
  for (const s of citizens ?? []) await s.close()
  await t?.close()
})

describe('office isolation', () => {
  it('lists and opens only the own office’s conversations over REST; others answer 404', async () => {
    const list = (await (await t.api('/api/conversations?limit=100', { token: dorota.token })).json()) as { items: Conversation[] }
    expect(list.items.map((c) => c.id)).toEqual([ours])
    expect((await t.api(`/api/conversations/${ours}`, { token: dorota.token })).status).toBe(200)
    for (const id of [theirs, unescalated]) {
      expect((await t.api(`/api/conversations/${id}`, { token: dorota.token })).status).toBe(404)
      expect((await t.api(`/api/conversations/${id}/events`, { token: dorota.token })).status).toBe(404)
      const post = await t.api(`/api/conversations/${id}/messages`, { method: 'POST', token: dorota.token, json: { text: 'x', clientId: newClientId() } })
      expect(post.status).toBe(404)
      expect((await t.api(`/api/conversations/${id}/status`, { method: 'POST', token: dorota.token, json: { status: 'resolved' } })).status).toBe(404)
    }
    // First line still sees all three.
    const admin = await t.login()
    const all = (await (await t.api('/api/conversations?limit=100', { token: admin })).json()) as { items: Conversation[] }
    expect(all.items.map((c) => c.id).sort()).toEqual([ours, theirs, unescalated].sort())
  })

  it('refuses other offices’ conversations on the staff socket and rings only for the own office', async () => {
    const socket = await t.staff(dorota.token)
    expect(await socket.request({ type: 'subscribe', conversationId: theirs, afterSeq: 0 }, (f) => f.type === 'error' || f.type === 'synced')).toMatchObject({ type: 'error', code: 'not_found' })
    const clientId = newClientId()
    expect(await socket.request({ type: 'send', clientId, conversationId: theirs, text: 'x' }, (f) => f.type === 'error' || f.type === 'ack')).toMatchObject({ type: 'error', code: 'not_found', clientId })
    expect((await socket.request({ type: 'typing', conversationId: unescalated, on: true }, (f) => f.type === 'error')).code).toBe('not_found')
    await socket.request({ type: 'subscribe', conversationId: ours, afterSeq: 0 }, (f) => f.type === 'synced')

    // Citizens write in all three, the own office's last: announcements go out in commit order, so anything
    // about the other two would arrive before the own office's doorbell.
    const from = socket.frames.length
    for (const i of [1, 2, 0]) {
      const id = [ours, theirs, unescalated][i]!
      const c = newClientId()
      await citizens[i]!.request({ type: 'send', clientId: c, conversationId: id, text: 'Dopisuję' }, (f) => f.type === 'ack')
    }
    await socket.next((f) => f.type === 'changed' && f.conversationId === ours, from)
    const rung = socket.frames.slice(from).filter((f) => f.type === 'changed' || f.type === 'event').map((f) => f.conversationId)
    expect(rung.every((id) => id === ours)).toBe(true)
    await socket.close()
  })

  it('escalates by the citizen’s region to that office, whose staff take it and hand it back with an answer', async () => {
    const admin = await t.login()
    const escalate = (body: unknown) => t.api(`/api/conversations/${unescalated}/escalate`, { method: 'POST', token: admin, json: body })
    expect((await escalate({ note: 'bez regionu' })).status).toBe(400)
    expect((await escalate({ region: '0201' })).status).toBe(404)

    const socket = await t.staff(dorota.token)
    await socket.request({ type: 'presence', state: 'available' }, (f) => f.type === 'presence' && f.consultantId === dorota.id)
    const escalated = await escalate({ region: '1465', note: 'Pytanie o staż w Warszawie' })
    expect(escalated.status).toBe(201)
    // The office's second-line consultant is offered it, and may now open it.
    await socket.next((f) => f.type === 'offer' && f.conversationId === unescalated)
    const seen = (await (await t.api(`/api/conversations/${unescalated}`, { token: dorota.token })).json()) as Conversation
    expect(seen).toMatchObject({ queueId: warszawaQueue, status: 'offered', assigneeId: dorota.id })
    socket.send({ type: 'accept', conversationId: unescalated })
    await expect.poll(async () => ((await (await t.api(`/api/conversations/${unescalated}`, { token: dorota.token })).json()) as Conversation).status).toBe('assigned')

    const back = await t.api(`/api/conversations/${unescalated}/hand-back`, { method: 'POST', token: dorota.token, json: { note: 'Staż: wniosek w pokoju 12' } })
    expect(back.status).toBe(201)
    expect((await t.api(`/api/conversations/${unescalated}`, { token: dorota.token })).status).toBe(404)
    const defaults = await t.hub.store.ensureDefaults()
    const returned = (await (await t.api(`/api/conversations/${unescalated}`, { token: admin })).json()) as Conversation
    expect(returned).toMatchObject({ queueId: defaults.defaultQueueId, officeId: null })
    const events = ((await (await t.api(`/api/conversations/${unescalated}/events`, { token: admin })).json()) as { items: { type: string; data: Record<string, unknown> | null }[] }).items
    expect(events.filter((e) => e.type === 'routing' && (e.data?.step === 'escalated' || e.data?.step === 'returned')).map((e) => e.data?.note)).toEqual([
      'Pytanie o staż w Warszawie',
      'Staż: wniosek w pokoju 12',
    ])
    // The region is remembered: the next escalation needs none.
    expect((await escalate({})).status).toBe(201)
    await socket.close()
  })
})
