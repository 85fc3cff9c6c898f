// The widget's estimated wait, end to end on a fake clock: from the pace at which the queue was served lately.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createFakeClock } from './support/fake-clock.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'

const clock = createFakeClock()
let t: TestHub
beforeAll(async () => {
  t = await startTestHub({ clock })
  await t.autoAccept(true)
})
afterAll(() => t?.close())

it('tells a waiting citizen their place over the pace at which the queue was served lately', async () => {
  const anna = await t.consultant('anna.eta@example.pl', 1)
  const from = anna.socket.frames.length
  anna.socket.send({ type: 'presence', state: 'available' })
  await anna.socket.next((f) => f.type === 'presence' && f.consultantId === anna.id, from)

  // Anna takes one chat a minute: three assignments over two minutes.
  for (let i = 0; i < 3; i++) {
    const id = await t.newChat(`Pytanie ${i}`)
    await expect.poll(async () => ((await (await t.api(`/api/conversations/${id}`, { token: anna.token })).json()) as { status: string }).status).toBe('assigned')
    const r = await t.api(`/api/conversations/${id}/status`, { method: 'POST', token: anna.token, json: { status: 'resolved' } })
    expect(r.status).toBe(201)
    clock.advance(60_000)
  }
  // Now she is busy with one more, and the next citizen waits first in line.
  await t.newChat('Zajmuje konsultantkę')
  const { socket } = await t.visitor()
  const ack = await socket.request({ type: 'send', clientId: newClientId(), text: 'Czekam w kolejce' }, (f) => f.type === 'ack')
  const queue = await socket.next((f) => f.type === 'queue' && f.conversationId === ack.conversationId)
  expect(queue.position).toBe(1)
  // 4 assignments in the last 3 minutes: one per 45 s; rounded up to 30 s steps.
  expect(queue.etaSeconds).toBe(60)
  await socket.close()
  await anna.socket.close()
})
