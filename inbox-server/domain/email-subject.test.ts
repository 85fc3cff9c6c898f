import { describe, expect, it } from 'vitest'
import { answerSubject } from './email-subject.ts'

describe('answer subject', () => {
  it('prefixes Re: once, whatever prefixes mail clients added', () => {
    expect(answerSubject('Zasiłek dla bezrobotnych', 'x')).toBe('Re: Zasiłek dla bezrobotnych')
    expect(answerSubject('Re: Odp: RE: Zasiłek', 'x')).toBe('Re: Zasiłek')
    expect(answerSubject('AW: [2] Re: Staż', 'x')).toBe('Re: Staż')
  })
  it('uses the fallback for no subject and keeps headers on one line', () => {
    expect(answerSubject(null, 'Odpowiedź na formularz')).toBe('Odpowiedź na formularz')
    expect(answerSubject('  Re:  ', 'Odpowiedź')).toBe('Odpowiedź')
    expect(answerSubject('a\r\nBcc: x@y', 'z')).toBe('Re: a Bcc: x@y')
  })
})
