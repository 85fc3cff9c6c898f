import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DeadlineHeap } from './deadline-heap.ts'

describe('DeadlineHeap', () => {
  it('pops due keys earliest first, once, with moved and deleted keys honoured', () => {
    const h = new DeadlineHeap()
    h.set('a', 30)
    h.set('b', 10)
    h.set('c', 20)
    h.set('a', 5)
    h.delete('c')
    expect(h.peek()).toBe(5)
    expect(h.popDue(15)).toEqual(['a', 'b'])
    expect(h.popDue(100)).toEqual([])
    expect(h.size).toBe(0)
  })

  it('agrees with a sorted map under random sets, deletes and pops', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 20 }), at: fc.integer({ min: 0, max: 1000 }) }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 20 }) }),
      fc.record({ kind: fc.constant('pop' as const), now: fc.integer({ min: 0, max: 1000 }) }),
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const h = new DeadlineHeap()
        const model = new Map<string, number>()
        for (const o of ops) {
          if (o.kind === 'set') {
            h.set(String(o.key), o.at)
            model.set(String(o.key), o.at)
          } else if (o.kind === 'delete') {
            h.delete(String(o.key))
            model.delete(String(o.key))
          } else {
            const due = [...model].filter(([, at]) => at <= o.now).sort((x, y) => x[1] - y[1])
            const got = h.popDue(o.now)
            expect(got.map((k) => model.get(k))).toEqual(due.map(([, at]) => at))
            expect(new Set(got)).toEqual(new Set(due.map(([k]) => k)))
            for (const k of got) model.delete(k)
          }
          expect(h.size).toBe(model.size)
          const min = model.size ? Math.min(...model.values()) : null
          expect(h.peek()).toBe(min)
        }
      }),
    )
  })
})
