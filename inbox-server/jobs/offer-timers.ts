// Arms one timer per open offer on this node's clock; at start it re-arms the offers stored before a restart.
import type { Clock, Logger, Store } from '../app/ports.ts'

export interface OfferTimers {
  arm(conversationId: string, expiresAt: Date): void
  /** Re-arms every stored offer (after a restart, or the offers another node made). */
  reload(): Promise<void>
  stop(): void
}

export function createOfferTimers(deps: { clock: Clock; store: Store; log: Logger; expire: (conversationId: string) => Promise<boolean> }): OfferTimers {
  const armed = new Map<string, () => void>()
  let stopped = false
  return {
    arm(conversationId, expiresAt) {
      if (stopped) return
      armed.get(conversationId)?.()
      const cancel = deps.clock.setTimer(() => {
        armed.delete(conversationId)
        deps.expire(conversationId).catch((err: unknown) => deps.log.error({ err, conversationId }, 'offer expiry failed'))
      }, expiresAt.getTime() - deps.clock.now().getTime())
      armed.set(conversationId, cancel)
    },
    async reload() {
      for (const o of await deps.store.pendingOffers()) this.arm(o.conversationId, o.expiresAt)
    },
    stop() {
      stopped = true
      for (const cancel of armed.values()) cancel()
      armed.clear()
    },
  }
}
