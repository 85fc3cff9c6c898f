// How far a sent message got, as the providers report it: states only move forward (queued < sent < delivered <
// read), undelivered and failed are final. Callbacks arrive late, twice and out of order; the rank decides.
export type DeliveryState = 'queued' | 'sent' | 'delivered' | 'read' | 'undelivered' | 'failed'

const RANK: Record<DeliveryState, number> = { queued: 1, sent: 2, delivered: 3, read: 4, undelivered: 5, failed: 5 }

export function deliveryRank(state: DeliveryState): number {
  return RANK[state]
}

/** A report moves the message on only if it ranks higher than what is known. */
export function movesForward(known: DeliveryState | null, reported: DeliveryState): boolean {
  return deliveryRank(reported) > (known === null ? 0 : deliveryRank(known))
}
