// Unit tests for the header's own-load summary: web chat always, other kinds only while held, and which frames refetch.
import { describe, expect, it } from 'vitest'
import { myLoadItems, ringsMyLoad } from './my-load.ts'

const KINDS = ['webchat', 'messenger', 'telegram', 'email', 'sms', 'voice', 'form'] as const
const capacity = { webchat: 3, messenger: 3, telegram: 3, email: 10, sms: 5, voice: 1, form: 10 }

describe('my load', () => {
  it('shows web chat always, and other channel kinds only while something is held there', () => {
    expect(myLoadItems({ capacity, load: {} }, KINDS)).toEqual([{ kind: 'webchat', load: 0, capacity: 3, full: false }])
    expect(myLoadItems({ capacity, load: { webchat: 2, email: 1, voice: 0 } }, KINDS)).toEqual([
      { kind: 'webchat', load: 2, capacity: 3, full: false },
      { kind: 'email', load: 1, capacity: 10, full: false },
    ])
  })

  it('marks a kind at or over capacity as full, a zero capacity included', () => {
    expect(myLoadItems({ capacity: { ...capacity, webchat: 0 }, load: { voice: 1 } }, KINDS)).toEqual([
      { kind: 'webchat', load: 0, capacity: 0, full: true },
      { kind: 'voice', load: 1, capacity: 1, full: true },
    ])
  })

  it('refetches on the frames the board listens to, and on presence only for oneself', () => {
    expect(ringsMyLoad({ type: 'changed', conversationId: 'c' }, 'me')).toBe(true)
    expect(ringsMyLoad({ type: 'offer', conversationId: 'c', expiresAt: '2026-01-01T00:00:00Z' }, 'me')).toBe(true)
    expect(ringsMyLoad({ type: 'welcome', consultant: { id: 'me', name: 'Me', role: 'consultant', presence: 'available' } }, 'me')).toBe(true)
    expect(ringsMyLoad({ type: 'presence', consultantId: 'me', name: 'Me', state: 'busy', reason: null }, 'me')).toBe(true)
    expect(ringsMyLoad({ type: 'presence', consultantId: 'other', name: 'Other', state: 'busy', reason: null }, 'me')).toBe(false)
    expect(ringsMyLoad({ type: 'pong' }, 'me')).toBe(false)
  })
})
