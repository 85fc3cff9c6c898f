// Routing reads a window of each queue's longest waiting: a queue nobody serves never hides another queue's
// conversations, and a pass that left some out and made progress is followed by the next at once.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { AdminQueue } from '../protocol/admin.ts'
import type { Conversation } from '../protocol/rest.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'

let t: TestHub
let admin: string
beforeAll(async () => {
  // Two per queue, four in all, per pass.
  t = await startTestHub({ passLimits: { perQueue: 2, total: 4 } })
  admin = await t.login()
})
afterAll(() => t?.close())

async function queue(name: string, topic: string): Promise<AdminQueue> {
  const r = await t.api('/api/admin/queues', { method: 'POST', token: admin, json: { name, topic, autoAccept: true } })
  expect(r.status).toBe(201)
  return (await r.json()) as AdminQueue
}

async function chat(topic: string, i: number): Promise<string> {
  const { socket } = await t.visitor()
  const ack = await socket.request({ type: 'send', clientId: newClientId(), text: `Pytanie ${i}`, topic }, (f) => f.type === 'ack')
  await socket.close()
  return ack.conversationId as string
}

it('serves a queue behind one nobody serves, and more than one window of it in one go', async () => {
  await queue('Bez obsady', 'bez-obsady')
  const served = await queue('Obsadzona', 'obsadzona')
  // The unserved queue's chats are older and would fill a single shared window.
  for (let i = 0; i < 5; i++) await chat('bez-obsady', i)
  const ids: string[] = []
  for (let i = 0; i < 5; i++) ids.push(await chat('obsadzona', i))

  const ola = await t.consultant('ola.okna@example.pl', 5)
  const patched = await t.api(`/api/admin/consultants/${ola.id}`, { method: 'PATCH', token: admin, json: { queueIds: [served.id] } })
  expect(patched.status).toBe(200)
  const from = ola.socket.frames.length
  ola.socket.send({ type: 'presence', state: 'available' })
  await ola.socket.next((f) => f.type === 'presence' && f.consultantId === ola.id, from)
  // One trigger; the windows hold two of her queue at a time, so this takes three passes without any other event.
  await t.hub.routeNow()
  const status = async (id: string) => ((await (await t.api(`/api/conversations/${id}`, { token: admin })).json()) as Conversation).assigneeId
  for (const id of ids) expect(await status(id)).toBe(ola.id)
  await ola.socket.close()
})
