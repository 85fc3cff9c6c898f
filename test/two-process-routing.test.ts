// Two hub processes against one PostgreSQL: 200 chats arrive at both at once, 10 consultants with capacity 3 work
// them off. Nobody ever holds more than 3, and every chat is assigned exactly once.
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/client.ts'
import { addConsultant } from '../inbox-server/app/add-consultant.ts'
import type { Store } from '../inbox-server/app/ports.ts'
import { rowsOf } from '../inbox-server/store/append-event-sql.ts'
import { createDrizzleStore } from '../inbox-server/store/drizzle-store.ts'
import type { Conversation, TimelineEvent } from '../protocol/rest.ts'
import { startHubChild, type HubChild } from './support/hub-children.ts'
import { openTestDatabase } from './support/test-database.ts'
import { TestSocket } from './support/test-socket.ts'
import { newClientId } from './support/test-hub.ts'

const onPostgres = process.env.TEST_DB === 'postgres'
if (!onPostgres) console.log('[two-process] runs on PostgreSQL only (PGlite is one process’s embedded database).')

const CHATS = 200
const PEOPLE = 10
const CAPACITY = 3
const ORIGIN = 'http://portal.example.test'
const ADMIN = { email: 'admin@example.pl', password: 'haslo-administratora-1' }

describe.skipIf(!onPostgres)('two hub processes on one PostgreSQL', () => {
  let database: Database & { url?: string }
  let store: Store
  const nodes: HubChild[] = []

  beforeAll(async () => {
    database = await openTestDatabase()
    store = createDrizzleStore(database)
    const env = {
      DATABASE_URL: database.url!,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ALLOWED_ORIGINS: ORIGIN,
      NATS_URL: process.env.NATS_URL ?? '',
      NATS_SUBJECT: `inboxtest.${randomBytes(6).toString('hex')}`,
    }
    nodes.push(...(await Promise.all([startHubChild(env), startHubChild(env)])))
  }, 120_000)

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()))
    await database?.close()
  })

  async function login(node: HubChild, email: string, password: string): Promise<string> {
    const r = await fetch(`${node.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })
    if (r.status !== 200) throw new Error(`login ${email}: ${r.status}`)
    return ((await r.json()) as { token: string }).token
  }

  it('never gives anyone more than their capacity, and assigns each chat exactly once', async () => {
    const defaults = await store.ensureDefaults()
    await store.updateQueue(defaults.defaultQueueId, { autoAccept: true })
    const people: { id: string; token: string; node: HubChild }[] = []
    for (let i = 0; i < PEOPLE; i++) {
      const email = `k${i}.dwa-procesy@example.pl`
      const r = await addConsultant(store, { email, name: `K${i}`, password: 'haslo-konsultanta-1' })
      if (!r.ok) throw new Error(r.message)
      await store.setRoutingProfile(r.consultant.id, { capacity: { webchat: CAPACITY } })
      await store.setPresence(r.consultant.id, 'available', null, new Date())
      const node = nodes[i % 2]!
      people.push({ id: r.consultant.id, token: await login(node, email, 'haslo-konsultanta-1'), node })
    }

    // Watch the database the whole time: the most any consultant holds at once.
    let maxHeld = 0
    let watching = true
    const watcher = (async () => {
      while (watching) {
        const rows = rowsOf(await database.db.execute(sql`select count(*)::int as n from conversations where status in ('assigned', 'offered') group by assignee_id`))
        for (const r of rows) maxHeld = Math.max(maxHeld, Number(r.n))
        await new Promise((r) => setTimeout(r, 5))
      }
    })()

    // 200 citizens write at the same moment, half to each node.
    const sockets = await Promise.all(
      Array.from({ length: CHATS }, (_, i) => TestSocket.open(`${nodes[i % 2]!.url.replace('http', 'ws')}/ws/visitor`, { origin: ORIGIN })),
    )
    await Promise.all(sockets.map((s) => s.request({ type: 'hello', lang: 'pl' }, (f) => f.type === 'welcome')))
    const acks = await Promise.all(sockets.map((s, i) => s.request({ type: 'send', clientId: newClientId(), text: `Pytanie ${i}` }, (f) => f.type === 'ack')))
    const chats = new Set(acks.map((a) => a.conversationId as string))
    expect(chats.size).toBe(CHATS)
    await Promise.all(sockets.map((s) => s.close()))

    // Each consultant works their chats off through their own node: resolving frees capacity, routing refills it.
    const resolved = new Set<string>()
    await Promise.all(
      people.map(async (p) => {
        const deadline = Date.now() + 120_000
        while (resolved.size < CHATS && Date.now() < deadline) {
          const r = await fetch(`${p.node.url}/api/conversations?assignee=me&status=assigned&limit=50`, { headers: { authorization: `Bearer ${p.token}` } })
          const mine = ((await r.json()) as { items: Conversation[] }).items
          expect(mine.length).toBeLessThanOrEqual(CAPACITY)
          if (mine.length === 0) {
            await new Promise((r) => setTimeout(r, 20))
            continue
          }
          const c = mine[0]!
          const done = await fetch(`${p.node.url}/api/conversations/${c.id}/status`, {
            method: 'POST',
            headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ status: 'resolved' }),
          })
          expect(done.status).toBe(201)
          resolved.add(c.id)
        }
      }),
    )
    watching = false
    await watcher
    expect(resolved.size).toBe(CHATS)
    expect(maxHeld).toBeGreaterThan(0)
    expect(maxHeld).toBeLessThanOrEqual(CAPACITY)

    // The timelines agree: one assignment per chat, to one of the ten.
    const ids = new Set(people.map((p) => p.id))
    for (const id of chats) {
      const events = await store.listEvents(id, 0, 100)
      const assigned = events.filter((e: TimelineEvent) => e.type === 'assignment')
      expect(assigned, id).toHaveLength(1)
      expect(ids.has(assigned[0]!.data?.assigneeId as string)).toBe(true)
    }
    // Both nodes did routing work (each node routes what arrives at it and what its consultants free).
    for (const n of nodes) expect(n.output()).not.toMatch(/routing pass failed/)
  }, 180_000)
})
