// The inbox workflow over REST and the staff socket: list views, filters and search; labels; priority; snooze and
// its wake-up on the clock; reopen; @mentions in notes notifying the other consultant; canned responses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addConsultant } from '../inbox-server/app/add-consultant.ts'
import type { Conversation, TimelineEvent } from '../protocol/rest.ts'
import type { CannedResponse, Label } from '../protocol/workflow.ts'
import { createFakeClock } from './support/fake-clock.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'
import type { TestSocket } from './support/test-socket.ts'

const clock = createFakeClock(Date.parse('2026-12-01T09:00:00Z'))
let t: TestHub
let admin: string
let ewa: { id: string; token: string; socket: TestSocket }
let ola: { id: string; token: string; socket: TestSocket }

beforeAll(async () => {
  t = await startTestHub({ clock })
  admin = await t.login()
  ewa = await t.consultant(`ewa.workflow.${Date.now()}@example.pl`)
  ola = await t.consultant(`ola.workflow.${Date.now()}@example.pl`)
})
afterAll(async () => {
  await ewa?.socket.close()
  await ola?.socket.close()
  await t?.close()
})

const json = async <T>(r: Response | Promise<Response>) => (await (await r).json()) as T
const list = (query: string, token = ewa.token) => json<{ items: Conversation[] }>(t.api(`/api/conversations?${query}`, { token })).then((l) => l.items.map((c) => c.id))
const conversation = (id: string) => json<Conversation>(t.api(`/api/conversations/${id}`, { token: admin }))
const events = (id: string) => json<{ items: TimelineEvent[] }>(t.api(`/api/conversations/${id}/events`, { token: admin })).then((l) => l.items)
const pick = (id: string, token: string) => t.api(`/api/conversations/${id}/pick`, { method: 'POST', token })
const status = (id: string, body: object, token = ewa.token) => t.api(`/api/conversations/${id}/status`, { method: 'POST', token, json: body })

async function label(name: string, color = '#aa3300'): Promise<Label> {
  const r = await t.api('/api/admin/labels', { method: 'POST', token: admin, json: { name, color } })
  expect(r.status).toBe(201)
  return (await r.json()) as Label
}

describe('list views, filters and search', () => {
  it('shows mine, unassigned, the queue, escalated and all; filters by label; finds by name, phone and message text', async () => {
    const a = await t.newChat('Pytanie o zasiłek dla bezrobotnych')
    const b = await t.newChat('Szukam stażu w Krakowie')
    const c = await t.newChat('Inne pytanie')
    expect((await pick(a, ewa.token)).status).toBeLessThan(300)
    const office = await t.hub.store.ensureOffice({ name: `PUP Widoki ${newClientId()}`, regions: ['1261'] })
    await t.hub.store.transaction((tx) => tx.updateConversation(c, { officeId: office.id }))
    const contactOfB = (await conversation(b)).contact.id
    expect((await t.api(`/api/contacts/${contactOfB}`, { method: 'PATCH', token: admin, json: { name: 'Zofia Wiśniewska', phone: '+48 600 300 555' } })).status).toBe(200)

    expect(await list('view=mine')).toEqual([a])
    const unassigned = await list('view=unassigned')
    expect(unassigned).toEqual(expect.arrayContaining([b, c]))
    expect(unassigned).not.toContain(a)
    // Ewa serves the default queue (test consultants do): b and c wait there.
    expect(await list('view=queue')).toEqual(expect.arrayContaining([b, c]))
    expect(await list('view=escalated')).toEqual([c])
    expect(await list('view=all&limit=100')).toEqual(expect.arrayContaining([a, b, c]))

    expect(await list('q=zasi%C5%82ek')).toEqual([a])
    expect(await list('q=wi%C5%9Bniewska')).toEqual([b])
    expect(await list('q=600%20300%20555')).toEqual([b])
    expect(await list('q=100%25')).toEqual([])
    expect((await t.api('/api/conversations?q=x', { token: ewa.token })).status).toBe(400)

    const pilne = await label(`pilne-${newClientId()}`)
    expect((await t.api(`/api/conversations/${b}/labels`, { method: 'PUT', token: ewa.token, json: { labelIds: [pilne.id] } })).status).toBe(200)
    expect(await list(`label=${pilne.id}`)).toEqual([b])
    expect(await list(`view=unassigned&label=${pilne.id}&q=sta%C5%BC`)).toEqual([b])
  })
})

