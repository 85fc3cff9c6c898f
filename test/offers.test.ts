// Offers: accept in time to take a conversation; decline or let it ring out and it goes to the next consultant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Conversation, TimelineEvent } from '../protocol/rest.ts'
import { addConsultant } from '../inbox-server/app/add-consultant.ts'
import { createFakeClock } from './support/fake-clock.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'
import type { Frame, TestSocket } from './support/test-socket.ts'

const clock = createFakeClock()
let t: TestHub
let admin: string
beforeAll(async () => {
  t = await startTestHub({ clock })
  admin = await t.login()
})
afterAll(() => t?.close())

interface Person {
  id: string
  socket: TestSocket
}

async function available(email: string, webchatCapacity = 3): Promise<Person> {
  const { id, socket } = await t.consultant(email, webchatCapacity)
  await socket.request({ type: 'presence', state: 'available' }, (f) => f.type === 'presence' && f.consultantId === id)
  return { id, socket }
}

const newChat = (text: string) => t.newChat(text)
const conversation = async (id: string) => (await (await t.api(`/api/conversations/${id}`, { token: admin })).json()) as Conversation
const events = async (id: string) => ((await (await t.api(`/api/conversations/${id}/events`, { token: admin })).json()) as { items: TimelineEvent[] }).items
const offerOf = (conversationId: string) => (f: Frame) => f.type === 'offer' && f.conversationId === conversationId

