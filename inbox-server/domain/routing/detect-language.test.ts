import { describe, expect, it } from 'vitest'
import { detectLanguage } from './detect-language.ts'

describe('detectLanguage', () => {
  it.each([
    ['Dzień dobry, chciałbym zapytać o zasiłek', null, 'pl'],
    ['Czy moge dostac zasilek jak pracowalem za granica', null, 'pl'],
    ['Hello, I need help with registration', null, 'en'],
    ['Hello, I lost my job, what should I do?', 'pl', 'en'],
    ['I want to work in Germany', null, 'en'],
    ['Добрий день, я хочу зареєструватися як безробітний', null, 'uk'],
    ['Здравствуйте, я хочу получить пособие', null, 'ru'],
    ['Привіт', null, 'uk'],
  ] as const)('%s → %s', (text, hint, expected) => {
    expect(detectLanguage(text, hint)).toBe(expected)
  })

  it('falls back to the widget language when the text says nothing', () => {
    expect(detectLanguage('OK', 'en')).toBe('en')
    expect(detectLanguage('123 ???', 'pl')).toBe('pl')
    expect(detectLanguage('OK')).toBeNull()
  })
})
