// The Bus over NATS core pub/sub, for several hub nodes on one database: local handlers at once, peers via NATS.
import { randomUUID } from 'node:crypto'
import { connect, type NatsConnection } from '@nats-io/transport-node'
import type { Bus, BusMessage, Logger } from '../app/ports.ts'

interface Envelope {
  origin: string
  msg: BusMessage
}

export async function createNatsBus(opts: { url: string; subject: string; log: Logger }): Promise<Bus> {
  const nodeId = randomUUID()
  const nc: NatsConnection = await connect({ servers: opts.url, name: `inbox-hub-${nodeId}`, maxReconnectAttempts: -1 })
  const handlers = new Set<(msg: BusMessage) => void>()

  function deliver(msg: BusMessage) {
    for (const h of handlers) {
      try {
        h(msg)
      } catch (err) {
        opts.log.error({ err }, 'bus handler failed')
      }
    }
  }

  nc.subscribe(opts.subject, {
    callback(err, m) {
      if (err) return opts.log.error({ err }, 'nats subscription failed')
      try {
        const env = m.json<Envelope>()
        // Our own messages were delivered locally when published.
        if (env.origin !== nodeId) deliver(env.msg)
      } catch (e) {
        opts.log.warn({ err: e }, 'unreadable bus message dropped')
      }
    },
  })
  // The subscription must be registered on the server before this node counts as started.
  await nc.flush()

  return {
    publish(msg) {
      deliver(msg)
      // A lost doorbell is repaired by clients through seq gaps; a failed publish is logged, never thrown.
      try {
        nc.publish(opts.subject, JSON.stringify({ origin: nodeId, msg } satisfies Envelope))
      } catch (err) {
        opts.log.error({ err }, 'nats publish failed')
      }
    },
    subscribe(h) {
      handlers.add(h)
      return () => handlers.delete(h)
    },
    async close() {
      handlers.clear()
      await nc.drain()
    },
  }
}