describe('labels and priority', () => {
  it('are kept by administrators; set on a conversation by staff, shown in lists, recorded for staff only', async () => {
    expect((await t.api('/api/admin/labels', { method: 'POST', token: ewa.token, json: { name: 'x' } })).status).toBe(403)
    const skarga = await label(`skarga-${newClientId()}`)
    const eures = await label(`eures-${newClientId()}`, '#0055aa')
    expect((await t.api('/api/admin/labels', { method: 'POST', token: admin, json: { name: skarga.name } })).status).toBe(409)
    expect((await t.api('/api/admin/labels', { method: 'POST', token: admin, json: { name: 'zły kolor', color: 'red' } })).status).toBe(400)
    const all = await json<{ items: Label[] }>(t.api('/api/labels', { token: ewa.token }))
    expect(all.items.map((l) => l.id)).toEqual(expect.arrayContaining([skarga.id, eures.id]))

    const { socket: citizen } = await t.visitor()
    const id = (await citizen.request({ type: 'send', clientId: newClientId(), text: 'Chcę złożyć skargę' }, (f) => f.type === 'ack')).conversationId as string
    const set = (labelIds: string[]) => t.api(`/api/conversations/${id}/labels`, { method: 'PUT', token: ewa.token, json: { labelIds } })
    expect((await set([skarga.id, eures.id])).status).toBe(200)
    expect((await set([skarga.id, eures.id])).status).toBe(200)
    expect((await set([skarga.id])).status).toBe(200)
    expect((await set(['00000000-0000-4000-8000-000000000000'])).status).toBe(400)
    expect((await conversation(id)).labels.map((l) => l.name)).toEqual([skarga.name])
    const updates = (await events(id)).filter((e) => e.type === 'update')
    expect(updates.map((e) => [(e.data?.added as Label[]).map((l) => l.name), (e.data?.removed as Label[]).map((l) => l.name)])).toEqual([
      [[eures.name, skarga.name].sort(), []],
      [[], [eures.name]],
    ])

    expect((await t.api(`/api/conversations/${id}/priority`, { method: 'POST', token: ewa.token, json: { priority: 5 } })).status).toBe(200)
    expect((await t.api(`/api/conversations/${id}/priority`, { method: 'POST', token: ewa.token, json: { priority: 500 } })).status).toBe(400)
    expect((await conversation(id)).priority).toBe(5)

    // The citizen sees none of it, live or replayed.
    await citizen.request({ type: 'subscribe', conversationId: id, afterSeq: 0 }, (f) => f.type === 'synced')
    expect(citizen.frames.filter((f) => f.type === 'event').map((f) => (f.event as TimelineEvent).type)).not.toContain('update')
    await citizen.close()
  })
})

describe('snooze, wake-up and reopen', () => {
  it('snoozes until a time; it wakes then on the clock, back to its consultant', async () => {
    const id = await t.newChat('Oddzwonię po południu')
    await pick(id, ewa.token)
    const until = new Date(clock.now().getTime() + 10 * 60_000).toISOString()
    expect((await status(id, { status: 'snoozed', until: clock.now().toISOString() })).status).toBe(400)
    expect((await status(id, { status: 'snoozed' })).status).toBe(400)
    expect((await status(id, { status: 'snoozed', until })).status).toBe(201)
    expect(await conversation(id)).toMatchObject({ status: 'snoozed', snoozedUntil: until, assigneeId: ewa.id })
    expect(await list('view=mine&status=snoozed')).toContain(id)

    clock.advance(9 * 60_000)
    expect((await conversation(id)).status).toBe('snoozed')
    clock.advance(60_000)
    await expect.poll(async () => (await conversation(id)).status, { timeout: 5_000 }).toBe('assigned')
    expect(await conversation(id)).toMatchObject({ assigneeId: ewa.id, snoozedUntil: null })
    const transitions = (await events(id)).filter((e) => e.type === 'status').map((e) => e.data?.transition)
    expect(transitions.slice(-2)).toEqual(['snoozed', 'woke'])
  })

  it('wakes early when the citizen writes, and a resolved conversation reopens as the reopener’s', async () => {
    const { socket: citizen } = await t.visitor()
    const id = (await citizen.request({ type: 'send', clientId: newClientId(), text: 'Dzień dobry' }, (f) => f.type === 'ack')).conversationId as string
    await pick(id, ewa.token)
    await status(id, { status: 'snoozed', until: new Date(clock.now().getTime() + 3_600_000).toISOString() })
    await citizen.request({ type: 'send', clientId: newClientId(), conversationId: id, text: 'Jednak mam pytanie' }, (f) => f.type === 'ack')
    expect(await conversation(id)).toMatchObject({ status: 'assigned', assigneeId: ewa.id, snoozedUntil: null })
    // The woken conversation is not woken again when the old time comes.
    const before = (await events(id)).length
    clock.advance(3_600_000)
    await t.hub.store.dueSnoozes(clock.now(), 10).then((ids) => expect(ids).not.toContain(id))
    expect((await events(id)).length).toBe(before)

    expect((await status(id, { status: 'resolved' })).status).toBe(201)
    expect((await status(id, { status: 'open' }, ola.token)).status).toBe(201)
    expect(await conversation(id)).toMatchObject({ status: 'assigned', assigneeId: ola.id })
    expect((await status(id, { status: 'open' }, ola.token)).status).toBe(409)
    await citizen.close()
  })
})

