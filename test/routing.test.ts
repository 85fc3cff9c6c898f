// Routing end to end: presence, capacity per channel, assignment on arrival, capacity freed by resolving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Conversation, TimelineEvent } from '../protocol/rest.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'

let t: TestHub
beforeAll(async () => {
  t = await startTestHub()
  // Offers and their time-outs are tested in offers.test.ts; here an assignment is final at once.
  await t.autoAccept(true)
})
afterAll(() => t?.close())

const consultant = (email: string, webchatCapacity: number) => t.consultant(email, webchatCapacity)
const newChat = (text: string) => t.newChat(text)

async function conversation(id: string, token: string): Promise<Conversation> {
  return (await (await t.api(`/api/conversations/${id}`, { token })).json()) as Conversation
}

describe('routing', () => {
  it('assigns waiting chats to an available consultant up to their capacity, and the next one when they resolve one', async () => {
    const ewa = await consultant('ewa.routing@example.pl', 2)
    const first = await newChat('Pytanie 1')
    const second = await newChat('Pytanie 2')
    const third = await newChat('Pytanie 3')
    // Offline consultants get nothing.
    expect((await conversation(first, ewa.token)).status).toBe('queued')

    const from = ewa.socket.frames.length
    ewa.socket.send({ type: 'presence', state: 'available' })
    await ewa.socket.next((f) => f.type === 'presence' && f.consultantId === ewa.id && f.state === 'available', from)
    await expect.poll(async () => (await conversation(second, ewa.token)).assigneeId, { timeout: 5_000 }).toBe(ewa.id)
    const statuses = await Promise.all([first, second, third].map(async (id) => (await conversation(id, ewa.token)).status))
    // Oldest first, and never over the capacity of 2.
    expect(statuses).toEqual(['assigned', 'assigned', 'queued'])

    const events = ((await (await t.api(`/api/conversations/${first}/events`, { token: ewa.token })).json()) as { items: TimelineEvent[] }).items
    expect(events.filter((e) => e.type === 'assignment')).toEqual([expect.objectContaining({ data: expect.objectContaining({ assigneeId: ewa.id, by: 'routing' }) })])

    const resolved = await t.api(`/api/conversations/${first}/status`, { method: 'POST', token: ewa.token, json: { status: 'resolved' } })
    expect(resolved.status).toBe(201)
    await expect.poll(async () => (await conversation(third, ewa.token)).assigneeId, { timeout: 5_000 }).toBe(ewa.id)
    expect((await t.api(`/api/conversations/${first}/status`, { method: 'POST', token: ewa.token, json: { status: 'resolved' } })).status).toBe(409)

    // A new chat while she is at capacity waits; on a break she gets nothing more either.
    ewa.socket.send({ type: 'presence', state: 'break', reason: 'przerwa' })
    await ewa.socket.next((f) => f.type === 'presence' && f.state === 'break', from)
    const fourth = await newChat('Pytanie 4')
    await t.api(`/api/conversations/${second}/status`, { method: 'POST', token: ewa.token, json: { status: 'resolved' } })
    expect((await conversation(fourth, ewa.token)).status).toBe('queued')
    await ewa.socket.close()
  })

  it('spreads arrivals over available consultants, longest idle first', async () => {
    const adam = await consultant('adam.routing@example.pl', 3)
    const ola = await consultant('ola.routing@example.pl', 3)
    for (const c of [adam, ola]) {
      c.socket.send({ type: 'presence', state: 'available' })
      await c.socket.next((f) => f.type === 'presence' && f.consultantId === c.id)
    }
    const ids: string[] = []
    for (let i = 0; i < 4; i++) ids.push(await newChat(`Kolejka ${i}`))
    await expect.poll(async () => {
      const all = await Promise.all(ids.map((id) => conversation(id, adam.token)))
      return all.filter((c) => c.status === 'assigned').length
    }, { timeout: 5_000 }).toBe(4)
    const all = await Promise.all(ids.map((id) => conversation(id, adam.token)))
    const per = (cid: string) => all.filter((c) => c.assigneeId === cid).length
    expect(per(adam.id) + per(ola.id)).toBe(4)
    expect(Math.abs(per(adam.id) - per(ola.id))).toBeLessThanOrEqual(1)
    await Promise.all([adam.socket.close(), ola.socket.close()])
  })

  it('lets a consultant pick a waiting chat by hand, racing routing: one wins, the other hears 409', async () => {
    // Nobody takes chats automatically until the race below.
    for (const email of ['adam.routing@example.pl', 'ola.routing@example.pl']) {
      const c = await t.hub.store.findConsultantByEmail(email)
      await t.hub.store.setPresence(c!.id, 'offline', null, new Date())
    }
    const piotr = await consultant('piotr.routing@example.pl', 3)
    const id = await newChat('Wezmę tę rozmowę')
    const picked = await t.api(`/api/conversations/${id}/pick`, { method: 'POST', token: piotr.token })
    expect(picked.status).toBe(201)
    expect(await conversation(id, piotr.token)).toMatchObject({ status: 'assigned', assigneeId: piotr.id })
    const again = await t.api(`/api/conversations/${id}/pick`, { method: 'POST', token: piotr.token })
    expect(again.status).toBe(409)
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('conflict')

    const contested = await newChat('Kto pierwszy?')
    const zofia = await consultant('zofia.routing@example.pl', 3)
    await t.hub.store.setPresence(zofia.id, 'available', null, new Date())
    const [pick] = await Promise.all([t.api(`/api/conversations/${contested}/pick`, { method: 'POST', token: piotr.token }), t.hub.routeNow()])
    const winner = (await conversation(contested, piotr.token)).assigneeId
    expect(winner).toBe(pick.status === 201 ? piotr.id : zofia.id)
    if (pick.status !== 201) expect(pick.status).toBe(409)
    const events = ((await (await t.api(`/api/conversations/${contested}/events`, { token: piotr.token })).json()) as { items: TimelineEvent[] }).items
    expect(events.filter((e) => e.type === 'assignment')).toHaveLength(1)
    await Promise.all([piotr.socket.close(), zofia.socket.close()])
  })

  it('transfers to another queue or to a consultant, with a note only staff see', async () => {
    const eures = await t.hub.store.createQueue({ name: 'EURES — praca za granicą' })
    const marek = await consultant('marek.routing@example.pl', 3)
    const { socket: citizen } = await t.visitor()
    const clientId = newClientId()
    const id = (await citizen.request({ type: 'send', clientId, text: 'Chcę pracować w Niemczech' }, (f) => f.type === 'ack')).conversationId as string
    const post = (body: unknown) => t.api(`/api/conversations/${id}/transfer`, { method: 'POST', token: marek.token, json: body })

    expect((await post({ queueId: eures.id, consultantId: marek.id })).status).toBe(400)
    expect((await post({ queueId: crypto.randomUUID() })).status).toBe(404)

    const toQueue = await post({ queueId: eures.id, note: 'Pytanie o pracę w Niemczech, dla doradcy EURES' })
    expect(toQueue.status).toBe(201)
    expect(await conversation(id, marek.token)).toMatchObject({ status: 'queued', queueId: eures.id, assigneeId: null })

    const toPerson = await post({ consultantId: marek.id, note: 'Przejmij, proszę' })
    expect(toPerson.status).toBe(201)
    expect(await conversation(id, marek.token)).toMatchObject({ status: 'assigned', assigneeId: marek.id })

    const events = ((await (await t.api(`/api/conversations/${id}/events`, { token: marek.token })).json()) as { items: TimelineEvent[] }).items
    expect(events.filter((e) => e.type === 'routing').map((e) => e.data?.note)).toEqual(['Pytanie o pracę w Niemczech, dla doradcy EURES', 'Przejmij, proszę'])
    // The citizen sees who has the conversation, not the notes between staff.
    await citizen.request({ type: 'subscribe', conversationId: id, afterSeq: 0 }, (f) => f.type === 'synced')
    expect(JSON.stringify(citizen.frames)).not.toContain('doradcy EURES')

    await t.api(`/api/conversations/${id}/status`, { method: 'POST', token: marek.token, json: { status: 'resolved' } })
    expect((await post({ queueId: eures.id })).status).toBe(409)
    await Promise.all([citizen.close(), marek.socket.close()])
  })

  it('puts a new chat in the queue of the topic the citizen picked, and unknown topics in the default queue', async () => {
    const benefits = await t.hub.store.createQueue({ name: 'Zasiłek dla bezrobotnych', topic: 'zasilek' })
    const { socket, welcome } = await t.visitor()
    expect(welcome.topics).toContainEqual({ key: 'zasilek', name: 'Zasiłek dla bezrobotnych' })
    const clientId = newClientId()
    const ack = await socket.request({ type: 'send', clientId, text: 'Kiedy wypłata zasiłku?', topic: 'zasilek' }, (f) => f.type === 'ack')
    const token = await t.login()
    expect((await conversation(ack.conversationId as string, token)).queueId).toBe(benefits.id)
    await socket.close()

    const other = await t.visitor()
    const c2 = newClientId()
    const ack2 = await other.socket.request({ type: 'send', clientId: c2, text: 'Inna sprawa', topic: 'nie-ma-takiego' }, (f) => f.type === 'ack')
    const defaults = await t.hub.store.ensureDefaults()
    expect((await conversation(ack2.conversationId as string, token)).queueId).toBe(defaults.defaultQueueId)
    await other.socket.close()
  })

  it('sends a first message without a topic to the queue its words point to', async () => {
    const online = await t.hub.store.createQueue({ name: 'Pomoc z usługami online', keywords: ['hasl', 'login', 'kont'] })
    const { socket } = await t.visitor()
    const clientId = newClientId()
    const ack = await socket.request({ type: 'send', clientId, text: 'Nie pamiętam hasła do konta na portalu' }, (f) => f.type === 'ack')
    expect((await conversation(ack.conversationId as string, await t.login())).queueId).toBe(online.id)
    await socket.close()
  })
})
