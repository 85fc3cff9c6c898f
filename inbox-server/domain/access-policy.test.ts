import { describe, expect, it } from 'vitest'
import { canSeeConversation, officeScope } from './access-policy.ts'

describe('access policy', () => {
  it('lets second-line staff see only their office, and nothing without one', () => {
    const dorota = { role: 'second_line' as const, officeId: 'office-a' }
    expect(canSeeConversation(dorota, { officeId: 'office-a' })).toBe(true)
    expect(canSeeConversation(dorota, { officeId: 'office-b' })).toBe(false)
    expect(canSeeConversation(dorota, { officeId: null })).toBe(false)
    expect(canSeeConversation({ role: 'second_line', officeId: null }, { officeId: null })).toBe(false)
    expect(officeScope({ role: 'second_line', officeId: null })).toBeNull()
  })
  it('lets first line, supervisors and admins see everything', () => {
    for (const role of ['consultant', 'supervisor', 'admin'] as const) {
      expect(canSeeConversation({ role, officeId: null }, { officeId: 'office-b' })).toBe(true)
    }
  })
})