describe('mentions in notes', () => {
  it('notifies the mentioned consultant live and in their list, once; they mark it read', async () => {
    const id = await t.newChat('Potrzebna konsultacja')
    await pick(id, ewa.token)
    const from = ola.socket.frames.length
    const clientId = newClientId()
    const note = { text: '@Ola czy możesz sprawdzić wniosek?', clientId, private: true, mentions: [ola.id, ewa.id] }
    expect((await t.api(`/api/conversations/${id}/messages`, { method: 'POST', token: ewa.token, json: note })).status).toBe(201)
    // Retried: stored once, notified once.
    expect((await t.api(`/api/conversations/${id}/messages`, { method: 'POST', token: ewa.token, json: note })).status).toBe(200)
    const frame = await ola.socket.next((f) => f.type === 'notification', from)
    expect(frame.notification).toMatchObject({ kind: 'mention', conversationId: id, excerpt: note.text, readAt: null })

    const mine = await json<{ items: { id: string; conversationId: string }[]; unread: number }>(t.api('/api/notifications', { token: ola.token }))
    expect(mine.items.filter((n) => n.conversationId === id)).toHaveLength(1)
    expect(mine.unread).toBe(1)
    // The author is not notified of their own mention.
    expect((await json<{ unread: number }>(t.api('/api/notifications', { token: ewa.token }))).unread).toBe(0)
    const stored = (await events(id)).find((e) => e.type === 'note')!
    expect(stored.data?.mentions).toEqual([{ id: ola.id, name: expect.any(String) }])

    expect((await t.api('/api/notifications/read', { method: 'POST', token: ola.token, json: { all: true } })).status).toBe(200)
    expect((await json<{ unread: number }>(t.api('/api/notifications', { token: ola.token }))).unread).toBe(0)
  })

  it('does not notify second-line staff of another office, who cannot see the conversation', async () => {
    const office = await t.hub.store.ensureOffice({ name: `PUP Obcy ${newClientId()}`, regions: ['0201'] })
    const email = `obcy.${Date.now()}@example.pl`
    const r = await addConsultant(t.hub.store, { email, name: 'Obcy', role: 'second_line', password: 'haslo-drugiej-linii' })
    if (!r.ok) throw new Error(r.message)
    await t.hub.store.setConsultantOffice(r.consultant.id, office.id)
    const id = await t.newChat('Sprawa pierwszej linii')
    await pick(id, ewa.token)
    expect((await t.api(`/api/conversations/${id}/messages`, { method: 'POST', token: ewa.token, json: { text: '@Obcy', clientId: newClientId(), private: true, mentions: [r.consultant.id] } })).status).toBe(201)
    const token = ((await (await t.api('/api/auth/login', { method: 'POST', json: { email, password: 'haslo-drugiej-linii' } })).json()) as { token: string }).token
    expect((await json<{ unread: number }>(t.api('/api/notifications', { token }))).unread).toBe(0)
  })
})

describe('canned responses', () => {
  it('are kept by administrators and supervisors; everyone finds them by shortcut or words', async () => {
    const shortcut = `zasilek-${Date.now().toString(36)}`
    const body = { shortcut, title: 'Zasiłek: wymagane dokumenty', body: 'Dzień dobry {{contact.name}}, do wniosku potrzebne są: dowód osobisty i świadectwa pracy.' }
    expect((await t.api('/api/admin/canned-responses', { method: 'POST', token: ewa.token, json: body })).status).toBe(403)
    const created = await t.api('/api/admin/canned-responses', { method: 'POST', token: admin, json: body })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as CannedResponse
    expect((await t.api('/api/admin/canned-responses', { method: 'POST', token: admin, json: body })).status).toBe(409)
    expect((await t.api('/api/admin/canned-responses', { method: 'POST', token: admin, json: { ...body, shortcut: 'Zły skrót' } })).status).toBe(400)
    const found = await json<{ items: CannedResponse[] }>(t.api(`/api/canned-responses?q=${encodeURIComponent('świadectwa')}`, { token: ewa.token }))
    expect(found.items.map((c) => c.shortcut)).toEqual([shortcut])
    expect((await t.api(`/api/admin/canned-responses/${id}`, { method: 'PATCH', token: admin, json: { title: 'Zasiłek: dokumenty' } })).status).toBe(200)
    expect((await t.api(`/api/admin/canned-responses/${id}`, { method: 'DELETE', token: admin })).status).toBe(204)
    expect((await json<{ items: CannedResponse[] }>(t.api(`/api/canned-responses?q=${shortcut}`, { token: ewa.token }))).items).toEqual([])
  })

  it('and the lists every consultant reads need a signed-in consultant', async () => {
    for (const path of ['/api/labels', '/api/canned-responses', '/api/notifications', '/api/dispositions']) expect([path, (await t.api(path)).status]).toEqual([path, 401])
  })
})
