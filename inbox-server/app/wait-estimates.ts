// Estimated waits for citizens in a queue, from the queue's recent pace (read at most every 30 s per queue).
import { estimateWaitSeconds, PACE_WINDOW_MS } from '../domain/routing/estimate-wait.ts'
import type { Clock, Store } from './ports.ts'

const REFRESH_MS = 30_000

export type WaitEstimates = (queueId: string, position: number) => Promise<number | null>

export function createWaitEstimates(deps: { store: Store; clock: Clock }): WaitEstimates {
  const pace = new Map<string, { readAt: number; times: Promise<number[]> }>()
  return async (queueId, position) => {
    const now = deps.clock.now().getTime()
    let p = pace.get(queueId)
    if (!p || now - p.readAt > REFRESH_MS) {
      const times = deps.store.recentAssignments(queueId, new Date(now - PACE_WINDOW_MS)).then((ds) => ds.map((d) => d.getTime()))
      p = { readAt: now, times }
      pace.set(queueId, p)
      times.catch(() => pace.delete(queueId))
    }
    return estimateWaitSeconds(position, await p.times, now)
  }
}
