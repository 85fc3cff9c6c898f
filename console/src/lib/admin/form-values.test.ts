// Unit tests for form values: comma lists, optional numbers and texts, and PATCH bodies with only what changed.
import { describe, expect, it } from 'vitest'
import { changes, joinList, optionalNumber, optionalText, requiredNumber, splitList, toggle } from './form-values.ts'

describe('form values', () => {
  it('splits lists on commas, semicolons and new lines, without blanks or repeats', () => {
    expect(splitList(' zasil, bezrobotn ;\nwyplat,, zasil ')).toEqual(['zasil', 'bezrobotn', 'wyplat'])
    expect(splitList('   ')).toEqual([])
    expect(joinList(['1465', '1261'])).toBe('1465, 1261')
    expect(joinList(null)).toBe('')
  })

  it('reads optional numbers and texts', () => {
    expect(optionalNumber('')).toBeNull()
    expect(optionalNumber(null)).toBeNull()
    expect(optionalNumber(' 30 ')).toBe(30)
    expect(optionalNumber(12)).toBe(12)
    expect(optionalNumber('abc')).toBeNull()
    expect(requiredNumber('', 3)).toBe(3)
    expect(requiredNumber(7)).toBe(7)
    expect(optionalText('  ')).toBeNull()
    expect(optionalText(' a@b.pl ')).toBe('a@b.pl')
  })

  it('keeps only the fields that changed, comparing arrays and objects by value', () => {
    const before = { name: 'A', keywords: ['x'], capacity: { webchat: 3 }, topic: null }
    expect(changes(before, { name: 'A', keywords: ['x'], capacity: { webchat: 3 }, topic: null })).toEqual({})
    expect(changes(before, { name: 'B', keywords: ['x', 'y'], capacity: { webchat: 4 }, topic: null })).toEqual({
      name: 'B',
      keywords: ['x', 'y'],
      capacity: { webchat: 4 },
    })
  })

  it('compares objects by value whatever the order of their keys (as jsonb stores them)', () => {
    const before = { definition: { week: { 1: [] }, alwaysOpen: false, timeZone: 'Europe/Warsaw' } }
    expect(changes(before, { definition: { timeZone: 'Europe/Warsaw', alwaysOpen: false, week: { 1: [] } } })).toEqual({})
  })

  it('toggles a value in a list', () => {
    expect(toggle(['a', 'b'], 'c', true)).toEqual(['a', 'b', 'c'])
    expect(toggle(['a', 'b'], 'a', false)).toEqual(['b'])
    expect(toggle(['a'], 'a', true)).toEqual(['a'])
  })
})
