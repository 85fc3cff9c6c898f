// Unit tests for the contact form: only changed fields are sent, empty clears, and a 400's fields are named.
import { describe, expect, it } from 'vitest'
import type { ContactDetail } from '$protocol/rest.ts'
import { changesOf, formOf, invalidFields } from './contact-form.ts'

const contact: ContactDetail = {
  id: '1a2b3c4d-0000-4000-8000-000000000000',
  name: 'Jan Kowalski',
  email: null,
  phone: '+48 600 100 200',
  region: '14',
  notes: null,
  identities: [],
  conversations: [],
  mergedFrom: [],
}

describe('contact form', () => {
  it('sends nothing when nothing changed', () => {
    expect(changesOf(contact, formOf(contact))).toBeNull()
    expect(changesOf(contact, { ...formOf(contact), name: '  Jan Kowalski ' })).toBeNull()
  })

  it('sends only the changed fields, trimmed, and clears emptied ones', () => {
    expect(changesOf(contact, { ...formOf(contact), email: ' jan@example.pl ', region: '' })).toEqual({ email: 'jan@example.pl', region: null })
  })

  it('keeps the notes as typed', () => {
    expect(changesOf(contact, { ...formOf(contact), notes: 'Dzwonić\npo 15' })).toEqual({ notes: 'Dzwonić\npo 15' })
  })

  it('names the fields a validation error points at', () => {
    expect(invalidFields([{ path: ['email'], message: 'x' }, { path: 'region', message: 'y' }, { path: ['email'] }])).toEqual(['email', 'region'])
    expect(invalidFields(undefined)).toEqual([])
  })
})
