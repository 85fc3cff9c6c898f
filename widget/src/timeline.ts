// One conversation's events kept in seq order: merge without duplicates, find and skip gaps. Pure, no DOM.
import type { TimelineEvent } from '../../protocol/rest.ts'

export interface Timeline {
  /** Events sorted by seq, each seq once. */
  events: TimelineEvent[]
  seqs: Set<number>
  /** Highest seq up to which nothing is missing (or a missing seq was given up on). */
  contiguous: number
  /** The `contiguous` value we last re-subscribed from, so one gap asks once. */
  asked: number | null
}

export const createTimeline = (): Timeline => ({ events: [], seqs: new Set(), contiguous: 0, asked: null })

export const lastSeq = (tl: Timeline): number => tl.events[tl.events.length - 1]?.seq ?? 0

export const hasGap = (tl: Timeline): boolean => lastSeq(tl) > tl.contiguous

/** Adds an event in seq order; false if that seq is already there (the duplicate is dropped). */
export function merge(tl: Timeline, ev: TimelineEvent): boolean {
  if (!Number.isInteger(ev.seq) || ev.seq < 1 || tl.seqs.has(ev.seq)) return false
  tl.seqs.add(ev.seq)
  let i = tl.events.length
  while (i > 0 && tl.events[i - 1]!.seq > ev.seq) i--
  tl.events.splice(i, 0, ev)
  advance(tl)
  return true
}

/** The afterSeq to re-subscribe from when a gap needs filling, or null (no gap, or already asked from there). */
export function gapToFill(tl: Timeline): number | null {
  if (!hasGap(tl) || tl.asked === tl.contiguous) return null
  tl.asked = tl.contiguous
  return tl.contiguous
}

/** Records that we subscribed from `contiguous` (e.g. after welcome), so the replay does not trigger another ask. */
export function markAsked(tl: Timeline): number {
  tl.asked = tl.contiguous
  return tl.contiguous
}

/**
 * Gives up on the first missing seq (the hub did not send it after a re-subscribe, e.g. a seq used by a
 * private note) and moves `contiguous` past it.
 */
export function skipHole(tl: Timeline): void {
  if (!hasGap(tl)) return
  let s = tl.contiguous + 1
  while (!tl.seqs.has(s)) s++
  tl.contiguous = s
  advance(tl)
}

/** The hub says everything up to `last` has been sent: take it as ours (skipped seqs are not missing). */
export function synced(tl: Timeline, last: number): void {
  if (last > tl.contiguous) tl.contiguous = last
  advance(tl)
}

function advance(tl: Timeline): void {
  while (tl.seqs.has(tl.contiguous + 1)) tl.contiguous++
}
