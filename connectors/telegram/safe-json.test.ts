import { describe, expect, it } from 'vitest'
import { parseJsonKeepingBigInts } from './safe-json.ts'

describe('parseJsonKeepingBigInts', () => {
  it('quotes only unsafe integers, never digits inside strings', () => {
    const text = '{"a":9007199254740993,"b":-18014398509481985,"c":9007199254740991,"d":1.5e300,"s":"x\\"9007199254740993\\\\","t":[123456789012345678901]}'
    expect(parseJsonKeepingBigInts(text)).toEqual({
      a: '9007199254740993', b: '-18014398509481985', c: 9007199254740991, d: 1.5e300, s: 'x"9007199254740993\\', t: ['123456789012345678901'],
    })
  })
  it('still rejects invalid JSON', () => {
    expect(() => parseJsonKeepingBigInts('{"a":}')).toThrow(SyntaxError)
    expect(() => parseJsonKeepingBigInts('"unterminated 9007199254740993')).toThrow(SyntaxError)
  })
})
