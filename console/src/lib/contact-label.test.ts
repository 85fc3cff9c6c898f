import { describe, expect, it } from 'vitest'
import { contactLabel } from './contact-label.ts'

const id = '1a2b3c4d-0000-4000-8000-000000000000'

describe('contactLabel', () => {
  it('names a contact by their name first', () => {
    expect(contactLabel({ id, name: 'Anna Nowak', phone: '+48600300401' }, 'Gość')).toBe('Anna Nowak')
  })
  it('names a caller without a name by their number, and an e-mail writer by their address', () => {
    expect(contactLabel({ id, name: null, phone: '+48600300401', email: null }, 'Gość')).toBe('+48600300401')
    expect(contactLabel({ id, name: '  ', phone: null, email: 'jan@example.pl' }, 'Gość')).toBe('jan@example.pl')
  })
  it('names an anonymous visitor by the short id of their contact', () => {
    expect(contactLabel({ id, name: null }, 'Gość')).toBe('Gość #1a2b3c')
  })
})
