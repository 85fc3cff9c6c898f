// Unit tests for SLA notices: each conversation and step said once, and a supervisor's notices gathered into one.
import { describe, expect, it } from 'vitest'
import { translate, type MessageKey, type Params } from './i18n.ts'
import { OncePerStep, supervisorNoticeText } from './sla-notices.ts'

const pl = (key: MessageKey, params?: Params) => translate('pl', key, params)

describe('SLA notices', () => {
  it('lets each conversation and step through once', () => {
    const once = new OncePerStep()
    expect(once.first('a', 'warning')).toBe(true)
    expect(once.first('a', 'warning')).toBe(false)
    expect(once.first('a', 'breached')).toBe(true)
    expect(once.first('b', 'warning')).toBe(true)
    once.clear()
    expect(once.first('a', 'warning')).toBe(true)
  })

  it('names one conversation and counts several', () => {
    expect(supervisorNoticeText([{ step: 'breached', name: 'Jan Kowalski' }], pl)).toBe('SLA: przekroczono termin w rozmowie: Jan Kowalski')
    expect(supervisorNoticeText([{ step: 'warning', name: null }], pl)).toBe('SLA: zbliża się termin w rozmowie: Gość')
    expect(
      supervisorNoticeText(
        [
          { step: 'breached', name: 'A' },
          { step: 'warning', name: 'B' },
          { step: 'breached', name: null },
        ],
        pl,
      ),
    ).toBe('Alerty SLA – przekroczone: 2, ostrzeżenia: 1')
  })
})
