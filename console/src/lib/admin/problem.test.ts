// Unit tests for turning the hub's error bodies into form problems: field paths, lenient details, message keys.
import { describe, expect, it } from 'vitest'
import { HttpError } from '../api.ts'
import { fieldError, fieldOf, fieldProblems, problemKey, toProblem } from './problem.ts'

describe('form problems', () => {
  it('reads [{ path, message }] with string or array paths', () => {
    expect(
      fieldProblems([
        { path: 'name', message: 'Too small' },
        { path: ['capacity', 'webchat'], message: 'Too big' },
        { nonsense: true },
        'x',
      ]),
    ).toEqual([
      { path: 'name', message: 'Too small' },
      { path: 'capacity.webchat', message: 'Too big' },
    ])
  })

  it("reads zod's flattened fieldErrors and ignores anything else", () => {
    expect(fieldProblems({ fieldErrors: { key: ['Invalid', 'Short'] } })).toEqual([
      { path: 'key', message: 'Invalid' },
      { path: 'key', message: 'Short' },
    ])
    expect(fieldProblems(undefined)).toEqual([])
    expect(fieldProblems({ formErrors: [] })).toEqual([])
  })

  it('finds a field error by its path or anything inside it', () => {
    const problem = toProblem(new HttpError(400, 'invalid_body', 'bad', null, [{ path: 'capacity.sms', message: 'max 50' }]))
    expect(problem).toMatchObject({ status: 400, code: 'invalid_body', message: 'bad' })
    expect(fieldError(problem, 'capacity')).toBe('max 50')
    expect(fieldError(problem, 'capacity.sms')).toBe('max 50')
    expect(fieldError(problem, 'cap')).toBeUndefined()
    expect(fieldError(null, 'name')).toBeUndefined()
    expect(fieldOf('keywords.2')).toBe('keywords')
  })

  it('says what happened by status', () => {
    const p = (status: number) => problemKey({ status, code: '', message: '', fields: [] })
    expect(p(400)).toBe('admin.error.invalid')
    expect(p(403)).toBe('admin.error.forbidden')
    expect(p(404)).toBe('admin.error.notFound')
    expect(p(409)).toBe('admin.error.conflict')
    expect(p(0)).toBe('admin.error.network')
    expect(p(500)).toBe('admin.error.failed')
    expect(toProblem(new Error('boom'))).toMatchObject({ status: -1, message: 'boom' })
  })
})