describe('offers', () => {
  it('offers a chat to one consultant, who takes it by accepting in time', async () => {
    const ewa = await available('ewa.offers@example.pl')
    const { socket: citizen } = await t.visitor()
    const clientId = newClientId()
    const id = (await citizen.request({ type: 'send', clientId, text: 'Proszę o pomoc' }, (f) => f.type === 'ack')).conversationId as string
    const offer = await ewa.socket.next(offerOf(id))
    expect(Date.parse(offer.expiresAt as string) - clock.now().getTime()).toBe(30_000)
    expect(await conversation(id)).toMatchObject({ status: 'offered', assigneeId: ewa.id })

    ewa.socket.send({ type: 'accept', conversationId: id })
    await expect.poll(async () => (await conversation(id)).status).toBe('assigned')
    const steps = (await events(id)).filter((e) => e.type === 'routing' || e.type === 'assignment').map((e) => e.data?.step ?? e.data?.by)
    expect(steps).toEqual(['offered', 'accepted'])
    // Accepting again, or an offer that is not yours, is refused with a clear error.
    const again = await ewa.socket.request({ type: 'accept', conversationId: id }, (f) => f.type === 'error')
    expect(again.code).toBe('offer_gone')
    // The citizen sees the assignment, never the offers inside the centre, live or replayed.
    await citizen.request({ type: 'subscribe', conversationId: id, afterSeq: 0 }, (f) => f.type === 'synced')
    const seen = citizen.frames.filter((f) => f.type === 'event').map((f) => (f.event as TimelineEvent).type)
    expect(seen).toContain('assignment')
    expect(seen).not.toContain('routing')
    await citizen.close()
    ewa.socket.send({ type: 'presence', state: 'offline' })
    await ewa.socket.next((f) => f.type === 'presence' && f.state === 'offline')
    await ewa.socket.close()
  })

  it('goes back to the head of the queue and to the next consultant when nobody answers in time, on the clock', async () => {
    const jan = await available('jan.offers@example.pl')
    const id = await newChat('Czy ktoś tu jest?')
    await jan.socket.next(offerOf(id))
    const ola = await available('ola.offers@example.pl')

    const from = jan.socket.frames.length
    clock.advance(29_000)
    expect((await conversation(id)).assigneeId).toBe(jan.id)
    clock.advance(1_000)
    // Jan did not answer: the chat is offered to Ola, Jan is marked not responding and gets nothing more.
    await ola.socket.next(offerOf(id))
    await jan.socket.next((f) => f.type === 'presence' && f.consultantId === jan.id && f.state === 'busy' && f.reason === 'not_responding', from)
    expect(await conversation(id)).toMatchObject({ status: 'offered', assigneeId: ola.id })
    const steps = (await events(id)).filter((e) => e.type === 'routing').map((e) => e.data?.step)
    expect(steps).toEqual(['offered', 'timed_out', 'offered'])
    // A late accept by Jan is refused.
    expect((await jan.socket.request({ type: 'accept', conversationId: id }, (f) => f.type === 'error')).code).toBe('offer_gone')

    ola.socket.send({ type: 'decline', conversationId: id })
    // Declined by Ola and rung out on Jan, with nobody else available it waits in the queue.
    await expect.poll(async () => (await conversation(id)).status).toBe('queued')
    expect((await events(id)).filter((e) => e.type === 'routing').map((e) => e.data?.step)).toEqual(['offered', 'timed_out', 'offered', 'declined'])
    for (const p of [jan, ola]) {
      p.socket.send({ type: 'presence', state: 'offline' })
      await p.socket.next((f) => f.type === 'presence' && f.consultantId === p.id && f.state === 'offline')
      await p.socket.close()
    }
  })

  it('tells a waiting citizen their place in the queue, on arrival, on reconnect and as it moves up', async () => {
    // The chat declined by everyone above still waits at the head of the queue.
    const { socket: citizen, welcome } = await t.visitor()
    const clientId = newClientId()
    const id = (await citizen.request({ type: 'send', clientId, text: 'Czekam w kolejce' }, (f) => f.type === 'ack')).conversationId as string
    const first = await citizen.next((f) => f.type === 'queue' && f.conversationId === id)
    expect(first.position).toBe(2)

    // Reconnecting, the citizen learns the place at once.
    const again = await t.visitor(welcome.visitorToken as string)
    const replayed = await again.socket.request({ type: 'subscribe', conversationId: id, afterSeq: 0 }, (f) => f.type === 'queue')
    expect(replayed.position).toBe(2)
    await again.socket.close()

    // Someone new, with room for one chat, becomes available and is offered the chat ahead: this one moves up.
    const from = citizen.frames.length
    const kasia = await available('kasia.offers@example.pl', 1)
    const moved = await citizen.next((f) => f.type === 'queue' && f.conversationId === id, from)
    expect(moved.position).toBe(1)
    await Promise.all([citizen.close(), kasia.socket.close()])
  })

  it('widens a queue to its overflow queue once a chat has waited past the overflow time', async () => {
    const eures = await t.hub.store.createQueue({ name: 'EURES (nadmiar)' })
    const offers = await t.hub.store.createQueue({ name: 'Oferty (z nadmiarem)', topic: 'oferty-nadmiar' })
    await t.hub.store.updateQueue(offers.id, { overflowQueueId: eures.id, overflowAfterSeconds: 60 })
    // Ula serves only the overflow queue.
    const r = await addConsultant(t.hub.store, { email: 'ula.offers@example.pl', name: 'Ula', password: 'haslo-konsultanta-1' })
    if (!r.ok) throw new Error(r.message)
    await t.hub.store.leaveQueue(r.consultant.id, (await t.hub.store.ensureDefaults()).defaultQueueId)
    await t.hub.store.joinQueue(r.consultant.id, eures.id)
    const login = await t.api('/api/auth/login', { method: 'POST', json: { email: 'ula.offers@example.pl', password: 'haslo-konsultanta-1' } })
    const ula = { id: r.consultant.id, socket: await t.staff(((await login.json()) as { token: string }).token) }
    await ula.socket.request({ type: 'presence', state: 'available' }, (f) => f.type === 'presence' && f.consultantId === ula.id)

    const { socket: citizen } = await t.visitor()
    const clientId = newClientId()
    const id = (await citizen.request({ type: 'send', clientId, text: 'Szukam pracy', topic: 'oferty-nadmiar' }, (f) => f.type === 'ack')).conversationId as string
    await t.hub.routeNow()
    expect((await conversation(id)).status).toBe('queued')
    clock.advance(59_000)
    await t.hub.routeNow()
    expect((await conversation(id)).status).toBe('queued')
    clock.advance(1_000)
    await t.hub.routeNow()
    await ula.socket.next(offerOf(id))
    expect(await conversation(id)).toMatchObject({ status: 'offered', assigneeId: ula.id, queueId: offers.id })
    await Promise.all([citizen.close(), ula.socket.close()])
  })
})
