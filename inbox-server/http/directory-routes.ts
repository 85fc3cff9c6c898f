// Read-only directory for staff: queues, local offices and colleagues, for choosing where to transfer or escalate.
import { Hono } from 'hono'
import type { Store } from '../app/ports.ts'
import type { StaffEnv } from './staff-auth-middleware.ts'

export function directoryRoutes(deps: { store: Store }) {
  const app = new Hono<StaffEnv>()
  app.get('/queues', async (c) => c.json({ items: await deps.store.listQueues() }))
  app.get('/offices', async (c) => c.json({ items: (await deps.store.listOffices()).sort((a, b) => a.name.localeCompare(b.name, 'pl')) }))
  app.get('/consultants', async (c) =>
    c.json({
      items: (await deps.store.listConsultants())
        .filter((x) => !x.disabled)
        .map((x) => ({ id: x.id, name: x.name, role: x.role, presence: x.presence, officeId: x.officeId })),
    }),
  )
  return app
}
