import { describe, expect, it } from 'vitest'
import { translate, type MessageKey, type Params } from './i18n.ts'
import { updateText } from './update-text.ts'

const pl = (key: MessageKey, params?: Params) => translate('pl', key, params)

describe('update events', () => {
  it('say which labels came and went, and the new priority', () => {
    expect(updateText({ added: [{ id: '1', name: 'pilne', color: '#f00' }], removed: [{ id: '2', name: 'eures', color: '#00f' }] }, pl)).toBe('Etykiety: +pilne, −eures')
    expect(updateText({ priority: 10, from: 0 }, pl)).toBe('Priorytet: Pilny')
    expect(updateText({ added: 'nonsense' }, pl)).toBe('Etykiety: ')
  })
})
