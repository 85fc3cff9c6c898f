// Unit tests for the knowledge-base form helpers: tags, the request body, required fields and who may write.
import { describe, expect, it } from 'vitest'
import { articleBody, articleToForm, canWriteKb, emptyArticleForm, missingArticleFields, parseTags } from './knowledge-form.ts'

describe('knowledge-base form', () => {
  it('parses comma-separated tags', () => {
    expect(parseTags('zasiłek, ZUS,, Zasiłek ,  ')).toEqual(['zasiłek', 'ZUS'])
    expect(parseTags('')).toEqual([])
    expect(parseTags(Array.from({ length: 30 }, (_, i) => `t${i}`).join(','))).toHaveLength(20)
    expect(parseTags('x'.repeat(50))[0]).toHaveLength(40)
  })

  it('builds the request body and reads an article back', () => {
    const form = { ...emptyArticleForm(), title: ' Zasiłek ', category: 'Zasiłki', tags: 'a, b', body: 'Treść\n', reviewAt: '' }
    expect(articleBody(form)).toEqual({ title: 'Zasiłek', category: 'Zasiłki', tags: ['a', 'b'], audience: 'staff', reviewAt: null, body: 'Treść' })
    expect(articleBody({ ...form, reviewAt: '2027-01-31', audience: 'public' })).toMatchObject({ reviewAt: '2027-01-31', audience: 'public' })
    expect(articleToForm({ title: 'T', category: 'C', tags: ['a', 'b'], audience: 'public', reviewAt: null, body: 'B' })).toEqual({
      title: 'T', category: 'C', tags: 'a, b', audience: 'public', reviewAt: '', body: 'B',
    })
  })

  it('names the missing required fields', () => {
    expect(missingArticleFields(emptyArticleForm())).toEqual(['title', 'category', 'body'])
    expect(missingArticleFields({ ...emptyArticleForm(), title: 'a', category: 'b', body: 'c' })).toEqual([])
  })

  it('lets everyone but first-line consultants write', () => {
    expect(canWriteKb('admin')).toBe(true)
    expect(canWriteKb('supervisor')).toBe(true)
    expect(canWriteKb('second_line')).toBe(true)
    expect(canWriteKb('consultant')).toBe(false)
    expect(canWriteKb(undefined)).toBe(false)
  })
})
