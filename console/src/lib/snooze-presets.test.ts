import { describe, expect, it } from 'vitest'
import { localUntil, presetUntil, toLocalInput } from './snooze-presets.ts'

// Tuesday 1 December 2026, 22:30 in Warsaw (CET, UTC+1).
const now = new Date('2026-12-01T21:30:00Z')

describe('snooze presets', () => {
  it('counts in Warsaw time: in an hour, tomorrow at 8:00, next Monday at 8:00', () => {
    expect(presetUntil('hour', now)).toBe('2026-12-01T22:30:00.000Z')
    expect(presetUntil('tomorrow', now)).toBe('2026-12-02T07:00:00.000Z')
    expect(presetUntil('monday', now)).toBe('2026-12-07T07:00:00.000Z')
    // On a Monday morning "Monday" is next week's.
    expect(presetUntil('monday', new Date('2026-12-07T06:00:00Z'))).toBe('2026-12-14T07:00:00.000Z')
    // Summer time: 8:00 in Warsaw is 6:00 UTC.
    expect(presetUntil('tomorrow', new Date('2026-07-01T10:00:00Z'))).toBe('2026-07-02T06:00:00.000Z')
  })

  it('reads a typed date and time as Warsaw time', () => {
    expect(localUntil('2026-12-02T09:30')).toBe('2026-12-02T08:30:00.000Z')
    expect(localUntil('')).toBeNull()
    expect(localUntil('jutro')).toBeNull()
    expect(toLocalInput('2026-12-02T08:30:00.000Z')).toBe('2026-12-02T09:30')
  })
})
