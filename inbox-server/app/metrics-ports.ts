// The store's side of the metrics: the conversations a period's figures need, each with its whole timeline.
import type { ChannelKind } from '../../protocol/channel.ts'
import type { TimelineEvent } from '../../protocol/rest.ts'

export interface MetricsConversation {
  id: string
  channel: ChannelKind
  /** Its queue now (the `created` event names the one it started in). */
  queueId: string | null
  officeId: string | null
  assigneeId: string | null
  status: string
  events: TimelineEvent[]
}

export interface MetricsStore {
  /** Conversations active since `since` (created, written to or changed) or still open, with their events. */
  metricsConversations(since: Date): Promise<MetricsConversation[]>
}
