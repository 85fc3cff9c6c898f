// The OutboxStore port over drizzle.
import { and, eq, sql } from 'drizzle-orm'
import type { Db, Tx } from '../../db/client.ts'
import { outbox } from '../../db/schema.ts'
import type { ChannelKind } from '../../protocol/channel.ts'
import type { OutboxJob, OutboxStore, OutboxTxStore } from '../app/outbox-ports.ts'
import { rowsOf } from './append-event-sql.ts'

export function createOutboxStore(db: Db): OutboxStore {
  return {
    async claimOutbox(now, leaseUntil, limit) {
      const rows = rowsOf(
        await db.execute(sql`
          with due as (
            select id from outbox
             where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
             order by next_attempt_at, created_at
             limit ${limit}
               for update skip locked
          ), claimed as (
            update outbox o set attempts = o.attempts + 1, next_attempt_at = ${leaseUntil.toISOString()}::timestamptz
              from due where o.id = due.id
            returning o.id, o.event_id, o.conversation_id, o.channel_kind, o.attempts
          )
          select claimed.*, e.text, e.author_name, c.last_inbound_at, c.reply_token, (e.data->>'survey') = 'true' as survey,
                 (select m.data->'email' from events m
                   where m.conversation_id = claimed.conversation_id and m.type = 'message' and m.direction = 'in' and m.data ? 'email'
                   order by m.seq desc limit 1) as last_email,
                 (select i.external_id from identities i
                                      where i.contact_id = c.contact_id and i.channel_kind = claimed.channel_kind
                                      order by i.created_at limit 1) as recipient_id
            from claimed join events e on e.id = claimed.event_id join conversations c on c.id = claimed.conversation_id`),
      )
      return rows.map((r) => ({
        id: String(r.id),
        eventId: String(r.event_id),
        conversationId: String(r.conversation_id),
        channelKind: r.channel_kind as ChannelKind,
        attempts: Number(r.attempts),
        text: String(r.text ?? ''),
        recipientId: r.recipient_id === null || r.recipient_id === undefined ? null : String(r.recipient_id),
        lastInboundAt: r.last_inbound_at ? new Date(r.last_inbound_at as string) : null,
        authorName: r.author_name === null || r.author_name === undefined ? null : String(r.author_name),
        replyToken: r.reply_token === null || r.reply_token === undefined ? null : String(r.reply_token),
        lastEmail: lastEmailOf(r.last_email),
        survey: r.survey === true || r.survey === 't',
      }))
    },
    async markOutboxSent(id, sentAt, providerId) {
      await db
        .update(outbox)
        .set({
          status: 'sent',
          sentAt,
          providerId: sql`coalesce(${outbox.providerId}, ${providerId})`,
          // A receipt may have come first (an echo or a fast callback): never move its state back.
          providerState: sql`case when ${outbox.providerStateRank} < 2 then 'sent' else ${outbox.providerState} end`,
          providerStateRank: sql`greatest(${outbox.providerStateRank}, 2)`,
          lastError: null,
        }).where(and(eq(outbox.id, id), eq(outbox.status, 'pending')))
    },
    async retryOutbox(id, error, at) {
      await db.update(outbox).set({ lastError: error, nextAttemptAt: at }).where(and(eq(outbox.id, id), eq(outbox.status, 'pending')))
    },
    async failOutbox(id, error) {
      await db.update(outbox).set({ status: 'failed', lastError: error }).where(and(eq(outbox.id, id), eq(outbox.status, 'pending')))
    },
  }
}

export function outboxTxStore(tx: Tx): OutboxTxStore {
  return {
    async insertOutbox(o) {
      await tx.insert(outbox).values({ eventId: o.eventId, conversationId: o.conversationId, channelKind: o.channelKind, nextAttemptAt: o.now, createdAt: o.now })
    },
  }
}

/** The citizen's last mail as the timeline stored it (`data.email`); postgres.js gives jsonb parsed, PGlite too. */
function lastEmailOf(v: unknown): OutboxJob['lastEmail'] {
  const e = typeof v === 'string' ? (JSON.parse(v) as unknown) : v
  if (typeof e !== 'object' || e === null) return null
  const o = e as Record<string, unknown>
  return {
    subject: typeof o.subject === 'string' ? o.subject : null,
    messageId: typeof o.messageId === 'string' ? o.messageId : null,
    references: Array.isArray(o.references) ? o.references.filter((x): x is string => typeof x === 'string') : [],
  }
}
