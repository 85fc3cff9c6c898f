// Two hub nodes on one database joined by NATS: a citizen on one node and a consultant on the other talk live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Conversation, TimelineEvent } from '../protocol/rest.ts'
import { addConsultant } from '../inbox-server/app/add-consultant.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'

const natsUrl = process.env.NATS_URL
if (!natsUrl) console.log('[multi-node] NATS_URL is not set: the two-node test needs a NATS server and is skipped.')

describe.skipIf(!natsUrl)('two hub nodes over NATS', () => {
  let a: TestHub
  let b: TestHub
  beforeAll(async () => {
    a = await startTestHub({ nats: true })
    b = await startTestHub({ database: a.database, natsSubject: a.natsSubject, nats: true })
  })
  afterAll(async () => {
    await b?.close()
    await a?.close()
  })

  it('delivers a visitor message on node A to a consultant on node B, and the reply back', async () => {
    expect(a.hub.busKind).toBe('nats')
    expect(b.hub.busKind).toBe('nats')
    const { socket: visitor } = await a.visitor()
    const clientId = newClientId()
    const ack = await visitor.request({ type: 'send', clientId, text: 'Pytanie przez węzeł A' }, (f) => f.type === 'ack')
    const conversationId = ack.conversationId as string

    const staff = await b.staff(await b.login())
    await staff.request({ type: 'subscribe', conversationId, afterSeq: ack.seq as number }, (f) => f.type === 'synced')
    const from = staff.frames.length
    const second = newClientId()
    visitor.send({ type: 'send', clientId: second, conversationId, text: 'Drugie pytanie' })
    const live = await staff.next((f) => f.type === 'event' && (f.event as TimelineEvent).clientId === second, from)
    expect((live.event as TimelineEvent).text).toBe('Drugie pytanie')

    const reply = newClientId()
    const vFrom = visitor.frames.length
    staff.send({ type: 'send', clientId: reply, conversationId, text: 'Odpowiedź z węzła B' })
    const back = await visitor.next((f) => f.type === 'event' && (f.event as TimelineEvent).clientId === reply, vFrom)
    expect((back.event as TimelineEvent).direction).toBe('out')
    await Promise.all([visitor.close(), staff.close()])
  })

  it('never over-assigns a consultant nor assigns a conversation twice when chats arrive at both nodes at once', async () => {
    await a.autoAccept(true)
    const people = []
    for (let i = 0; i < 5; i++) {
      const r = await addConsultant(a.hub.store, { email: `node-test-${i}@example.pl`, name: `K${i}`, password: 'haslo-konsultanta-1' })
      if (!r.ok) throw new Error(r.message)
      await a.hub.store.setRoutingProfile(r.consultant.id, { capacity: { webchat: 3 } })
      people.push(r.consultant.id)
    }
    const chats = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const { socket } = await (i % 2 ? a : b).visitor()
        const clientId = newClientId()
        const ack = await socket.request({ type: 'send', clientId, text: `Równolegle ${i}` }, (f) => f.type === 'ack')
        await socket.close()
        return ack.conversationId as string
      }),
    )
    // Everyone becomes available at once, and both nodes route the same waiting chats at the same moment.
    for (const p of people) await a.hub.store.setPresence(p, 'available', null, new Date())
    await Promise.all([a.hub.routeNow(), b.hub.routeNow(), a.hub.routeNow(), b.hub.routeNow()])
    const token = await a.login()
    const assigned = async () => {
      const all = await Promise.all(chats.map(async (id) => (await (await a.api(`/api/conversations/${id}`, { token })).json()) as Conversation))
      return all.filter((c) => c.status === 'assigned')
    }
    await expect.poll(async () => (await assigned()).length, { timeout: 10_000 }).toBe(15)
    const final = await assigned()
    for (const p of people) expect(final.filter((c) => c.assigneeId === p).length).toBe(3)
    for (const id of chats) {
      const events = ((await (await a.api(`/api/conversations/${id}/events`, { token })).json()) as { items: TimelineEvent[] }).items
      expect(events.filter((e) => e.type === 'assignment').length).toBeLessThanOrEqual(1)
    }
  })
})
