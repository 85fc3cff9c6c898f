import { describe, expect, it } from 'vitest'
import { translate } from './i18n.ts'
import { PRIORITY_LEVELS, priorityKey } from './priority.ts'

describe('priority', () => {
  it('names each level in Polish and English; an SLA-raised value in between is "raised"', () => {
    expect(PRIORITY_LEVELS.map((p) => translate('pl', priorityKey(p)))).toEqual(['Normalny', 'Wysoki', 'Pilny'])
    expect(PRIORITY_LEVELS.map((p) => translate('en', priorityKey(p)))).toEqual(['Normal', 'High', 'Urgent'])
    expect(priorityKey(2)).toBe('priority.raised')
  })
})
