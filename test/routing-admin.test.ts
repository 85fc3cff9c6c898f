// Routing administration over REST: who may change what, bad input changes nothing, and settings take effect on
// routing (entry rules by language, required skills, priority); presence reasons; the supervisor's board.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AdminConsultant, AdminQueue, EntryRule, QueueBoard, Skill } from '../protocol/admin.ts'
import type { Conversation, TimelineEvent } from '../protocol/rest.ts'
import { addConsultant } from '../inbox-server/app/add-consultant.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'

let t: TestHub
let admin: string
let supervisor: string
beforeAll(async () => {
  t = await startTestHub()
  await t.autoAccept(true)
  admin = await t.login()
  const r = await addConsultant(t.hub.store, { email: 'nadzor@example.pl', name: 'Nadzór', role: 'supervisor', password: 'haslo-nadzoru-123' })
  if (!r.ok) throw new Error(r.message)
  supervisor = ((await (await t.api('/api/auth/login', { method: 'POST', json: { email: 'nadzor@example.pl', password: 'haslo-nadzoru-123' } })).json()) as { token: string }).token
})
afterAll(() => t?.close())

async function call<T>(path: string, token: string, method = 'GET', json?: unknown): Promise<{ status: number; body: T }> {
  const r = await t.api(path, { method, token, ...(json === undefined ? {} : { json }) })
  const text = await r.text()
  return { status: r.status, body: (text ? JSON.parse(text) : null) as T }
}
async function addSupervisorTarget() {
  const r = await addConsultant(t.hub.store, { email: `inna.${newClientId()}@example.pl`, name: 'Inna', password: 'haslo-konsultanta-1' })
  if (!r.ok) throw new Error(r.message)
  return r.consultant
}
const conversation = async (id: string) => (await call<Conversation>(`/api/conversations/${id}`, admin)).body

async function chatIn(text: string): Promise<string> {
  const { socket } = await t.visitor()
  const ack = await socket.request({ type: 'send', clientId: newClientId(), text }, (f) => f.type === 'ack')
  await socket.close()
  return ack.conversationId as string
}

