// The ChannelStore port over drizzle: provider message look-ups, outbox links, receipts and attachments.
import { and, eq, or, sql } from 'drizzle-orm'
import type { Db, Tx } from '../../db/client.ts'
import { attachments, conversations, events, outbox } from '../../db/schema.ts'
import type { AttachmentInfo, AttachmentKind, AttachmentState } from '../../protocol/attachments.ts'
import type { ChannelKind } from '../../protocol/channel.ts'
import type { ChannelStore, ChannelTxStore } from '../app/channel-ports.ts'
import { rowsOf } from './append-event-sql.ts'

type AttachmentRow = typeof attachments.$inferSelect

function toInfo(r: Pick<AttachmentRow, 'id' | 'kind' | 'name' | 'contentType' | 'size' | 'state'>): AttachmentInfo {
  return { id: r.id, kind: r.kind as AttachmentKind, name: r.name, contentType: r.contentType, size: r.size, state: r.state as AttachmentState }
}

export function createChannelStore(db: Db): ChannelStore {
  return {
    async findProviderMessage(idOrRef) {
      const [r] = await db
        .select({ eventId: events.id, conversationId: events.conversationId, contactId: conversations.contactId, text: events.text, data: events.data })
        .from(events)
        .innerJoin(conversations, eq(conversations.id, events.conversationId))
        .where(and(eq(events.type, 'message'), or(eq(events.externalId, idOrRef), eq(events.providerRef, idOrRef))))
        .limit(1)
      if (r) return { ...r, data: r.data ?? null }
      // A staff message the hub sent: the provider's id of it is on its outbox row.
      const [sent] = await db
        .select({ eventId: events.id, conversationId: events.conversationId, contactId: conversations.contactId, text: events.text, data: events.data })
        .from(outbox)
        .innerJoin(events, eq(events.id, outbox.eventId))
        .innerJoin(conversations, eq(conversations.id, events.conversationId))
        .where(eq(outbox.providerId, idOrRef))
        .limit(1)
      return sent ? { ...sent, data: sent.data ?? null } : null
    },
    async findOutbox(by) {
      const [r] = await db
        .select({ id: outbox.id, providerId: outbox.providerId, conversationId: outbox.conversationId })
        .from(outbox)
        .where('id' in by ? eq(outbox.id, by.id) : eq(outbox.providerId, by.providerId))
        .limit(1)
      return r ?? null
    },
    async setOutboxProviderId(id, providerId) {
      await db.update(outbox).set({ providerId }).where(and(eq(outbox.id, id), sql`${outbox.providerId} is null`))
    },
    async claimAttachments(now, leaseUntil, limit) {
      const rows = rowsOf(
        await db.execute(sql`
          with due as (
            select id from attachments
             where state = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
             order by next_attempt_at
             limit ${limit}
               for update skip locked
          )
          update attachments a set attempts = a.attempts + 1, next_attempt_at = ${leaseUntil.toISOString()}::timestamptz
            from due where a.id = due.id
          returning a.id, a.event_id, a.conversation_id, a.channel_kind, a.ref, a.attempts`),
      )
      return rows.map((r) => ({
        id: String(r.id),
        eventId: String(r.event_id),
        conversationId: String(r.conversation_id),
        channelKind: r.channel_kind as ChannelKind,
        ref: String(r.ref ?? ''),
        attempts: Number(r.attempts),
      }))
    },
    async storeAttachment(id, bytes, contentType) {
      const [r] = await db
        .update(attachments)
        .set({ state: 'stored', content: bytes, size: bytes.byteLength, contentType: sql`coalesce(${attachments.contentType}, ${contentType})`, ref: null, lastError: null })
        .where(and(eq(attachments.id, id), eq(attachments.state, 'pending')))
        .returning()
      return r ? toInfo(r) : null
    },
    async retryAttachment(id, error, at) {
      await db.update(attachments).set({ lastError: error, nextAttemptAt: at }).where(and(eq(attachments.id, id), eq(attachments.state, 'pending')))
    },
    async failAttachment(id, error) {
      const [r] = await db
        .update(attachments)
        .set({ state: 'failed', lastError: error, ref: null })
        .where(and(eq(attachments.id, id), eq(attachments.state, 'pending')))
        .returning()
      return r ? toInfo(r) : null
    },
    async readAttachment(id) {
      const [r] = await db
        .select({ a: attachments, contactId: conversations.contactId, officeId: conversations.officeId })
        .from(attachments)
        .innerJoin(conversations, eq(conversations.id, attachments.conversationId))
        .where(eq(attachments.id, id))
        .limit(1)
      if (!r) return null
      return { info: toInfo(r.a), eventId: r.a.eventId, conversationId: r.a.conversationId, contactId: r.contactId, officeId: r.officeId, content: r.a.content ?? null }
    },
  }
}

export function channelTxStore(tx: Tx): ChannelTxStore {
  return {
    async insertAttachments(eventId, conversationId, channelKind, list, now) {
      if (list.length === 0) return
      await tx.insert(attachments).values(
        list.map((a) => ({
          id: a.id,
          eventId,
          conversationId,
          channelKind,
          kind: a.kind,
          name: a.name,
          contentType: a.contentType,
          size: a.size,
          ref: a.ref,
          // Nothing to fetch (a location): final at once.
          state: a.ref === null ? 'stored' : 'pending',
          nextAttemptAt: now,
          createdAt: now,
        })),
      )
    },
    async editMessage(eventId, text, editedAt) {
      const rows = rowsOf(
        await tx.execute(sql`
          update events
             set text = ${text},
                 data = coalesce(data, '{}'::jsonb) || jsonb_build_object('edited', jsonb_build_object(
                          'at', ${editedAt.toISOString()}::text,
                          'count', coalesce((data->'edited'->>'count')::int, 0) + 1))
           where id = ${eventId}::uuid
       returning (data->'edited'->>'count')::int as count`),
      )
      return Number(rows[0]?.count ?? 0)
    },
    async applyReceipt(r) {
      const column = r.state === 'read' ? sql`read_at` : sql`delivered_at`
      const ids = r.providerIds.length > 0 ? sql`or o.provider_id in (${sql.join(r.providerIds.map((p) => sql`${p}`), sql`, `)})` : sql``
      const rows = rowsOf(
        await tx.execute(sql`
          update outbox o
             set ${column} = ${r.watermark.toISOString()}::timestamptz
                 ${r.state === 'read' ? sql`, delivered_at = coalesce(o.delivered_at, ${r.watermark.toISOString()}::timestamptz)` : sql``}
            from conversations c
           where c.id = o.conversation_id and c.contact_id = ${r.contactId}::uuid and c.channel_kind = ${r.channelKind}
             and o.status = 'sent' and o.${column} is null
             and (o.sent_at <= ${r.watermark.toISOString()}::timestamptz ${ids})
       returning o.conversation_id, o.event_id`),
      )
      const by = new Map<string, string[]>()
      for (const row of rows) {
        const list = by.get(String(row.conversation_id)) ?? []
        list.push(String(row.event_id))
        by.set(String(row.conversation_id), list)
      }
      return [...by].map(([conversationId, eventIds]) => ({ conversationId, eventIds }))
    },
  }
}
