// One conversation's timeline as plain data: events merged by seq without duplicates, and the gap check that keeps it complete.
import type { TimelineEvent } from '$protocol/rest.ts'

export interface Timeline {
  /** Events sorted by seq, each seq once. */
  readonly events: readonly TimelineEvent[]
  /** Every event with seq <= lastSeq is in `events` (or does not exist); what we ask the hub to send after. */
  readonly lastSeq: number
}

export interface Merge {
  timeline: Timeline
  /** Events that were not there before, in seq order. */
  added: TimelineEvent[]
  /** True when some event is past lastSeq + 1: events in between are missing. */
  gap: boolean
}

export const emptyTimeline: Timeline = { events: [], lastSeq: 0 }

/** Events from the socket (live or replayed after `subscribe`): lastSeq only moves over an unbroken run. */
export function applyLive(timeline: Timeline, incoming: readonly TimelineEvent[]): Merge {
  const { events, added } = mergeEvents(timeline.events, incoming)
  const lastSeq = advance(events, timeline.lastSeq)
  return { timeline: { events, lastSeq }, added, gap: hasGap(events, lastSeq) }
}

/**
 * A page from `GET /events?after=AFTER`: the hub returns every stored event after AFTER up to
 * the page's last one, so a hole inside the page is a seq that does not exist, not a missing event.
 */
export function applyPage(timeline: Timeline, items: readonly TimelineEvent[], after: number): Merge {
  const { events, added } = mergeEvents(timeline.events, items)
  let lastSeq = timeline.lastSeq
  const pageEnd = items.reduce((max, e) => Math.max(max, e.seq), 0)
  if (after <= lastSeq && pageEnd > lastSeq) lastSeq = pageEnd
  lastSeq = advance(events, lastSeq)
  return { timeline: { events, lastSeq }, added, gap: hasGap(events, lastSeq) }
}

/**
 * `synced {lastSeq}` closes the replay a `subscribe` asked for: every event up to `upTo` was sent
 * before it, so a seq up to there that we lack does not exist.
 */
export function applySynced(timeline: Timeline, upTo: number): Merge {
  const lastSeq = advance(timeline.events, Math.max(timeline.lastSeq, upTo))
  const next = lastSeq === timeline.lastSeq ? timeline : { events: timeline.events, lastSeq }
  return { timeline: next, added: [], gap: hasGap(next.events, lastSeq) }
}

/** `existing` plus the events of `incoming` whose seq it does not have, sorted by seq. */
export function mergeEvents(
  existing: readonly TimelineEvent[],
  incoming: readonly TimelineEvent[],
): { events: readonly TimelineEvent[]; added: TimelineEvent[] } {
  const seen = new Set(existing.map((e) => e.seq))
  const added: TimelineEvent[] = []
  for (const event of incoming) {
    if (seen.has(event.seq)) continue
    seen.add(event.seq)
    added.push(event)
  }
  if (added.length === 0) return { events: existing, added }
  added.sort(bySeq)
  const last = existing[existing.length - 1]
  const first = added[0]
  // The usual case, a newer event at the end, needs no full sort.
  const events = last === undefined || (first !== undefined && first.seq > last.seq) ? [...existing, ...added] : [...existing, ...added].sort(bySeq)
  return { events, added }
}

/** The highest seq reachable from `lastSeq` through consecutive seqs present in `events`. */
export function advance(events: readonly TimelineEvent[], lastSeq: number): number {
  let seq = lastSeq
  for (const event of events) {
    if (event.seq <= seq) continue
    if (event.seq === seq + 1) seq = event.seq
    else break
  }
  return seq
}

/** Whether events past `lastSeq` are held while something before them is missing. */
export function hasGap(events: readonly TimelineEvent[], lastSeq: number): boolean {
  const last = events[events.length - 1]
  return last !== undefined && last.seq > lastSeq
}

function bySeq(a: TimelineEvent, b: TimelineEvent): number {
  return a.seq - b.seq
}
