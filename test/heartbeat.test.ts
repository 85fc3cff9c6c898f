// Dead sockets are found by protocol pings and dropped; live ones, which answer, stay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'
import type { TestSocket } from './support/test-socket.ts'

let t: TestHub
beforeAll(async () => {
  t = await startTestHub({ heartbeatMs: 150 })
})
afterAll(() => t?.close())

async function writingVisitor(): Promise<TestSocket> {
  const { socket } = await t.visitor()
  const clientId = newClientId()
  await socket.request({ type: 'send', clientId, text: 'Dzień dobry' }, (f) => f.type === 'ack')
  return socket
}
const visitorSockets = async () => ((await (await t.api('/health')).json()) as { sockets: { visitors: number } }).sockets.visitors

describe('heartbeat', () => {
  it('drops a visitor socket that stops answering pings, and keeps one that answers', async () => {
    const dead = await writingVisitor()
    const alive = await writingVisitor()
    expect(await visitorSockets()).toBe(2)
    // A client whose network went away: its socket no longer reads, so it never answers the hub's pings.
    ;(dead.ws as unknown as { _socket: { pause(): void } })._socket.pause()
    await expect.poll(visitorSockets, { timeout: 5_000, interval: 50 }).toBe(1)
    expect((await alive.request({ type: 'ping' }, (f) => f.type === 'pong')).type).toBe('pong')
    dead.ws.terminate()
    await alive.close()
  })
})
