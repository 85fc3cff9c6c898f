import { describe, expect, it } from 'vitest'
import { MAX_SNOOZE_MS, staffChangesStatus } from './staff-status-change.ts'

const now = new Date('2026-12-01T10:00:00Z')
const mine = (status: Parameters<typeof staffChangesStatus>[0]['status'], assigneeId: string | null = 'ewa') => ({ status, assigneeId })

describe('staff status change', () => {
  it('resolves from any open state, and refuses what changes nothing or makes no sense', () => {
    expect(staffChangesStatus(mine('assigned'), { status: 'resolved' }, 'ewa', now)).toMatchObject({ ok: true, status: 'resolved', transition: 'resolved' })
    expect(staffChangesStatus(mine('queued', null), { status: 'resolved' }, 'ewa', now)).toMatchObject({ ok: true, status: 'resolved' })
    expect(staffChangesStatus(mine('resolved'), { status: 'resolved' }, 'ewa', now)).toEqual({ ok: false, error: 'no_change' })
    expect(staffChangesStatus(mine('resolved'), { status: 'pending' }, 'ewa', now)).toEqual({ ok: false, error: 'not_allowed' })
    expect(staffChangesStatus(mine('assigned'), { status: 'pending' }, 'ewa', now)).toMatchObject({ ok: true, status: 'pending', assigneeId: 'ewa' })
  })

  it('snoozes until a time in the future (at most 90 days), keeping the assignee; again moves the time', () => {
    const until = new Date(now.getTime() + 3_600_000)
    expect(staffChangesStatus(mine('assigned'), { status: 'snoozed', until }, 'ewa', now)).toEqual({ ok: true, status: 'snoozed', assigneeId: 'ewa', snoozedUntil: until, transition: 'snoozed' })
    expect(staffChangesStatus(mine('snoozed'), { status: 'snoozed', until }, 'ewa', now)).toMatchObject({ ok: true, snoozedUntil: until })
    expect(staffChangesStatus(mine('assigned'), { status: 'snoozed', until: now }, 'ewa', now)).toEqual({ ok: false, error: 'bad_time' })
    expect(staffChangesStatus(mine('assigned'), { status: 'snoozed', until: new Date(now.getTime() + MAX_SNOOZE_MS + 1) }, 'ewa', now)).toEqual({ ok: false, error: 'bad_time' })
    expect(staffChangesStatus(mine('resolved'), { status: 'snoozed', until }, 'ewa', now)).toEqual({ ok: false, error: 'not_allowed' })
  })

  it('opens: a resolved conversation becomes the reopener’s, a snoozed or pending one wakes to its assignee or its queue', () => {
    expect(staffChangesStatus(mine('resolved', 'jan'), { status: 'open' }, 'ewa', now)).toMatchObject({ ok: true, status: 'assigned', assigneeId: 'ewa', transition: 'reopened' })
    expect(staffChangesStatus(mine('snoozed'), { status: 'open' }, 'ewa', now)).toMatchObject({ ok: true, status: 'assigned', assigneeId: 'ewa', snoozedUntil: null, transition: 'woke' })
    expect(staffChangesStatus(mine('pending', null), { status: 'open' }, 'ewa', now)).toMatchObject({ ok: true, status: 'queued', assigneeId: null })
    expect(staffChangesStatus(mine('assigned'), { status: 'open' }, 'ewa', now)).toEqual({ ok: false, error: 'no_change' })
  })
})
