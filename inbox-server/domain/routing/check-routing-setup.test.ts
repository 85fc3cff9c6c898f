import { describe, expect, it } from 'vitest'
import { checkEntryRule, checkQueue, type Known } from './check-routing-setup.ts'

const known: Known = { skills: new Set(['eures']), officeIds: new Set(['o1']), consultantIds: new Set(['c1']), queueIds: new Set(['q1', 'q2']), calendarIds: new Set(['cal1']) }
const queue = {
  id: 'q1', name: 'EURES', line: 'first_line' as const, officeId: null, topic: 'eures', keywords: [], ivrDigits: null, priority: 0,
  requiredSkills: ['eures'], autoAccept: false, offerTimeoutSeconds: null, overflowQueueId: null, overflowAfterSeconds: null, calendarId: null, memberIds: ['c1'],
}
const rule = { name: 'r', position: 0, enabled: true, channelKind: null, language: 'uk' as const, keywords: [], queueId: null, priorityBoost: 0, skill: 'eures' }
const paths = (p: { path: string }[]) => p.map((x) => x.path)

describe('checkQueue', () => {
  it('accepts a consistent queue', () => expect(checkQueue(queue, known)).toEqual([]))
  it('wants an office for the second line and none for the first', () => {
    expect(paths(checkQueue({ ...queue, line: 'second_line', topic: null }, known))).toEqual(['officeId'])
    expect(paths(checkQueue({ ...queue, officeId: 'o1' }, known))).toEqual(['officeId'])
  })
  it('refuses unknown skills, members and overflow queues, and overflow into itself', () => {
    expect(paths(checkQueue({ ...queue, requiredSkills: ['x'], memberIds: ['c9'] }, known))).toEqual(['requiredSkills', 'memberIds'])
    expect(paths(checkQueue({ ...queue, overflowQueueId: 'q1', overflowAfterSeconds: 60 }, known))).toEqual(['overflowQueueId'])
    expect(paths(checkQueue({ ...queue, overflowQueueId: 'q9', overflowAfterSeconds: 60 }, known))).toEqual(['overflowQueueId'])
    expect(paths(checkQueue({ ...queue, overflowQueueId: 'q2', overflowAfterSeconds: null }, known))).toEqual(['overflowAfterSeconds'])
    expect(paths(checkQueue({ ...queue, calendarId: 'cal9' }, known))).toEqual(['calendarId'])
    expect(checkQueue({ ...queue, calendarId: 'cal1' }, known)).toEqual([])
  })
})

describe('checkEntryRule', () => {
  it('accepts a rule with a condition and an action', () => expect(checkEntryRule(rule, known)).toEqual([]))
  it('wants a condition and an action', () => {
    expect(paths(checkEntryRule({ ...rule, language: null }, known))).toEqual(['channelKind'])
    expect(paths(checkEntryRule({ ...rule, skill: null }, known))).toEqual(['queueId'])
  })
  it('refuses unknown queues and skills', () => {
    expect(paths(checkEntryRule({ ...rule, queueId: 'q9', skill: 'x' }, known))).toEqual(['queueId', 'skill'])
  })
})
