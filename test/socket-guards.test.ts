// Bad frames get an error frame and change nothing; a visitor can neither read nor write another's conversation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TimelineEvent } from '../protocol/rest.ts'
import { visitorExternalId } from '../inbox-server/realtime/visitor-connection.ts'
import { newClientId, startTestHub, WIDGET_ORIGIN, type TestHub } from './support/test-hub.ts'
import { TestSocket, type Frame } from './support/test-socket.ts'

let t: TestHub
let staffToken: string
let conversationId: string
let owner: TestSocket
beforeAll(async () => {
  t = await startTestHub()
  staffToken = await t.login()
  owner = (await t.visitor()).socket
  const clientId = newClientId()
  const ack = await owner.request({ type: 'send', clientId, text: 'Moja sprawa' }, (f) => f.type === 'ack' && f.clientId === clientId)
  conversationId = ack.conversationId as string
})
afterAll(async () => {
  await owner?.close()
  await t?.close()
})

async function storedEvents(): Promise<TimelineEvent[]> {
  const r = await t.api(`/api/conversations/${conversationId}/events`, { token: staffToken })
  return ((await r.json()) as { items: TimelineEvent[] }).items
}
async function conversationCount(): Promise<number> {
  const r = await t.api('/api/conversations?limit=100', { token: staffToken })
  return ((await r.json()) as { items: unknown[] }).items.length
}
const isError = (f: Frame) => f.type === 'error'

describe('socket guards', () => {
  it('answers malformed frames with an error frame and stores nothing', async () => {
    const before = { events: (await storedEvents()).length, conversations: await conversationCount() }
    const cases: [unknown, string][] = [
      ['this is not json', 'bad_json'],
      [{ type: 'teleport', conversationId }, 'bad_frame'],
      [{ type: 'send', clientId: newClientId(), text: 'x'.repeat(20_000) }, 'frame_too_large'],
      [{ type: 'send', clientId: newClientId(), text: '' }, 'bad_frame'],
      [{ type: 'send', clientId: 'bad id with spaces', text: 'hej' }, 'bad_frame'],
      [{ type: 'subscribe', conversationId: 'not-a-uuid', afterSeq: 0 }, 'bad_frame'],
      [[1, 2, 3], 'bad_frame'],
    ]
    for (const [frame, code] of cases) {
      const err = await owner.request(frame, isError)
      expect(err.code, JSON.stringify(frame).slice(0, 80)).toBe(code)
    }
    // The socket survives bad frames and still works.
    expect((await owner.request({ type: 'ping' }, (f) => f.type === 'pong')).type).toBe('pong')
    expect((await storedEvents()).length).toBe(before.events)
    expect(await conversationCount()).toBe(before.conversations)
  })

  it('names the clientId of a refused send, so the widget can mark that message failed', async () => {
    const clientId = newClientId()
    const err = await owner.request({ type: 'send', clientId, text: '   ' }, isError)
    expect(err.clientId).toBe(clientId)
  })

  it('creates no contact for a visitor who only reads, and one as soon as they write', async () => {
    const { socket, welcome } = await t.visitor('a-returning-reader-token-0001')
    expect(welcome.conversations).toEqual([])
    const externalId = visitorExternalId('a-returning-reader-token-0001')
    expect(await t.hub.store.findContact('webchat', externalId)).toBeNull()
    const clientId = newClientId()
    await socket.request({ type: 'send', clientId, text: 'Teraz piszę' }, (f) => f.type === 'ack')
    expect(await t.hub.store.findContact('webchat', externalId)).toEqual(expect.any(String))
    await socket.close()
  })

  it('requires hello before anything else', async () => {
    const s = await TestSocket.open(`${t.hub.url.replace('http', 'ws')}/ws/visitor`, { origin: WIDGET_ORIGIN })
    const clientId = newClientId()
    const err = await s.request({ type: 'send', clientId, text: 'bez hello' }, isError)
    expect(err).toMatchObject({ code: 'not_hello', clientId })
    await s.close()
  })

  it("keeps another visitor out of a conversation: no reading, writing or typing, and nothing stored", async () => {
    const before = await storedEvents()
    const { socket: intruder } = await t.visitor()
    const sub = await intruder.request({ type: 'subscribe', conversationId, afterSeq: 0 }, (f) => f.type === 'error' || f.type === 'event' || f.type === 'synced')
    expect(sub).toMatchObject({ type: 'error', code: 'not_found' })
    const clientId = newClientId()
    const send = await intruder.request({ type: 'send', clientId, conversationId, text: 'wtrącam się' }, (f) => f.type === 'error' || f.type === 'ack')
    expect(send).toMatchObject({ type: 'error', code: 'not_found', clientId })
    const typing = await intruder.request({ type: 'typing', conversationId, on: true }, isError)
    expect(typing.code).toBe('not_found')
    const leave = await intruder.request({ type: 'leave', conversationId }, isError)
    expect(leave.code).toBe('not_found')
    expect(intruder.frames.some((f) => f.type === 'event')).toBe(false)
    expect(await storedEvents()).toEqual(before)
    // The owner's own live feed never showed the intruder.
    expect(owner.frames.some((f) => f.type === 'event' && (f.event as TimelineEvent).text === 'wtrącam się')).toBe(false)
    await intruder.close()
  })

  it('refuses the visitor socket from an origin that is not allowed', async () => {
    const url = `${t.hub.url.replace('http', 'ws')}/ws/visitor`
    expect(await TestSocket.refusal(url, { origin: 'https://evil.example' })).toBe(403)
    expect(await TestSocket.refusal(url)).toBe(403)
  })

  it('refuses the staff socket without a valid token, and from a foreign page even with one', async () => {
    const url = `${t.hub.url.replace('http', 'ws')}/ws/staff`
    expect(await TestSocket.refusal(url)).toBe(401)
    expect(await TestSocket.refusal(url, { authorization: `Bearer ${staffToken}`, origin: 'https://evil.example' })).toBe(403)
    expect(await TestSocket.refusal(url, { authorization: 'Bearer not-a-real-token-at-all-xxxxxxxx' })).toBe(401)
  })

  it('answers bad staff frames with an error frame', async () => {
    const staff = await t.staff(staffToken)
    expect((await staff.request('{', isError)).code).toBe('bad_json')
    expect((await staff.request({ type: 'subscribe', conversationId: crypto.randomUUID(), afterSeq: 0 }, isError)).code).toBe('not_found')
    const clientId = newClientId()
    expect(await staff.request({ type: 'send', clientId, conversationId: crypto.randomUUID(), text: 'x' }, isError)).toMatchObject({ code: 'not_found', clientId })
    await staff.close()
  })
})
