// Tests for timeline.ts: ordering by seq, duplicate drop, gap detection and skipping.
import { describe, expect, it } from 'vitest'
import { createTimeline, gapToFill, hasGap, lastSeq, markAsked, merge, skipHole, synced } from './timeline.ts'
import { event } from './test-fakes.ts'

const seqs = (tl: ReturnType<typeof createTimeline>) => tl.events.map((e) => e.seq)

describe('timeline', () => {
  it('keeps events in seq order whatever order they arrive in', () => {
    const tl = createTimeline()
    for (const s of [3, 1, 2, 5, 4]) expect(merge(tl, event(s))).toBe(true)
    expect(seqs(tl)).toEqual([1, 2, 3, 4, 5])
    expect(tl.contiguous).toBe(5)
    expect(lastSeq(tl)).toBe(5)
    expect(hasGap(tl)).toBe(false)
  })

  it('drops an event whose seq it already has (replay after subscribe)', () => {
    const tl = createTimeline()
    const first = event(1, { text: 'first copy' })
    merge(tl, first)
    merge(tl, event(2))
    expect(merge(tl, event(1, { text: 'second copy' }))).toBe(false)
    expect(merge(tl, event(2))).toBe(false)
    expect(tl.events).toHaveLength(2)
    expect(tl.events[0]).toBe(first)
  })

  it('rejects nonsense seqs', () => {
    const tl = createTimeline()
    expect(merge(tl, event(0))).toBe(false)
    expect(merge(tl, event(1.5))).toBe(false)
    expect(tl.events).toHaveLength(0)
  })

  it('reports a gap once, from the last contiguous seq', () => {
    const tl = createTimeline()
    merge(tl, event(1))
    merge(tl, event(2))
    expect(gapToFill(tl)).toBeNull()
    merge(tl, event(5))
    expect(hasGap(tl)).toBe(true)
    expect(gapToFill(tl)).toBe(2)
    merge(tl, event(6))
    expect(gapToFill(tl)).toBeNull() // already asked from 2
    merge(tl, event(3))
    expect(tl.contiguous).toBe(3)
    expect(gapToFill(tl)).toBe(3) // a new position asks again
    merge(tl, event(4))
    expect(tl.contiguous).toBe(6)
    expect(hasGap(tl)).toBe(false)
    expect(gapToFill(tl)).toBeNull()
  })

  it('does not ask again for the replay of a subscribe it just sent', () => {
    const tl = createTimeline()
    expect(markAsked(tl)).toBe(0)
    merge(tl, event(2)) // seq 1 still on its way
    expect(gapToFill(tl)).toBeNull()
  })

  it('skips a hole the hub never fills (e.g. a private note seq) and continues', () => {
    const tl = createTimeline()
    for (const s of [1, 2, 4, 5, 8]) merge(tl, event(s))
    expect(tl.contiguous).toBe(2)
    skipHole(tl)
    expect(tl.contiguous).toBe(5)
    expect(hasGap(tl)).toBe(true)
    skipHole(tl)
    expect(tl.contiguous).toBe(8)
    expect(hasGap(tl)).toBe(false)
    skipHole(tl)
    expect(tl.contiguous).toBe(8)
    // A late arrival of a skipped seq is still shown, in place.
    expect(merge(tl, event(3))).toBe(true)
    expect(seqs(tl)).toEqual([1, 2, 3, 4, 5, 8])
  })

  it('after synced takes its lastSeq as contiguous, so note seqs are not missing', () => {
    const tl = createTimeline()
    for (const s of [1, 2, 4, 6]) merge(tl, event(s)) // 3 and 5 are private notes
    expect(tl.contiguous).toBe(2)
    synced(tl, 6)
    expect(tl.contiguous).toBe(6)
    expect(hasGap(tl)).toBe(false)
    merge(tl, event(7))
    expect(tl.contiguous).toBe(7)
    synced(tl, 3) // an older synced never moves it back
    expect(tl.contiguous).toBe(7)
  })

  it('after synced still sees a gap opened by a later live event', () => {
    const tl = createTimeline()
    merge(tl, event(1))
    merge(tl, event(9))
    synced(tl, 4)
    expect(tl.contiguous).toBe(4)
    expect(gapToFill(tl)).toBe(4)
  })
})
