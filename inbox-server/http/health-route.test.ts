import { describe, expect, it } from 'vitest'
import { healthRoute } from './health-route.ts'

const deps = (dbUp: boolean) => ({
  dbKind: 'postgres' as const,
  busKind: 'in-process' as const,
  version: '0.0.0',
  startedAt: 0,
  now: () => 5_000,
  sockets: () => ({ visitors: 2, staff: 1 }),
  pingDatabase: async () => dbUp,
})

describe('health route', () => {
  it('says ok with the database kind while the database answers', async () => {
    const r = await healthRoute(deps(true)).request('/health')
    expect(r.status).toBe(200)
    expect(await r.json()).toMatchObject({ status: 'ok', db: 'postgres', dbUp: true, uptimeSeconds: 5, sockets: { visitors: 2, staff: 1 } })
  })
  it('answers 503 when the database does not, so a load balancer takes the node out', async () => {
    const r = await healthRoute(deps(false)).request('/health')
    expect(r.status).toBe(503)
    expect(await r.json()).toMatchObject({ status: 'degraded', dbUp: false })
  })
})
