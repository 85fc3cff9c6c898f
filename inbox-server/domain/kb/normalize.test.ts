// Normalisation and stems for knowledge-base search: Polish forms of a word share a prefix, without a dictionary.
import { describe, expect, it } from 'vitest'
import { normalize, searchTerms, searchText, stem, suggestionTerms, toTsQuery, words } from './normalize.ts'

describe('normalize', () => {
  it('lower-cases and strips diacritics, ł included', () => {
    expect(normalize('ZAŻÓŁĆ GĘŚLĄ JAŹŃ')).toBe('zazolc gesla jazn')
    expect(normalize('Łódź, Śląsk')).toBe('lodz, slask')
  })
  it('splits into words of letters and digits', () => {
    expect(words('Zasiłek — dla bezrobotnych (2026), art. 71!')).toEqual(['zasilek', 'dla', 'bezrobotnych', '2026', 'art', '71'])
    expect(searchText('Zasiłek', 'eures', '**Wniosek** w PUP')).toBe('zasilek eures wniosek w pup')
  })
})

describe('searchTerms', () => {
  it('gives the inflected forms of a word one stem', () => {
    for (const w of ['zasiłek', 'zasiłku', 'ZASIŁKACH', 'zasilek', 'zasiłki']) expect(searchTerms(w)).toEqual(['zasil'])
    for (const w of ['wniosek', 'wnioski', 'wnioskach']) expect(searchTerms(w)).toEqual(['wnios'])
    expect(searchTerms('bezrobotnych')).toEqual(['bezrobotn'])
  })
  it('keeps each stem a prefix of its word, short words and numbers whole, duplicates once', () => {
    for (const w of ['szkoleniach', 'urzędzie', 'stażu', 'pracy']) expect(normalize(w).startsWith(stem(normalize(w)))).toBe(true)
    expect(searchTerms('PUP dla 2026 pup')).toEqual(['pup', 'dla', '2026'])
    expect(stem('bank')).toBe('bank')
    expect(searchTerms('  !!! ')).toEqual([])
  })
  it('caps the number of terms', () => {
    expect(searchTerms('a b c d e f g h i j')).toHaveLength(8)
  })
})

describe('toTsQuery', () => {
  it('joins quoted prefix terms, every quote and backslash escaped', () => {
    expect(toTsQuery(['zasil', 'wnios'])).toBe("'zasil':* & 'wnios':*")
    expect(toTsQuery(['zasil', 'wnios'], 'any')).toBe("'zasil':* | 'wnios':*")
    expect(toTsQuery(["a'b", 'c\\d'])).toBe("'a''b':* & 'c\\\\d':*")
  })
})

describe('suggestionTerms', () => {
  it('keeps the words that say what the message is about', () => {
    expect(suggestionTerms('Dzień dobry, chciałbym zapytać o zasiłek dla bezrobotnych')).toEqual(['zasil', 'bezrobotn'])
  })
})
