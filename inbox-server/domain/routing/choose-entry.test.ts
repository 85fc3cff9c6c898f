import { describe, expect, it } from 'vitest'
import { chooseEntry, type EntryQueue, type EntryRuleValue } from './choose-entry.ts'

const q = (id: string, extra: Partial<EntryQueue> = {}): EntryQueue => ({
  id, name: id, line: 'first_line', priority: 0, requiredSkills: [], topic: null, ivrDigits: null, keywords: [], ...extra,
})
const queues = [
  q('ogolna'),
  q('zasilki', { topic: 'zasilek', keywords: ['zasil'], ivrDigits: '1', priority: 1 }),
  q('eures', { topic: 'eures', keywords: ['granic'], ivrDigits: '3', requiredSkills: ['eures'] }),
  q('ukrainska', { priority: 2 }),
]
const rule = (name: string, extra: Partial<EntryRuleValue>): EntryRuleValue => ({
  name, position: 0, enabled: true, channelKind: null, language: null, keywords: [], queueId: null, priorityBoost: 0, skill: null, ...extra,
})
const ctx = (rules: EntryRuleValue[] = []) => ({ queues, rules, defaultQueueId: 'ogolna' })

describe('chooseEntry', () => {
  it('takes the picked topic first, with its priority and skills', () => {
    const e = chooseEntry({ channelKind: 'webchat', text: 'zasiłek', language: 'pl', topic: 'eures' }, ctx())
    expect(e).toMatchObject({ queueId: 'eures', by: 'topic', requiredSkills: ['eures'], priority: 0 })
  })

  it('takes IVR digits for a call', () => {
    expect(chooseEntry({ channelKind: 'voice', text: '', language: null, ivrDigits: '1' }, ctx())).toMatchObject({ queueId: 'zasilki', by: 'ivr', priority: 1 })
  })

  it('lets a matching rule with a queue win over keywords, and adds every matching boost and skill', () => {
    const rules = [
      rule('ukraiński', { language: 'uk', queueId: 'ukrainska', skill: 'jezyk-uk', position: 1 }),
      rule('telefon pilny', { channelKind: 'voice', priorityBoost: 5 }),
      rule('pilne', { keywords: ['pilne'], priorityBoost: 3 }),
    ]
    const e = chooseEntry({ channelKind: 'webchat', text: 'Pilne: zasiłek', language: 'uk' }, ctx(rules))
    expect(e).toMatchObject({ queueId: 'ukrainska', by: 'rule', priority: 2 + 3, requiredSkills: ['jezyk-uk'], rules: ['pilne', 'ukraiński'] })
  })

  it('keeps a topic picked by the citizen even when a rule names another queue, but still adds the rule skill', () => {
    const rules = [rule('ukraiński', { language: 'uk', queueId: 'ukrainska', skill: 'jezyk-uk' })]
    const e = chooseEntry({ channelKind: 'webchat', text: 'x', language: 'uk', topic: 'eures' }, ctx(rules))
    expect(e).toMatchObject({ queueId: 'eures', requiredSkills: ['eures', 'jezyk-uk'] })
  })

  it('ignores disabled rules and rules of another channel or language', () => {
    const rules = [
      rule('off', { enabled: false, queueId: 'ukrainska' }),
      rule('sms', { channelKind: 'sms', queueId: 'ukrainska' }),
      rule('en', { language: 'en', queueId: 'ukrainska' }),
    ]
    expect(chooseEntry({ channelKind: 'webchat', text: 'Praca za granicą', language: 'pl' }, ctx(rules))).toMatchObject({ queueId: 'eures', by: 'keywords' })
  })

  it('falls back to the default queue', () => {
    expect(chooseEntry({ channelKind: 'webchat', text: 'Dzień dobry', language: 'pl' }, ctx())).toMatchObject({ queueId: 'ogolna', by: 'default', priority: 0 })
  })

  it('applies rules in position order', () => {
    const rules = [rule('b', { position: 2, queueId: 'eures' }), rule('a', { position: 1, queueId: 'zasilki' })]
    expect(chooseEntry({ channelKind: 'webchat', text: 'x', language: null }, ctx(rules)).queueId).toBe('zasilki')
  })
})
