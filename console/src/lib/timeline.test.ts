// Unit tests for the timeline merge: dedupe by seq, order, gaps, REST pages and the hub's `synced`.
import { describe, expect, it } from 'vitest'
import type { TimelineEvent } from '$protocol/rest.ts'
import { advance, applyLive, applyPage, applySynced, emptyTimeline, hasGap, mergeEvents } from './timeline.ts'

function ev(seq: number, extra: Partial<TimelineEvent> = {}): TimelineEvent {
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    conversationId: '11111111-1111-4111-8111-111111111111',
    seq,
    type: 'message',
    direction: 'in',
    text: `m${seq}`,
    author: { kind: 'contact', id: null, name: null },
    clientId: null,
    data: null,
    createdAt: '2025-01-01T10:00:00.000Z',
    occurredAt: '2025-01-01T10:00:00.000Z',
    ...extra,
  }
}

const seqs = (events: readonly TimelineEvent[]) => events.map((e) => e.seq)

describe('mergeEvents', () => {
  it('drops events whose seq is already there and keeps seq order', () => {
    const { events, added } = mergeEvents([ev(1), ev(2), ev(4)], [ev(3), ev(2), ev(5), ev(3)])
    expect(seqs(events)).toEqual([1, 2, 3, 4, 5])
    expect(seqs(added)).toEqual([3, 5])
  })

  it('returns the same array when nothing is new', () => {
    const existing = [ev(1), ev(2)]
    expect(mergeEvents(existing, [ev(2), ev(1)]).events).toBe(existing)
  })

  it('sorts incoming events that arrive out of order', () => {
    expect(seqs(mergeEvents([], [ev(3), ev(1), ev(2)]).events)).toEqual([1, 2, 3])
  })
})

describe('applyLive', () => {
  it('advances lastSeq over consecutive events', () => {
    const { timeline, gap } = applyLive(emptyTimeline, [ev(1), ev(2), ev(3)])
    expect(timeline.lastSeq).toBe(3)
    expect(gap).toBe(false)
  })

  it('reports a gap and holds lastSeq when an event skips ahead', () => {
    const start = applyLive(emptyTimeline, [ev(1), ev(2)]).timeline
    const { timeline, gap, added } = applyLive(start, [ev(5)])
    expect(gap).toBe(true)
    expect(timeline.lastSeq).toBe(2)
    expect(seqs(timeline.events)).toEqual([1, 2, 5])
    expect(seqs(added)).toEqual([5])
  })

  it('closes the gap when the replay fills it, without duplicating', () => {
    let t = applyLive(emptyTimeline, [ev(1), ev(2), ev(5)]).timeline
    const filled = applyLive(t, [ev(3), ev(4), ev(5)])
    t = filled.timeline
    expect(filled.gap).toBe(false)
    expect(t.lastSeq).toBe(5)
    expect(seqs(t.events)).toEqual([1, 2, 3, 4, 5])
    expect(seqs(filled.added)).toEqual([3, 4])
  })

  it('ignores a duplicate event entirely', () => {
    const t = applyLive(emptyTimeline, [ev(1)]).timeline
    const again = applyLive(t, [ev(1)])
    expect(again.added).toEqual([])
    expect(again.timeline.events).toBe(t.events)
  })
})

describe('applyPage', () => {
  it('trusts a REST page: holes inside it are seqs that do not exist', () => {
    const { timeline, gap } = applyPage(emptyTimeline, [ev(1), ev(2), ev(4)], 0)
    expect(timeline.lastSeq).toBe(4)
    expect(gap).toBe(false)
  })

  it('merges with live events that arrived first', () => {
    const live = applyLive(emptyTimeline, [ev(6)]).timeline
    expect(live.lastSeq).toBe(0)
    const { timeline, gap, added } = applyPage(live, [ev(1), ev(2), ev(3), ev(4), ev(5), ev(6)], 0)
    expect(timeline.lastSeq).toBe(6)
    expect(gap).toBe(false)
    expect(seqs(added)).toEqual([1, 2, 3, 4, 5])
  })

  it('does not jump past events it does not cover when fetched from an older seq', () => {
    const t = { events: [ev(1), ev(2), ev(3)], lastSeq: 3 }
    const { timeline } = applyPage(t, [ev(2), ev(3)], 1)
    expect(timeline.lastSeq).toBe(3)
  })

  it('does not claim completeness for a page that starts after what we have', () => {
    const t = { events: [ev(1)], lastSeq: 1 }
    const { timeline, gap } = applyPage(t, [ev(5), ev(6)], 4)
    expect(timeline.lastSeq).toBe(1)
    expect(gap).toBe(true)
  })
})

describe('applySynced', () => {
  it('treats missing seqs up to the synced one as not existing', () => {
    const t = applyLive(emptyTimeline, [ev(1), ev(3)]).timeline
    expect(t.lastSeq).toBe(1)
    const { timeline, gap } = applySynced(t, 3)
    expect(timeline.lastSeq).toBe(3)
    expect(gap).toBe(false)
  })

  it('keeps a gap that lies beyond the synced seq', () => {
    const t = applyLive(emptyTimeline, [ev(1), ev(2), ev(7)]).timeline
    const { timeline, gap } = applySynced(t, 4)
    expect(timeline.lastSeq).toBe(4)
    expect(gap).toBe(true)
  })

  it('never moves lastSeq backwards', () => {
    const t = applyLive(emptyTimeline, [ev(1), ev(2), ev(3)]).timeline
    expect(applySynced(t, 1).timeline).toBe(t)
  })

  it('moves an empty conversation forward too', () => {
    expect(applySynced(emptyTimeline, 0).timeline.lastSeq).toBe(0)
    expect(applySynced(emptyTimeline, 2).timeline.lastSeq).toBe(2)
  })
})

describe('advance and hasGap', () => {
  it('stops at the first missing seq', () => {
    expect(advance([ev(1), ev(2), ev(4)], 0)).toBe(2)
    expect(advance([ev(1), ev(2), ev(4)], 3)).toBe(4)
    expect(hasGap([ev(1), ev(2), ev(4)], 2)).toBe(true)
    expect(hasGap([ev(1), ev(2)], 2)).toBe(false)
    expect(hasGap([], 0)).toBe(false)
  })
})
