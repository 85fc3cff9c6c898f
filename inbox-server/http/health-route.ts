// GET /health: liveness, database kind and socket counts, for load balancers and operators.
import { Hono } from 'hono'

export function healthRoute(deps: { dbKind: 'pglite' | 'postgres'; busKind: 'in-process' | 'nats'; version: string; startedAt: number; now: () => number; sockets: () => { visitors: number; staff: number } }) {
  return new Hono().get('/health', (c) =>
    c.json({
      status: 'ok',
      db: deps.dbKind,
      bus: deps.busKind,
      version: deps.version,
      uptimeSeconds: Math.round((deps.now() - deps.startedAt) / 1000),
      sockets: deps.sockets(),
    }),
  )
}
