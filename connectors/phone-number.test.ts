// Numbers in the forms citizens and providers write them become one E.164 identity; anything else is refused.
import { describe, expect, it } from 'vitest'
import { toE164 } from './phone-number.ts'

describe('toE164', () => {
  it.each([
    ['600 100 200', '+48600100200'],
    ['600-100-200', '+48600100200'],
    ['+48 600 100 200', '+48600100200'],
    ['+48600100200', '+48600100200'],
    ['0048600100200', '+48600100200'],
    ['(22) 123-45-67', '+48221234567'],
    ['  +48 22 123 45 67 ', '+48221234567'],
    ['+13177592786', '+13177592786'],
  ])('%s → %s', (raw, e164) => expect(toE164(raw)).toBe(e164))

  it('reads national numbers in the region given', () => {
    expect(toE164('030 901820', 'DE')).toBe('+4930901820')
    expect(toE164('(317) 759-2786', 'US')).toBe('+13177592786')
  })

  it.each([
    ['whatsapp:+48600100200'],
    ['tel:+48600100200'],
    ['+48600100200abc'],
    ['+48 600 100 2000'],
    ['+4860010020'],
    ['123'],
    [''],
    ['+48 600 100 200 ext. 5'],
    ['sip:alice@example.org'],
  ])('refuses %j', (raw) => expect(toE164(raw)).toBeNull())
})
