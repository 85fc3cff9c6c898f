import { describe, expect, it } from 'vitest'
import { DEFAULT_LOGIN_POLICY as p, EMPTY_THROTTLE, recordFailure, retryAfterMs } from './login-throttle.ts'

describe('login throttle', () => {
  it('lets the first failures through, then doubles the wait with each further failure', () => {
    let s = EMPTY_THROTTLE
    const t = 1_000_000
    for (let i = 0; i < p.freeFailures; i++) s = recordFailure(s, t, p)
    expect(retryAfterMs(s, t)).toBe(0)
    s = recordFailure(s, t, p)
    expect(retryAfterMs(s, t)).toBe(2_000)
    s = recordFailure(s, t + 2_000, p)
    expect(retryAfterMs(s, t + 2_000)).toBe(4_000)
  })
  it('caps the wait and forgets old failures', () => {
    let s = EMPTY_THROTTLE
    for (let i = 0; i < 40; i++) s = recordFailure(s, 0, p)
    expect(retryAfterMs(s, 0)).toBe(p.maxDelayMs)
    s = recordFailure(s, p.resetAfterMs + 1, p)
    expect(s.failures).toBe(1)
  })
})
