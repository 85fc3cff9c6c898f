// After-call work ends on time across a restart: its end is kept as the presence's start time in the database, so
// the node that starts later (or another node) ends it when the maximum runs out, not never.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/client.ts'
import { createFakeClock } from './support/fake-clock.ts'
import { openTestDatabase } from './support/test-database.ts'
import { startTestHub } from './support/test-hub.ts'

const clock = createFakeClock(Date.parse('2026-12-01T09:00:00Z'))
let database: Database
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(() => database?.close())

describe('durable after-call work', () => {
  it('ends after-call work begun before a restart when its maximum runs out, on the node that started since', async () => {
    const env = { AFTER_CALL_WORK_SECONDS: '60' }
    const a = await startTestHub({ database, clock, env })
    const marta = await a.consultant(`marta.acw.${Date.now()}@example.pl`)
    await a.hub.store.setPresence(marta.id, 'after_call_work', null, clock.now())
    await marta.socket.close()
    await a.close()

    clock.advance(30_000)
    const b = await startTestHub({ database, clock, env })
    const presence = async () => (await b.hub.store.findConsultantById(marta.id))?.presence
    clock.advance(29_000)
    expect(await presence()).toBe('after_call_work')
    clock.advance(1_000)
    await expect.poll(presence, { timeout: 5_000 }).toBe('available')
    await b.close()
  })
})
