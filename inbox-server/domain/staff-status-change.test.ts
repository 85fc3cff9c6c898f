import { describe, expect, it } from 'vitest'
import { staffChangesStatus } from './staff-status-change.ts'

describe('staff status change', () => {
  it('resolves from any open state, and refuses what changes nothing or makes no sense', () => {
    expect(staffChangesStatus('assigned', 'resolved')).toEqual({ ok: true, status: 'resolved' })
    expect(staffChangesStatus('queued', 'resolved')).toEqual({ ok: true, status: 'resolved' })
    expect(staffChangesStatus('resolved', 'resolved')).toEqual({ ok: false, error: 'no_change' })
    expect(staffChangesStatus('resolved', 'pending')).toEqual({ ok: false, error: 'not_allowed' })
    expect(staffChangesStatus('assigned', 'pending')).toEqual({ ok: true, status: 'pending' })
  })
})
