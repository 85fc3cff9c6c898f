// Widget messages are stored once across resends and reconnects, and replies reach an offline widget in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TimelineEvent } from '../protocol/rest.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'
import type { Frame } from './support/test-socket.ts'

let t: TestHub
let staffToken: string
beforeAll(async () => {
  t = await startTestHub()
  staffToken = await t.login()
})
afterAll(() => t?.close())

async function events(conversationId: string): Promise<TimelineEvent[]> {
  const r = await t.api(`/api/conversations/${conversationId}/events?after=0`, { token: staffToken })
  expect(r.status).toBe(200)
  return ((await r.json()) as { items: TimelineEvent[] }).items
}
const messagesWith = (list: TimelineEvent[], clientId: string) => list.filter((e) => e.type === 'message' && e.clientId === clientId)
const isAck = (clientId: string) => (f: Frame) => f.type === 'ack' && f.clientId === clientId

describe('web chat delivery', () => {
  it('stores a message once when the widget sends the same clientId twice', async () => {
    const { socket } = await t.visitor()
    const clientId = newClientId()
    const first = await socket.request({ type: 'send', clientId, text: 'Dzień dobry, pytanie o zasiłek' }, isAck(clientId))
    const second = await socket.request({ type: 'send', clientId, text: 'Dzień dobry, pytanie o zasiłek' }, (f) => isAck(clientId)(f) && f !== first)
    expect(second.id).toBe(first.id)
    expect(second.seq).toBe(first.seq)
    expect(messagesWith(await events(first.conversationId as string), clientId)).toHaveLength(1)
    await socket.close()
  })

  it('stores a message once when the socket drops before the ack and the widget resends after reconnecting', async () => {
    const { socket, welcome } = await t.visitor()
    const token = welcome.visitorToken as string
    const clientId = newClientId()
    socket.send({ type: 'send', clientId, text: 'Czy mogę się zarejestrować online?' })
    socket.ws.terminate() // gone before any ack could arrive
    const again = await t.visitor(token)
    const ack = await again.socket.request({ type: 'send', clientId, text: 'Czy mogę się zarejestrować online?' }, isAck(clientId))
    const list = await events(ack.conversationId as string)
    expect(messagesWith(list, clientId)).toHaveLength(1)
    expect(messagesWith(list, clientId)[0]?.id).toBe(ack.id)
    await again.socket.close()
  })

  it('stores concurrent resends of one clientId from two sockets once', async () => {
    const { socket: a, welcome } = await t.visitor()
    const { socket: b } = await t.visitor(welcome.visitorToken as string)
    const clientId = newClientId()
    const frame = { type: 'send', clientId, text: 'Wysyłam z dwóch kart' }
    const [ackA, ackB] = await Promise.all([a.request(frame, isAck(clientId)), b.request(frame, isAck(clientId))])
    expect(ackA.id).toBe(ackB.id)
    expect(messagesWith(await events(ackA.conversationId as string), clientId)).toHaveLength(1)
    await Promise.all([a.close(), b.close()])
  })

  it('gives a widget that was offline exactly the three replies written meanwhile, in order', async () => {
    const { socket, welcome } = await t.visitor()
    const token = welcome.visitorToken as string
    const clientId = newClientId()
    const ack = await socket.request({ type: 'send', clientId, text: 'Proszę o kontakt' }, isAck(clientId))
    const conversationId = ack.conversationId as string
    const synced = await socket.request({ type: 'subscribe', conversationId, afterSeq: 0 }, (f) => f.type === 'synced')
    const lastSeq = synced.lastSeq as number
    await socket.close()

    const replies = ['Pierwsza odpowiedź', 'Druga odpowiedź', 'Trzecia odpowiedź']
    for (const text of replies) {
      const r = await t.api(`/api/conversations/${conversationId}/messages`, { method: 'POST', token: staffToken, json: { text, clientId: newClientId() } })
      expect(r.status).toBe(201)
    }

    const back = await t.visitor(token)
    expect(back.welcome.conversations).toEqual([expect.objectContaining({ id: conversationId })])
    const from = back.socket.frames.length
    await back.socket.request({ type: 'subscribe', conversationId, afterSeq: lastSeq }, (f) => f.type === 'synced')
    const received = back.socket.frames
      .slice(from)
      .filter((f) => f.type === 'event')
      .map((f) => f.event as TimelineEvent)
      .filter((e) => e.type === 'message')
    expect(received.map((e) => e.text)).toEqual(replies)
    expect(received.every((e) => e.direction === 'out')).toBe(true)
    expect(received.map((e) => e.seq)).toEqual([...received.map((e) => e.seq)].sort((a, b) => a - b))
    await back.socket.close()
  })

  it('delivers live both ways: citizen to consultant, reply and typing back to the citizen, notes never to the citizen', async () => {
    const { socket: visitor } = await t.visitor()
    const clientId = newClientId()
    const ack = await visitor.request({ type: 'send', clientId, text: 'Halo?' }, isAck(clientId))
    const conversationId = ack.conversationId as string
    const staff = await t.staff(staffToken)
    await staff.request({ type: 'subscribe', conversationId, afterSeq: 0 }, (f) => f.type === 'synced')

    const from = staff.frames.length
    const c2 = newClientId()
    visitor.send({ type: 'send', clientId: c2, conversationId, text: 'Jest ktoś?' })
    const live = await staff.next((f) => f.type === 'event' && (f.event as TimelineEvent).clientId === c2, from)
    expect((live.event as TimelineEvent).direction).toBe('in')
    await staff.next((f) => f.type === 'changed' && f.conversationId === conversationId, from)

    visitor.send({ type: 'typing', conversationId, on: true })
    await staff.next((f) => f.type === 'typing' && f.who === 'visitor' && f.on === true, from)

    const vFrom = visitor.frames.length
    staff.send({ type: 'typing', conversationId, on: true })
    await visitor.next((f) => f.type === 'typing' && f.who === 'staff' && f.on === true, vFrom)
    const note = newClientId()
    await staff.request({ type: 'send', clientId: note, conversationId, text: 'Notatka: sprawdzić w PUP', private: true }, isAck(note))
    const reply = newClientId()
    await staff.request({ type: 'send', clientId: reply, conversationId, text: 'Tak, słucham.' }, isAck(reply))
    const got = await visitor.next((f) => f.type === 'event' && (f.event as TimelineEvent).clientId === reply, vFrom)
    expect((got.event as TimelineEvent).text).toBe('Tak, słucham.')
    expect(visitor.frames.some((f) => f.type === 'event' && (f.event as TimelineEvent).type === 'note')).toBe(false)

    // The reply took the unassigned conversation.
    const conv = (await (await t.api(`/api/conversations/${conversationId}`, { token: staffToken })).json()) as { status: string; assigneeId: string }
    expect(conv.status).toBe('assigned')
    const me = (await (await t.api('/api/auth/me', { token: staffToken })).json()) as { id: string }
    expect(conv.assigneeId).toBe(me.id)

    // A visitor that resubscribes after the note is told the skipped seq is not missing.
    const synced = await visitor.request({ type: 'subscribe', conversationId, afterSeq: 0 }, (f) => f.type === 'synced')
    const visible = visitor.frames.filter((f) => f.type === 'event').map((f) => (f.event as TimelineEvent).seq)
    expect(synced.lastSeq).toBe(Math.max(...visible))
    await Promise.all([visitor.close(), staff.close()])
  })

  it('shows staff that the citizen ended the chat', async () => {
    const { socket: visitor } = await t.visitor()
    const clientId = newClientId()
    const ack = await visitor.request({ type: 'send', clientId, text: 'Dziękuję, to wszystko' }, isAck(clientId))
    const conversationId = ack.conversationId as string
    const staff = await t.staff(staffToken)
    await staff.request({ type: 'subscribe', conversationId, afterSeq: 0 }, (f) => f.type === 'synced')
    const from = staff.frames.length
    visitor.send({ type: 'leave', conversationId })
    const left = await staff.next((f) => f.type === 'event' && (f.event as TimelineEvent).type === 'status', from)
    expect((left.event as TimelineEvent).data).toMatchObject({ transition: 'visitor_left' })
    const conv = (await (await t.api(`/api/conversations/${conversationId}`, { token: staffToken })).json()) as { status: string }
    expect(conv.status).toBe('queued')
    await Promise.all([visitor.close(), staff.close()])
  })
})
