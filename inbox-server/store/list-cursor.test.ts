import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor } from './list-cursor.ts'

describe('list cursor', () => {
  it('round-trips a position', () => {
    const p = { at: new Date('2026-11-30T10:00:00.123Z'), id: '0b0e5f0e-6a4c-4f43-9d8e-2a6a5f6b7c8d' }
    expect(decodeCursor(encodeCursor(p))).toEqual(p)
  })
  it('rejects garbage instead of throwing', () => {
    expect(decodeCursor('not-a-cursor')).toBeNull()
    expect(decodeCursor(Buffer.from('["x","y"]').toString('base64url'))).toBeNull()
  })
})
