// Unit tests for moving through the conversation list with j / k.
import { describe, expect, it } from 'vitest'
import { listStep } from './list-navigation.ts'

describe('listStep', () => {
  const ids = ['a', 'b', 'c']

  it('goes to the next and the previous conversation', () => {
    expect(listStep(ids, 'a', 1)).toEqual({ id: 'b' })
    expect(listStep(ids, 'c', -1)).toEqual({ id: 'b' })
  })

  it('starts at the first conversation when none is open or the open one left the list', () => {
    expect(listStep(ids, null, 1)).toEqual({ id: 'a' })
    expect(listStep(ids, null, -1)).toEqual({ id: 'a' })
    expect(listStep(ids, 'gone', 1)).toEqual({ id: 'a' })
  })

  it('says which end was reached, and when the list is empty', () => {
    expect(listStep(ids, 'c', 1)).toEqual({ edge: 'last' })
    expect(listStep(ids, 'a', -1)).toEqual({ edge: 'first' })
    expect(listStep([], null, 1)).toEqual({ edge: 'empty' })
  })
})
