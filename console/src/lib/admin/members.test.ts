// Unit tests for choosing who gets a waiting conversation: available first, then the least loaded in its channel.
import { describe, expect, it } from 'vitest'
import type { BoardMember } from '$protocol/admin.ts'
import type { PresenceState } from '$protocol/frames.ts'
import { loadedKinds, rankCandidates } from './members.ts'
import { canAdminister, canSupervise } from './roles.ts'

const capacity = { webchat: 3, messenger: 3, telegram: 3, email: 5, sms: 3, voice: 0, form: 5 }
function member(name: string, presence: PresenceState, webchat: number): BoardMember {
  return { id: name, name, presence, presenceReason: null, load: { webchat }, capacity }
}

describe('rankCandidates', () => {
  it('puts available members first, full ones after free ones, then the least loaded, then by name', () => {
    const ranked = rankCandidates(
      [member('Zofia', 'offline', 0), member('Ewa', 'available', 3), member('Anna', 'available', 2), member('Bartosz', 'available', 0), member('Celina', 'break', 0)],
      'webchat',
    )
    expect(ranked.map((c) => c.member.name)).toEqual(['Bartosz', 'Anna', 'Ewa', 'Celina', 'Zofia'])
    expect(ranked.find((c) => c.member.name === 'Ewa')).toMatchObject({ load: 3, capacity: 3, full: true, available: true })
  })

  it('treats a missing load as none and no capacity as full', () => {
    const [only] = rankCandidates([{ ...member('Anna', 'available', 0), load: {} }], 'voice')
    expect(only).toMatchObject({ load: 0, capacity: 0, full: true })
  })

  it('shows only the kinds a member may take or holds', () => {
    const m = { ...member('Anna', 'available', 1), capacity: { ...capacity, messenger: 0, telegram: 0, sms: 0, form: 0 }, load: { webchat: 1, voice: 1 } }
    expect(loadedKinds(m, ['webchat', 'messenger', 'telegram', 'email', 'sms', 'voice', 'form'])).toEqual(['webchat', 'email', 'voice'])
  })
})

describe('roles', () => {
  it('lets admins administer and supervisors supervise', () => {
    expect(canAdminister('admin')).toBe(true)
    expect(canAdminister('supervisor')).toBe(false)
    expect(canSupervise('supervisor')).toBe(true)
    expect(canSupervise('admin')).toBe(true)
    expect(canSupervise('consultant')).toBe(false)
    expect(canSupervise('second_line')).toBe(false)
    expect(canSupervise(undefined)).toBe(false)
  })
})
