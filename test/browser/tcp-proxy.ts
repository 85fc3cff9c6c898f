// A TCP proxy between a browser page and the hub, for cutting the page's network on purpose: `cut()` destroys every
// connection through it (HTTP and WebSocket alike) and holds new ones unanswered until `restore()`, which then passes
// them on. The page loads from the proxy's URL; the hub never notices anything but closed sockets.
import { connect, createServer, type Server, type Socket } from 'node:net'

export interface TcpProxy {
  /** http://127.0.0.1:<port> of the proxy. */
  url: string
  /** Drops every connection now and holds new ones until restore(). */
  cut(): void
  /** Passes held and new connections on to the hub again. */
  restore(): void
  /** How many connections were made through the proxy so far (held ones included). */
  connections(): number
  close(): Promise<void>
}

export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port } = new URL(target)
  const open = new Set<Socket>()
  let held: Socket[] = []
  let down = false
  let made = 0

  const pass = (client: Socket) => {
    const upstream = connect(Number(port), hostname)
    open.add(client)
    open.add(upstream)
    const drop = () => {
      client.destroy()
      upstream.destroy()
      open.delete(client)
      open.delete(upstream)
    }
    client.on('error', drop).on('close', drop)
    upstream.on('error', drop).on('close', drop)
    client.pipe(upstream)
    upstream.pipe(client)
    client.resume()
  }

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    made += 1
    if (!down) return pass(client)
    // Held: the browser's request waits, as on a dead network, until the network comes back.
    client.on('error', () => client.destroy())
    held.push(client)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  if (!address || typeof address !== 'object') throw new Error('proxy has no port')

  return {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      down = true
      for (const socket of open) socket.destroy()
      open.clear()
    },
    restore() {
      down = false
      const waiting = held
      held = []
      for (const client of waiting) if (!client.destroyed) pass(client)
    },
    connections: () => made,
    async close() {
      for (const socket of [...open, ...held]) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
