// The demo floor loads once and can be loaded again without doubling anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client.ts'
import { openTestDatabase } from '../../test/support/test-database.ts'
import { createDrizzleStore } from '../store/drizzle-store.ts'
import { DEMO_OFFICES, DEMO_QUEUES, loadDemoData } from './load-demo-data.ts'
import type { Store } from './ports.ts'

let database: Database
let store: Store
beforeAll(async () => {
  database = await openTestDatabase()
  store = createDrizzleStore(database)
})
afterAll(() => database?.close())

describe('demo data', () => {
  it('creates topic queues, offices with their second-line queues and staff, and is safe to load twice', async () => {
    const first = await loadDemoData(store, () => 'haslo-demo-123')
    expect(first.queues).toBe(DEMO_QUEUES.length + DEMO_OFFICES.length)
    expect(first.offices).toBe(DEMO_OFFICES.length)
    expect(first.staff).toHaveLength(5)
    const again = await loadDemoData(store, () => 'haslo-demo-123')
    expect(again).toEqual({ queues: 0, offices: 0, staff: [] })
    expect(await store.countConsultants()).toBe(5)
    const dorota = await store.findConsultantByEmail('dorota.pup@example.pl')
    expect(dorota?.role).toBe('second_line')
    const warszawa = (await store.listOffices()).find((o) => o.regions.includes('1465'))
    expect(dorota?.officeId).toBe(warszawa?.id)
    expect((await store.officeQueue(warszawa!.id))?.name).toContain('Warszawy')
    // Skills and language rules, once.
    expect((await store.listSkills()).map((s) => s.key).sort()).toEqual(['eures', 'jezyk-en', 'jezyk-uk'])
    expect((await store.listEntryRules()).map((r) => r.language).sort()).toEqual(['en', 'uk'])
    const eures = (await store.listAdminQueues()).find((q) => q.topic === 'eures')
    expect(eures?.requiredSkills).toEqual(['eures'])
    // A hotline calendar on the first-line queues, and two SLA policies, once.
    const calendars = await store.listCalendars()
    expect(calendars.map((c) => c.name)).toEqual(['Infolinia: pn–pt 8–18'])
    expect(eures?.calendarId).toBe(calendars[0]!.id)
    expect((await store.listSlaPolicies()).map((p) => p.name).sort()).toEqual(['Czat i komunikatory', 'E-mail'])
    const anna = (await store.listAdminConsultants()).find((c) => c.email === 'anna.konsultantka@example.pl')
    expect(anna?.skills).toEqual(['eures', 'jezyk-en'])
  })
})