describe('routing administration', () => {
  it('lets only administrators change queues, and supervisors only consultants’ routing', async () => {
    const ewa = await t.consultant('ewa.admin@example.pl')
    expect((await call('/api/admin/queues', ewa.token)).status).toBe(403)
    expect((await call('/api/supervisor/queues', ewa.token)).status).toBe(403)
    expect((await call('/api/admin/skills', ewa.token, 'POST', { key: 'x-y', name: 'X' })).status).toBe(403)
    expect((await call<{ items: Skill[] }>('/api/admin/skills', admin)).body.items).toEqual([])

    expect((await call('/api/admin/queues', supervisor)).status).toBe(200)
    expect((await call('/api/admin/queues', supervisor, 'POST', { name: 'Nadzorcza' })).status).toBe(403)
    const cap = await call<AdminConsultant>(`/api/admin/consultants/${ewa.id}`, supervisor, 'PATCH', { capacity: { webchat: 5 } })
    expect(cap.status).toBe(200)
    expect(cap.body.capacity).toMatchObject({ webchat: 5, email: 10, voice: 1 })
    const role = await call<{ error: { code: string } }>(`/api/admin/consultants/${ewa.id}`, supervisor, 'PATCH', { role: 'admin' })
    expect(role.status).toBe(403)
    const after = (await call<{ items: AdminConsultant[] }>('/api/admin/consultants', admin)).body.items.find((c) => c.id === ewa.id)
    expect(after?.role).toBe('consultant')
    await ewa.socket.close()
  })

  it('answers bad input with 400 or 409 and a JSON body, and stores nothing', async () => {
    const before = (await call<{ items: AdminQueue[] }>('/api/admin/queues', admin)).body.items
    const bad = await call<{ error: { code: string; details: { path: string }[] } }>('/api/admin/queues', admin, 'POST', { name: 'Zła', requiredSkills: ['nie-ma-takiej'] })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.map((d) => d.path)).toEqual(['requiredSkills'])
    const second = await call<{ error: { code: string } }>('/api/admin/queues', admin, 'POST', { name: 'Druga linia bez urzędu', line: 'second_line' })
    expect(second.status).toBe(400)
    const shape = await call<{ error: { code: string } }>('/api/admin/queues', admin, 'POST', { name: '', priority: 'wysoki' })
    expect(shape.status).toBe(400)
    expect(shape.body.error.code).toBe('bad_request')
    expect((await call<{ items: AdminQueue[] }>('/api/admin/queues', admin)).body.items).toEqual(before)

    expect((await call('/api/admin/skills', admin, 'POST', { key: 'eures', name: 'EURES' })).status).toBe(201)
    expect((await call('/api/admin/skills', admin, 'POST', { key: 'eures', name: 'Znowu' })).status).toBe(409)
    expect((await call('/api/admin/skills', admin, 'POST', { key: 'Zła Nazwa', name: 'x' })).status).toBe(400)
    const rule = await call('/api/admin/entry-rules', admin, 'POST', { name: 'Bez warunku', skill: 'eures' })
    expect(rule.status).toBe(400)
    expect((await call<{ items: EntryRule[] }>('/api/admin/entry-rules', admin)).body.items).toEqual([])
  })

  it('routes a Ukrainian first message by an entry rule to a queue that needs a skill, with a priority boost', async () => {
    await call('/api/admin/skills', admin, 'POST', { key: 'jezyk-uk', name: 'Język ukraiński' })
    const uk = await call<AdminQueue>('/api/admin/queues', admin, 'POST', { name: 'Ukraińskojęzyczna', priority: 2, requiredSkills: ['jezyk-uk'] })
    expect(uk.status).toBe(201)
    const rule = await call<EntryRule>('/api/admin/entry-rules', admin, 'POST', { name: 'Po ukraińsku', language: 'uk', queueId: uk.body.id, priorityBoost: 3 })
    expect(rule.status).toBe(201)

    const olena = await t.consultant('olena@example.pl')
    await call(`/api/admin/consultants/${olena.id}`, admin, 'PATCH', { queueIds: [uk.body.id] })
    const from = olena.socket.frames.length
    olena.socket.send({ type: 'presence', state: 'available' })
    await olena.socket.next((f) => f.type === 'presence' && f.consultantId === olena.id, from)

    const id = await chatIn('Добрий день, я хочу зареєструватися як безробітний')
    const conv = await conversation(id)
    expect(conv.queueId).toBe(uk.body.id)
    expect(conv.priority).toBe(5)
    const created = (await call<{ items: TimelineEvent[] }>(`/api/conversations/${id}/events`, admin)).body.items[0]!
    expect(created.data).toMatchObject({ entryBy: 'rule', rules: ['Po ukraińsku'], requiredSkills: ['jezyk-uk'] })
    // Olena serves the queue but lacks the skill: it waits.
    await t.hub.routeNow()
    expect((await conversation(id)).status).toBe('queued')

    // The supervisor gives her the skill; routing looks again at once.
    const patched = await call<AdminConsultant>(`/api/admin/consultants/${olena.id}`, supervisor, 'PATCH', { skills: ['jezyk-uk'] })
    expect(patched.status).toBe(200)
    await expect.poll(async () => (await conversation(id)).assigneeId, { timeout: 5_000 }).toBe(olena.id)
    await olena.socket.close()
  })

  it('accepts only the presence reasons an administrator keeps for that presence', async () => {
    const reasons = (await call<{ items: { code: string; presence: string }[] }>('/api/presence-reasons', admin)).body.items
    expect(reasons).toContainEqual(expect.objectContaining({ code: 'obiad', presence: 'break' }))
    const jan = await t.consultant('jan.reason@example.pl')
    let from = jan.socket.frames.length
    jan.socket.send({ type: 'presence', state: 'break', reason: 'wymyslony' })
    const err = await jan.socket.next((f) => f.type === 'error', from)
    expect(err.code).toBe('bad_reason')
    // A known code of another presence is refused too.
    from = jan.socket.frames.length
    jan.socket.send({ type: 'presence', state: 'training', reason: 'obiad' })
    expect((await jan.socket.next((f) => f.type === 'error', from)).code).toBe('bad_reason')
    expect((await call<{ items: AdminConsultant[] }>('/api/admin/consultants', admin)).body.items.find((c) => c.id === jan.id)?.presence).toBe('offline')

    await call('/api/admin/presence-reasons', admin, 'POST', { code: 'urzad', presence: 'busy', labelPl: 'Sprawy urzędowe', labelEn: 'Office errands' })
    from = jan.socket.frames.length
    jan.socket.send({ type: 'presence', state: 'busy', reason: 'urzad' })
    const ok = await jan.socket.next((f) => f.type === 'presence' && f.consultantId === jan.id, from)
    expect(ok.reason).toBe('urzad')
    // A reason switched off can no longer be picked.
    await call('/api/admin/presence-reasons/urzad', admin, 'PATCH', { active: false })
    expect((await call<{ items: { code: string }[] }>('/api/presence-reasons', jan.token)).body.items.map((r) => r.code)).not.toContain('urzad')
    await jan.socket.close()
  })

  it('shows the supervisor each queue with what waits, and a hand assignment takes it off the board', async () => {
    const q = await call<AdminQueue>('/api/admin/queues', admin, 'POST', { name: 'Szkolenia', topic: 'szkolenia', priority: 1 })
    const marek = await t.consultant('marek.board@example.pl')
    await call(`/api/admin/consultants/${marek.id}`, admin, 'PATCH', { queueIds: [q.body.id] })
    const { socket } = await t.visitor()
    const ack = await socket.request({ type: 'send', clientId: newClientId(), text: 'Jakie są szkolenia?', topic: 'szkolenia' }, (f) => f.type === 'ack')
    const id = ack.conversationId as string

    const board = (await call<QueueBoard>('/api/supervisor/queues', supervisor)).body
    const row = board.queues.find((x) => x.id === q.body.id)!
    expect(row.waiting.map((w) => w.conversationId)).toEqual([id])
    expect(row.waiting[0]).toMatchObject({ contactId: expect.any(String), status: 'queued', priority: 1, channelKind: 'webchat', lastMessageText: 'Jakie są szkolenia?' })
    expect(row.members).toEqual([expect.objectContaining({ id: marek.id, presence: 'offline', load: {} })])

    // Marek is offline, so routing would not give it to him; the supervisor assigns it by hand (consultants may not).
    expect((await call(`/api/conversations/${id}/assign`, marek.token, 'POST', { consultantId: marek.id })).status).toBe(403)
    const moved = await call(`/api/conversations/${id}/assign`, supervisor, 'POST', { consultantId: marek.id, note: 'Proszę przejąć' })
    expect(moved.status).toBe(201)
    // A second hand assignment finds it taken: 409, and it stays Marek's.
    const again = await call<{ error: { code: string } }>(`/api/conversations/${id}/assign`, supervisor, 'POST', { consultantId: (await addSupervisorTarget()).id })
    expect(again.status).toBe(409)
    expect((await conversation(id)).assigneeId).toBe(marek.id)
    const later = (await call<QueueBoard>('/api/supervisor/queues', supervisor)).body.queues.find((x) => x.id === q.body.id)!
    expect(later.waiting).toEqual([])
    expect(later.members[0]!.load).toEqual({ webchat: 1 })
    // Marek sees his own capacity use.
    const mine = await call<{ load: Record<string, number>; capacity: Record<string, number> }>('/api/me/routing', marek.token)
    expect(mine.status).toBe(200)
    expect([mine.body.load.webchat, mine.body.capacity.webchat]).toEqual([1, 3])
    await socket.close()
    await marek.socket.close()
  })
})
