import { describe, expect, it } from 'vitest'
import { foldText, queueForText } from './match-keywords.ts'

const rules = [
  { queueId: 'benefits', name: 'Zasiłek dla bezrobotnych', keywords: ['zasil', 'bezrobotn'] },
  { queueId: 'eures', name: 'EURES', keywords: ['eures', 'granic', 'niemc'] },
  { queueId: 'online', name: 'Pomoc z usługami online', keywords: ['hasl', 'login', 'kont'] },
]

describe('entry by keywords', () => {
  it('folds Polish letters and case', () => {
    expect(foldText('Zasiłek ŁÓDŹ Żółć')).toBe('zasilek lodz zolc')
  })
  it('matches inflected Polish words with and without diacritics', () => {
    expect(queueForText('Kiedy dostanę zasiłek?', rules)).toBe('benefits')
    expect(queueForText('nie dostalem zasilku', rules)).toBe('benefits')
    expect(queueForText('Nie pamiętam hasła do konta', rules)).toBe('online')
  })
  it('picks the queue with most hits, ties by name, and nothing without a hit', () => {
    expect(queueForText('Praca w Niemczech za granicą, a zasiłek?', rules)).toBe('eures')
    expect(queueForText('zasiłek i hasło', rules)).toBe('online') // one hit each: "Pomoc…" sorts before "Zasiłek…"
    expect(queueForText('Dzień dobry', rules)).toBeNull()
  })
})
