import { describe, expect, it } from 'vitest'
import { channelVouchesFor, mayJoinAutomatically } from './identity-trust.ts'

describe('identity trust', () => {
  it('trusts provider-proven identities and not typed-in addresses', () => {
    expect(channelVouchesFor('messenger')).toBe(true)
    expect(channelVouchesFor('telegram')).toBe(true)
    expect(channelVouchesFor('form')).toBe(false)
    expect(channelVouchesFor('email')).toBe(false)
  })
  it('never joins a verified identity with an unverified one automatically', () => {
    expect(mayJoinAutomatically({ verified: true }, { verified: false })).toBe(false)
    expect(mayJoinAutomatically({ verified: false }, { verified: true })).toBe(false)
    expect(mayJoinAutomatically({ verified: true }, { verified: true })).toBe(true)
  })
})
