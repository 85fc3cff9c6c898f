// Unit test for the board's queue order: queues with someone waiting first, otherwise the hub's order.
import { describe, expect, it } from 'vitest'
import { boardOrder } from './board-order.ts'

describe('boardOrder', () => {
  it('puts queues with waiting conversations first and keeps the order within each group', () => {
    const q = (name: string, waiting: number) => ({ name, waiting: Array.from({ length: waiting }) })
    expect(boardOrder([q('a', 0), q('b', 2), q('c', 0), q('d', 1)]).map((x) => x.name)).toEqual(['b', 'd', 'a', 'c'])
    expect(boardOrder([])).toEqual([])
  })
})
