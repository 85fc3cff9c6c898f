import { describe, expect, it } from 'vitest'
import { duration, percent, score, sinceBoard } from './wallboard-format.ts'

describe('wallboard figures', () => {
  it('writes shares, times and scores, and a dash for nothing', () => {
    expect(percent(0.8, 'pl')).toBe('80%')
    expect(percent(null, 'pl')).toBe('–')
    expect(duration(95_000)).toBe('1:35')
    expect(duration(null)).toBe('–')
    expect(score(4.25, 'pl')).toBe('4,3')
    expect(score(4.25, 'en')).toBe('4.3')
    expect(sinceBoard(10_000, 1_000, 4_000)).toBe(13_000)
    expect(sinceBoard(null, 1_000, 4_000)).toBeNull()
  })
})
