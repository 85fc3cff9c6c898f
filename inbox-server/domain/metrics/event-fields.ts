// Reading the loosely typed `data` of stored timeline events, and their server time, for the metrics: a field of
// the wrong type reads as absent, never as a thrown error (old events keep whatever shape they were written with).
import type { TimelineEvent } from '../../../protocol/rest.ts'

type Data = TimelineEvent['data']

export function textField(data: Data, key: string): string | null {
  const v = data?.[key]
  return typeof v === 'string' ? v : null
}

export function numberField(data: Data, key: string): number | null {
  const v = data?.[key]
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

export function flagField(data: Data, key: string): boolean {
  return data?.[key] === true
}

/** The server's time of an event (`createdAt`), epoch milliseconds: the clock every metric runs on. */
export function serverTime(e: Pick<TimelineEvent, 'createdAt'>): number {
  return Date.parse(e.createdAt)
}

/** The events in the order they were written (`seq`), without changing the caller's array. */
export function inWriteOrder<E extends Pick<TimelineEvent, 'seq'>>(events: readonly E[]): E[] {
  return [...events].sort((a, b) => a.seq - b.seq)
}
