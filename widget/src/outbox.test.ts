// Tests for outbox.ts: pending sends persist in storage, survive a reload and keep their clientId.
import { describe, expect, it } from 'vitest'
import { newClientId, Outbox, OUTBOX_KEY } from './outbox.ts'
import { MemoryStorage } from './test-fakes.ts'

describe('newClientId', () => {
  it('matches the protocol ClientId pattern and is unique', () => {
    const ids = new Set<string>()
    for (let i = 0; i < 200; i++) {
      const id = newClientId()
      expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
      ids.add(id)
    }
    expect(ids.size).toBe(200)
  })
})

describe('Outbox', () => {
  it('persists added messages and restores them after a reload with the same clientId', () => {
    const kv = new MemoryStorage()
    const box = new Outbox(kv)
    const a = box.add('Dzień dobry', 'client-aaaa-1', new Date('2025-01-10T09:00:00Z'))
    box.add('Mam pytanie o zasiłek', 'client-bbbb-2')
    expect(kv.getItem(OUTBOX_KEY)).not.toBeNull()

    const reloaded = new Outbox(kv)
    expect(reloaded.items.map((p) => [p.clientId, p.text, p.state])).toEqual([
      ['client-aaaa-1', 'Dzień dobry', 'sending'],
      ['client-bbbb-2', 'Mam pytanie o zasiłek', 'sending'],
    ])
    expect(reloaded.get('client-aaaa-1')?.createdAt).toBe(a.createdAt)
  })

  it('removes acked messages and clears the key when empty', () => {
    const kv = new MemoryStorage()
    const box = new Outbox(kv)
    box.add('one', 'client-0001')
    box.add('two', 'client-0002')
    expect(box.remove('client-0001')?.text).toBe('one')
    expect(box.remove('client-0001')).toBeUndefined()
    expect(new Outbox(kv).items.map((p) => p.clientId)).toEqual(['client-0002'])
    box.remove('client-0002')
    expect(kv.getItem(OUTBOX_KEY)).toBeNull()
  })

  it('keeps a failed state and reason across reloads, and clears the reason on retry', () => {
    const kv = new MemoryStorage()
    const box = new Outbox(kv)
    box.add('x', 'client-fail-1')
    box.setState('client-fail-1', 'failed', 'Za dużo wiadomości')
    let p = new Outbox(kv).get('client-fail-1')
    expect(p?.state).toBe('failed')
    expect(p?.error).toBe('Za dużo wiadomości')
    box.setState('client-fail-1', 'sending')
    p = new Outbox(kv).get('client-fail-1')
    expect(p?.state).toBe('sending')
    expect(p?.error).toBeUndefined()
  })

  it('survives corrupt or hostile storage content', () => {
    const kv = new MemoryStorage()
    kv.setItem(OUTBOX_KEY, '{not json')
    expect(new Outbox(kv).items).toEqual([])
    kv.setItem(OUTBOX_KEY, JSON.stringify({ a: 1 }))
    expect(new Outbox(kv).items).toEqual([])
    kv.setItem(
      OUTBOX_KEY,
      JSON.stringify([
        null,
        { clientId: 'bad id!', text: 'x' },
        { clientId: 'short', text: 'x' },
        { clientId: 'client-good-1', text: 42 },
        { clientId: 'client-good-2', text: 'ok', state: 'weird' },
        { clientId: 'client-good-2', text: 'duplicate' },
      ]),
    )
    const items = new Outbox(kv).items
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({ clientId: 'client-good-2', text: 'ok', state: 'sending' })
  })
})
