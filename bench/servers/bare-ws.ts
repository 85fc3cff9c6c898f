// Child process: a bare `ws` WebSocketServer with no application logic, the baseline for memory per idle socket.
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { serveParent } from './server-ipc.ts'

await serveParent(async () => {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve)
    wss.once('error', reject)
  })
  return {
    port: (wss.address() as AddressInfo).port,
    dbKind: 'none',
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate()
        wss.close(() => resolve())
      }),
  }
})
