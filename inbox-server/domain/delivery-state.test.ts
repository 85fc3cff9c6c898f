import { describe, expect, it } from 'vitest'
import { movesForward } from './delivery-state.ts'

describe('delivery states', () => {
  it('move forward only', () => {
    expect(movesForward(null, 'queued')).toBe(true)
    expect(movesForward('queued', 'sent')).toBe(true)
    expect(movesForward('delivered', 'sent')).toBe(false)
    expect(movesForward('read', 'delivered')).toBe(false)
    expect(movesForward('sent', 'undelivered')).toBe(true)
    expect(movesForward('failed', 'delivered')).toBe(false)
    expect(movesForward('failed', 'undelivered')).toBe(false)
  })
})
