// The period a figure covers and the slice of the centre it is about (a queue, a channel kind, or both).
import type { ChannelKind } from '../../../protocol/channel.ts'
import type { QueueId } from './conversation-facts.ts'

/** Half-open, epoch milliseconds: `from` is in it, `to` is not. */
export interface Period {
  from: number
  to: number
}

/** Left out: every queue, every channel. `queueId: null` is the conversations without a queue. */
export interface Scope {
  queueId?: QueueId
  channel?: ChannelKind
}

export function within(period: Period, at: number | null): at is number {
  return at !== null && at >= period.from && at < period.to
}

export function inScope(scope: Scope, queueId: QueueId, channel: ChannelKind): boolean {
  return (scope.queueId === undefined || scope.queueId === queueId) && (scope.channel === undefined || scope.channel === channel)
}
