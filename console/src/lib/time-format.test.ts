// Unit tests for relative list times and timeline clock times in Polish and English.
import { describe, expect, it } from 'vitest'
import { formatClock, formatRelative, formatWaiting, isoDuration } from './time-format.ts'

const now = Date.parse('2025-03-12T12:00:00Z')
const ago = (ms: number) => new Date(now - ms).toISOString()

describe('formatRelative', () => {
  it('says "just now" for the last few seconds', () => {
    expect(formatRelative(ago(10_000), now, 'pl')).toBe('przed chwilą')
    expect(formatRelative(ago(10_000), now, 'en')).toBe('just now')
  })

  it('counts minutes, hours and days', () => {
    expect(formatRelative(ago(5 * 60_000), now, 'en')).toMatch(/5 min/)
    expect(formatRelative(ago(5 * 60_000), now, 'pl')).toMatch(/5 min/)
    expect(formatRelative(ago(3 * 3_600_000), now, 'en')).toMatch(/3 hr/)
    expect(formatRelative(ago(2 * 86_400_000), now, 'en')).toMatch(/2 days/)
  })

  it('shows a date for anything older than a few days', () => {
    expect(formatRelative('2025-01-05T10:00:00Z', now, 'en')).toMatch(/Jan/)
    expect(formatRelative('2023-01-05T10:00:00Z', now, 'en')).toMatch(/2023/)
  })

  it('returns nothing for a broken date', () => {
    expect(formatRelative('nope', now, 'pl')).toBe('')
  })
})

describe('formatClock', () => {
  it('adds the date only for another day', () => {
    const today = formatClock(new Date(now - 60_000).toISOString(), now, 'en')
    expect(today).toMatch(/^\d{2}:\d{2}/)
    expect(formatClock('2025-03-01T09:05:00Z', now, 'en')).toMatch(/Mar/)
    expect(formatClock('bad', now, 'en')).toBe('')
  })
})

describe('formatWaiting', () => {
  it('reads as a clock, with hours only when needed', () => {
    expect(formatWaiting(0)).toBe('0:00')
    expect(formatWaiting(42_900)).toBe('0:42')
    expect(formatWaiting(12 * 60_000 + 5_000)).toBe('12:05')
    expect(formatWaiting(3_723_000)).toBe('1:02:03')
    expect(formatWaiting(-5_000)).toBe('0:00')
  })

  it('gives an ISO 8601 duration for <time datetime>', () => {
    expect(isoDuration(0)).toBe('PT0S')
    expect(isoDuration(42_000)).toBe('PT42S')
    expect(isoDuration(3_723_000)).toBe('PT1H2M3S')
    expect(isoDuration(3_600_000)).toBe('PT1H')
  })
})

describe('times in Warsaw', () => {
  it('shows clock times and days in Europe/Warsaw whatever the browser zone', () => {
    // 23:30 UTC on 1 December is 00:30 on 2 December in Warsaw: another day than 22:00 UTC the day before.
    const now = Date.parse('2026-12-01T23:30:00Z')
    expect(formatClock('2026-12-01T23:10:00Z', now, 'pl')).toBe('00:10')
    expect(formatClock('2026-12-01T22:00:00Z', now, 'pl')).toMatch(/1 gru.*23:00/)
  })
})
