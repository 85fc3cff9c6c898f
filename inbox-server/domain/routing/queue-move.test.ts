import { describe, expect, it } from 'vitest'
import { carryInto } from './queue-move.ts'

describe('carryInto', () => {
  it('swaps the old queue’s priority and skills for the new one’s, keeping what rules added', () => {
    const conv = { priority: 1 + 3, requiredSkills: ['eures', 'jezyk-uk'] }
    const from = { priority: 1, requiredSkills: ['eures'] }
    const to = { priority: 5, requiredSkills: ['zasilki'] }
    expect(carryInto(conv, from, to)).toEqual({ priority: 5 + 3, requiredSkills: ['jezyk-uk', 'zasilki'] })
  })

  it('treats an unknown queue as priority 0 without skills', () => {
    expect(carryInto({ priority: 2, requiredSkills: ['a'] }, undefined, undefined)).toEqual({ priority: 2, requiredSkills: ['a'] })
  })
})
