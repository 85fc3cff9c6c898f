// GET /health: liveness, database kind and socket counts, for load balancers and operators.
import { Hono } from 'hono'

export function healthRoute(deps: {
  dbKind: 'pglite' | 'postgres'
  busKind: 'in-process' | 'nats'
  version: string
  startedAt: number
  now: () => number
  sockets: () => { visitors: number; staff: number }
  pingDatabase: () => Promise<boolean>
}) {
  return new Hono().get('/health', async (c) => {
    const dbUp = await deps.pingDatabase()
    // 503 when the database does not answer, so a load balancer stops sending traffic here.
    return c.json({
      status: dbUp ? 'ok' : 'degraded',
      db: deps.dbKind,
      dbUp,
      bus: deps.busKind,
      version: deps.version,
      uptimeSeconds: Math.round((deps.now() - deps.startedAt) / 1000),
      sockets: deps.sockets(),
    }, dbUp ? 200 : 503)
  })
}
