import { describe, expect, it } from 'vitest'
import { fullBucket, take } from './token-bucket.ts'

describe('token bucket', () => {
  it('allows a burst, refuses the next, and refills with time', () => {
    let b = fullBucket(3, 0)
    for (let i = 0; i < 3; i++) {
      const r = take(b, 0, 1, 3)
      expect(r.ok).toBe(true)
      b = r.bucket
    }
    expect(take(b, 0, 1, 3).ok).toBe(false)
    expect(take(b, 1000, 1, 3).ok).toBe(true)
  })
})
