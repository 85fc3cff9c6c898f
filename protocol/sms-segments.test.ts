// Table tests for SMS segmentation: GSM-7 and UCS-2 limits, extension characters as two septets, no escape sequence
// or surrogate pair split between parts.
import { describe, expect, it } from 'vitest'
import { firstNonGsm, smsSegments, type SmsSegments } from './sms-segments.ts'

const a = (n: number) => 'a'.repeat(n)

describe('smsSegments', () => {
  const cases: [name: string, text: string, expected: SmsSegments][] = [
    ['empty text', '', { encoding: 'GSM-7', units: 0, segments: 0, perSegment: 160, remaining: 160 }],
    ['one ASCII character', 'a', { encoding: 'GSM-7', units: 1, segments: 1, perSegment: 160, remaining: 159 }],
    ['160 ASCII characters: one part', a(160), { encoding: 'GSM-7', units: 160, segments: 1, perSegment: 160, remaining: 0 }],
    ['161 ASCII characters: two parts of 153', a(161), { encoding: 'GSM-7', units: 161, segments: 2, perSegment: 153, remaining: 145 }],
    ['306 ASCII characters: exactly two parts', a(306), { encoding: 'GSM-7', units: 306, segments: 2, perSegment: 153, remaining: 0 }],
    ['307 ASCII characters: three parts', a(307), { encoding: 'GSM-7', units: 307, segments: 3, perSegment: 153, remaining: 152 }],
    ['GSM accents stay GSM-7', 'èéùìòÇØøÅåÄÖÑÜäöñüàßÆæ', { encoding: 'GSM-7', units: 22, segments: 1, perSegment: 160, remaining: 138 }],
    ['new lines count one', 'a\nb\r\nc', { encoding: 'GSM-7', units: 6, segments: 1, perSegment: 160, remaining: 154 }],
    ['one Polish letter forces UCS-2', `ą${a(69)}`, { encoding: 'UCS-2', units: 70, segments: 1, perSegment: 70, remaining: 0 }],
    ['71 UCS-2 units: two parts of 67', `ą${a(70)}`, { encoding: 'UCS-2', units: 71, segments: 2, perSegment: 67, remaining: 63 }],
    ['ó is not GSM (ò is)', 'ó', { encoding: 'UCS-2', units: 1, segments: 1, perSegment: 70, remaining: 69 }],
    ['€ counts 2', '€', { encoding: 'GSM-7', units: 2, segments: 1, perSegment: 160, remaining: 158 }],
    ['every extension character counts 2', '^{}\\[~]|€\f', { encoding: 'GSM-7', units: 20, segments: 1, perSegment: 160, remaining: 140 }],
    ['80 € = 160 units: one part', '€'.repeat(80), { encoding: 'GSM-7', units: 160, segments: 1, perSegment: 160, remaining: 0 }],
    // 76 € fill 152 septets of the first part; the 77th would be split, so it starts the second one.
    ['81 €: concatenated, no escape split', '€'.repeat(81), { encoding: 'GSM-7', units: 162, segments: 2, perSegment: 153, remaining: 143 }],
    ['an escape pair moves to the next part when one septet is left', `${a(152)}€${a(7)}`, { encoding: 'GSM-7', units: 161, segments: 2, perSegment: 153, remaining: 144 }],
    ['an escape pair fits when two septets are left', `${a(151)}€${a(9)}`, { encoding: 'GSM-7', units: 162, segments: 2, perSegment: 153, remaining: 144 }],
    ['an emoji forces UCS-2 and counts 2', '😀', { encoding: 'UCS-2', units: 2, segments: 1, perSegment: 70, remaining: 68 }],
    ['35 emoji = 70 units: one part', '😀'.repeat(35), { encoding: 'UCS-2', units: 70, segments: 1, perSegment: 70, remaining: 0 }],
    // 33 emoji fill 66 units; the 34th would be split across the 67-unit boundary.
    ['36 emoji: no surrogate pair split', '😀'.repeat(36), { encoding: 'UCS-2', units: 72, segments: 2, perSegment: 67, remaining: 61 }],
    ['mixed: a Polish text with € and braces (UCS-2 counts them 1)', 'Dzień dobry {imię}: 5 €', { encoding: 'UCS-2', units: 23, segments: 1, perSegment: 70, remaining: 47 }],
    ['mixed GSM: ASCII with extension characters', 'Kod [A] ~ 10€', { encoding: 'GSM-7', units: 17, segments: 1, perSegment: 160, remaining: 143 }],
    ['mixed: ASCII and an emoji over one part', `${a(68)}👍`, { encoding: 'UCS-2', units: 70, segments: 1, perSegment: 70, remaining: 0 }],
    ['mixed: an emoji at the UCS-2 part boundary', `${a(66)}👍${a(3)}`, { encoding: 'UCS-2', units: 71, segments: 2, perSegment: 67, remaining: 62 }],
  ]

  it.each(cases)('%s', (_name, text, expected) => {
    expect(smsSegments(text)).toEqual(expected)
  })
})

describe('firstNonGsm', () => {
  it('names the character that forces UCS-2', () => {
    expect(firstNonGsm('Hello [world] €')).toBeNull()
    expect(firstNonGsm('Dzień dobry')).toBe('ń')
    expect(firstNonGsm('ok 😀')).toBe('😀')
  })
})
