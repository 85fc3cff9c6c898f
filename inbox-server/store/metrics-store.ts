// The MetricsStore port over drizzle: conversations active in a period, or still open, with their timelines.
import { asc, gte, inArray, ne, or } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { conversations, events } from '../../db/schema.ts'
import type { ChannelKind } from '../../protocol/channel.ts'
import type { MetricsStore } from '../app/metrics-ports.ts'
import { toTimelineEvent } from './row-mappers.ts'

/** Conversations per events query (a bound-parameter list). */
const CHUNK = 500

export function createMetricsStore(db: Db): MetricsStore {
  return {
    async metricsConversations(since) {
      const convs = await db
        .select({ id: conversations.id, channel: conversations.channelKind, queueId: conversations.queueId, officeId: conversations.officeId, assigneeId: conversations.assigneeId, status: conversations.status })
        .from(conversations)
        .where(or(gte(conversations.lastActivityAt, since), ne(conversations.status, 'resolved')))
      const byId = new Map(convs.map((c) => [c.id, { ...c, channel: c.channel as ChannelKind, events: [] as ReturnType<typeof toTimelineEvent>[] }]))
      const ids = [...byId.keys()]
      for (let i = 0; i < ids.length; i += CHUNK) {
        const rows = await db.select().from(events).where(inArray(events.conversationId, ids.slice(i, i + CHUNK))).orderBy(asc(events.conversationId), asc(events.seq))
        for (const r of rows) byId.get(r.conversationId)?.events.push(toTimelineEvent(r))
      }
      return [...byId.values()]
    },
  }
}
