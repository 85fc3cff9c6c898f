import { describe, expect, it } from 'vitest'
import { choosePolicy, type PolicyMatch } from './choose-policy.ts'

const p = (name: string, extra: Partial<PolicyMatch> = {}): PolicyMatch => ({ id: name, name, queueId: null, channelKind: null, minPriority: null, ...extra })
const policies = [
  p('wszystkie'),
  p('e-mail', { channelKind: 'email' }),
  p('zasiłki', { queueId: 'q-zasilki' }),
  p('zasiłki pilne', { queueId: 'q-zasilki', minPriority: 5 }),
  p('zasiłki czat', { queueId: 'q-zasilki', channelKind: 'webchat' }),
]

describe('choosePolicy', () => {
  it.each([
    [{ queueId: 'q-inna', channelKind: 'webchat', priority: 0 }, 'wszystkie'],
    [{ queueId: 'q-inna', channelKind: 'email', priority: 0 }, 'e-mail'],
    [{ queueId: 'q-zasilki', channelKind: 'email', priority: 0 }, 'zasiłki'],
    [{ queueId: 'q-zasilki', channelKind: 'email', priority: 7 }, 'zasiłki pilne'],
    [{ queueId: 'q-zasilki', channelKind: 'webchat', priority: 7 }, 'zasiłki czat'],
    [{ queueId: null, channelKind: 'sms', priority: 0 }, 'wszystkie'],
  ] as const)('%o → %s', (c, name) => {
    expect(choosePolicy(policies, c)?.name).toBe(name)
  })

  it('returns null when nothing applies', () => {
    expect(choosePolicy([p('tylko e-mail', { channelKind: 'email' })], { queueId: 'q', channelKind: 'webchat', priority: 0 })).toBeNull()
  })
})
