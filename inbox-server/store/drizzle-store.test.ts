// The store keeps each conversation's seq gap-free and unique even under concurrent writers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client.ts'
import { openTestDatabase } from '../../test/support/test-database.ts'
import { ConcurrentDuplicate, type Store } from '../app/ports.ts'
import { createDrizzleStore } from './drizzle-store.ts'

let database: Database
let store: Store
beforeAll(async () => {
  database = await openTestDatabase()
  store = createDrizzleStore(database)
})
afterAll(() => database?.close())

describe('drizzle store', () => {
  it('gives concurrent appends to one conversation the seqs 1..N without gaps or repeats', async () => {
    const defaults = await store.ensureDefaults()
    const contactId = await store.findOrCreateContact('webchat', 'visitor-seq-test')
    const conv = await store.transaction((tx) =>
      tx.insertConversation({ contactId, channelId: defaults.webchatChannelId, channelKind: 'webchat', queueId: defaults.defaultQueueId, now: new Date() }),
    )
    const n = 30
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        store.transaction((tx) =>
          tx.appendEvent({ conversationId: conv.id }, { type: 'message', direction: 'in', text: `m${i}`, author: { kind: 'contact', id: contactId, name: null } }, new Date()),
        ),
      ),
    )
    const events = await store.listEvents(conv.id, 0, 100)
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1))
    expect((await store.getConversation(conv.id))?.lastSeq).toBe(n)
  })

  it('rolls a failed transaction back without burning a seq', async () => {
    const defaults = await store.ensureDefaults()
    const contactId = await store.findOrCreateContact('webchat', 'visitor-rollback-test')
    const conv = await store.transaction((tx) =>
      tx.insertConversation({ contactId, channelId: defaults.webchatChannelId, channelKind: 'webchat', queueId: null, now: new Date() }),
    )
    const author = { kind: 'contact' as const, id: contactId, name: null }
    await expect(
      store.transaction(async (tx) => {
        await tx.appendEvent({ conversationId: conv.id }, { type: 'message', direction: 'in', text: 'lost', author }, new Date())
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    const e = await store.transaction((tx) => tx.appendEvent({ conversationId: conv.id }, { type: 'message', direction: 'in', text: 'kept', author }, new Date()))
    expect(e?.event.seq).toBe(1)
  })

  it('writes nothing for a conversation that is not the given contact\'s', async () => {
    const defaults = await store.ensureDefaults()
    const owner = await store.findOrCreateContact('webchat', 'owner-x')
    const other = await store.findOrCreateContact('webchat', 'other-x')
    const conv = await store.transaction((tx) =>
      tx.insertConversation({ contactId: owner, channelId: defaults.webchatChannelId, channelKind: 'webchat', queueId: null, now: new Date() }),
    )
    const r = await store.transaction((tx) =>
      tx.appendEvent({ conversationId: conv.id, contactId: other }, { type: 'message', direction: 'in', text: 'x', author: { kind: 'contact', id: other, name: null } }, new Date()),
    )
    expect(r).toBeNull()
    expect((await store.getConversation(conv.id))?.lastSeq).toBe(0)
  })

  it('refuses a second event with the same author and clientId, giving its seq back', async () => {
    const defaults = await store.ensureDefaults()
    const contactId = await store.findOrCreateContact('webchat', 'twice-x')
    const conv = await store.transaction((tx) =>
      tx.insertConversation({ contactId, channelId: defaults.webchatChannelId, channelKind: 'webchat', queueId: null, now: new Date() }),
    )
    const send = () =>
      store.transaction((tx) =>
        tx.appendEvent({ conversationId: conv.id }, { type: 'message', direction: 'in', text: 'raz', clientId: 'same-client-id', author: { kind: 'contact', id: contactId, name: null } }, new Date()),
      )
    const results = await Promise.allSettled([send(), send()])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.find((r) => r.status === 'rejected')
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(ConcurrentDuplicate)
    expect((await store.getConversation(conv.id))?.lastSeq).toBe(1)
    expect(await store.listEvents(conv.id, 0, 10)).toHaveLength(1)
  })

  it('creates the first account once when two nodes start at the same time', async () => {
    const c = (email: string) => ({ email, name: 'Administrator', role: 'admin' as const, passwordHash: 'x' })
    const [a, b] = await Promise.all([store.insertFirstConsultant(c('a@example.pl')), store.insertFirstConsultant(c('b@example.pl'))])
    expect([a, b].filter(Boolean)).toHaveLength(1)
    expect(await store.countConsultants()).toBe(1)
  })

  it('finds the same contact for the same identity, also when two creators race', async () => {
    const [a, b] = await Promise.all([store.findOrCreateContact('webchat', 'race-1'), store.findOrCreateContact('webchat', 'race-1')])
    expect(a).toBe(b)
  })
})
