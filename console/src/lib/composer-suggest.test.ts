import { describe, expect, it } from 'vitest'
import { activeToken, applySuggestion, fillVariables, matchesName, mentionedIds } from './composer-suggest.ts'

describe('composer suggestions', () => {
  it('finds the @ or / token before the caret, only at a word start', () => {
    expect(activeToken('Proszę @Ol', 10, { mentions: true })).toEqual({ kind: 'mention', query: 'Ol', start: 7, end: 10 })
    expect(activeToken('@', 1, { mentions: true })).toEqual({ kind: 'mention', query: '', start: 0, end: 1 })
    expect(activeToken('/zas', 4, { mentions: false })).toEqual({ kind: 'canned', query: 'zas', start: 0, end: 4 })
    expect(activeToken('Dzień dobry\n/zas', 16, { mentions: false })).toMatchObject({ kind: 'canned', query: 'zas', start: 12 })
    expect(activeToken('jan@example.pl', 14, { mentions: true })).toBeNull()
    expect(activeToken('http://x', 8, { mentions: true })).toBeNull()
    expect(activeToken('Proszę @Ola', 11, { mentions: false })).toBeNull()
    expect(activeToken('@Ola czy', 8, { mentions: true })).toBeNull()
  })

  it('puts the choice in place of the token and the caret after it', () => {
    expect(applySuggestion('Proszę @Ol o pomoc', { kind: 'mention', query: 'Ol', start: 7, end: 10 }, 'Ola Nowak')).toEqual({ text: 'Proszę @Ola Nowak o pomoc', caret: 18 })
    expect(applySuggestion('@Ol', { kind: 'mention', query: 'Ol', start: 0, end: 3 }, 'Ola')).toEqual({ text: '@Ola ', caret: 5 })
    expect(applySuggestion('/zas', { kind: 'canned', query: 'zas', start: 0, end: 4 }, 'Treść')).toEqual({ text: 'Treść', caret: 5 })
  })

  it('matches names by any word start, without case or Polish letters', () => {
    expect(matchesName('Łukasz Żółw', 'zol')).toBe(true)
    expect(matchesName('Łukasz Żółw', 'luk')).toBe(true)
    expect(matchesName('Anna Nowak', 'ow')).toBe(false)
  })

  it('fills the variables of a canned response', () => {
    const v = { contactName: 'Jan Kowalski', consultantName: 'Ewa', conversationId: 'c-1' }
    expect(fillVariables('Dzień dobry {{contact.name}}, tu {{ consultant.name }} ({{conversation.id}}). {{nieznana}}', v)).toBe('Dzień dobry Jan Kowalski, tu Ewa (c-1). {{nieznana}}')
    expect(fillVariables('Dzień dobry {{contact.name}}, w czym pomóc?', { ...v, contactName: null })).toBe('Dzień dobry, w czym pomóc?')
  })

  it('keeps only the mentions still in the text', () => {
    const chosen = [
      { id: '1', name: 'Ola Nowak' },
      { id: '2', name: 'Jan' },
    ]
    expect(mentionedIds('@Ola Nowak proszę spójrz', chosen)).toEqual(['1'])
  })
})
