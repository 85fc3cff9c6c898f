// The default Bus: delivery to subscribers in this process only (NATS joins several hub nodes).
import type { Bus, BusMessage } from '../app/ports.ts'

export function createInProcessBus(onHandlerError: (err: unknown) => void): Bus {
  const handlers = new Set<(msg: BusMessage) => void>()
  return {
    publish(msg) {
      for (const h of handlers) {
        try {
          h(msg)
        } catch (err) {
          onHandlerError(err)
        }
      }
    },
    subscribe(h) {
      handlers.add(h)
      return () => handlers.delete(h)
    },
    async close() {
      handlers.clear()
    },
  }
}
