// Two hub nodes on one database joined by NATS: a citizen on one node and a consultant on the other talk live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TimelineEvent } from '../protocol/rest.ts'
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
})
