// SLA deadlines are durable and fire once: across a restart (the ones that passed while the hub was down fire when
// it starts, none lost), and with two nodes on one database both holding every deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/client.ts'
import type { TimelineEvent } from '../protocol/rest.ts'
import { createFakeClock } from './support/fake-clock.ts'
import { openTestDatabase } from './support/test-database.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'

const clock = createFakeClock(Date.parse('2026-11-30T09:00:00Z'))
let database: Database
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(() => database?.close())

async function policy(t: TestHub) {
  const token = await t.login()
  const r = await t.api('/api/admin/sla-policies', {
    method: 'POST',
    token,
    json: { name: `Całodobowa ${newClientId()}`, firstResponseSeconds: 60, resolutionSeconds: 120, businessHours: false },
  })
  expect(r.status).toBe(201)
  return (await r.json()) as { id: string }
}

async function steps(t: TestHub, id: string): Promise<string[]> {
  const token = await t.login()
  const items = ((await (await t.api(`/api/conversations/${id}/events`, { token })).json()) as { items: TimelineEvent[] }).items
  return items.filter((e) => e.type === 'sla').map((e) => `${String(e.data?.clock)}:${String(e.data?.step)}`)
}

describe('durable SLA deadlines', () => {
  it('fires the deadlines that passed while the hub was down once when it starts, and the later ones on time', async () => {
    const a = await startTestHub({ database, clock })
    await policy(a)
    const ids = await Promise.all([1, 2, 3].map((i) => a.newChat(`Przed restartem ${i}`)))
    await a.close()

    // Down for 90 s: every first-response warning (48 s) and breach (60 s) passed.
    clock.advance(90_000)
    const b = await startTestHub({ database, clock })
    for (const id of ids) {
      await expect.poll(() => steps(b, id), { timeout: 5_000 }).toEqual(['first_response:started', 'resolution:started', 'first_response:warning', 'first_response:breached'])
    }
    // The resolution clock warns at 96 s and breaches at 120 s, on the running hub.
    clock.advance(30_000)
    for (const id of ids) {
      await expect
        .poll(() => steps(b, id), { timeout: 5_000 })
        .toEqual(['first_response:started', 'resolution:started', 'first_response:warning', 'first_response:breached', 'resolution:warning', 'resolution:breached'])
    }
    await b.close()
  })

  it('fires each deadline once with two nodes holding it', async () => {
    const a = await startTestHub({ database, clock })
    const ids = await Promise.all([1, 2, 3, 4].map((i) => a.newChat(`Dwa węzły ${i}`)))
    // The second node loads every stored deadline when it starts.
    const b = await startTestHub({ database, clock })
    clock.advance(130_000)
    for (const id of ids) {
      await expect.poll(async () => (await steps(a, id)).filter((s) => s.endsWith('breached')).length, { timeout: 5_000 }).toBe(2)
    }
    // Both nodes had every deadline armed; give both time to have fired, then count.
    await Promise.all([a.hub.routeNow(), b.hub.routeNow()])
    for (const id of ids) {
      const s = await steps(b, id)
      expect(s.filter((x) => x === 'first_response:breached')).toHaveLength(1)
      expect(s.filter((x) => x === 'resolution:breached')).toHaveLength(1)
      expect(s.filter((x) => x.endsWith('warning'))).toHaveLength(2)
    }
    await b.close()
    await a.close()
  })
})
