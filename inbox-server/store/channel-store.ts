// The ChannelStore port over drizzle: provider message look-ups, outbox links, receipts and attachments.
import { and, eq, or, sql } from 'drizzle-orm'
import type { Db, Tx } from '../../db/client.ts'
import { attachments, conversations, events, identities, outbox } from '../../db/schema.ts'
import type { AttachmentInfo, AttachmentKind, AttachmentState } from '../../protocol/attachments.ts'
import type { ChannelKind } from '../../protocol/channel.ts'
import type { ChannelStore, ChannelTxStore } from '../app/channel-ports.ts'
import { rowsOf } from './append-event-sql.ts'
import { deliveryRank } from '../domain/delivery-state.ts'

type AttachmentRow = typeof attachments.$inferSelect

function toInfo(r: Pick<AttachmentRow, 'id' | 'kind' | 'name' | 'contentType' | 'size' | 'state'>): AttachmentInfo {
  return { id: r.id, kind: r.kind as AttachmentKind, name: r.name, contentType: r.contentType, size: r.size, state: r.state as AttachmentState }
}

export function createChannelStore(db: Db): ChannelStore {
  return {
    async claimCallConnects(now, leaseUntil, limit) {
      const rows = rowsOf(
        await db.execute(sql`
          with due as (
            select id from conversations
             where channel_kind = 'voice'
               and ((status = 'assigned' and assignee_id is not null and call_connected_to is distinct from assignee_id)
                 or (status in ('queued', 'offered') and call_connected_to is not null))
               and (call_connect_lease is null or call_connect_lease <= ${now.toISOString()}::timestamptz)
             limit ${limit}
               for update skip locked
          )
          update conversations c set call_connect_lease = ${leaseUntil.toISOString()}::timestamptz
            from due where c.id = due.id
          returning c.id, case when c.status = 'assigned' then c.assignee_id end as assignee_id,
                    (select voice_target from consultants k where k.id = c.assignee_id) as voice_target,
                    (select e.data->>'callSid' from events e
                      where e.conversation_id = c.id and e.type = 'call' and e.external_id = 'voice:' || (e.data->>'callSid')
                      order by e.seq limit 1) as call_sid`),
      )
      return rows.map((r) => ({
        conversationId: String(r.id),
        consultantId: r.assignee_id === null || r.assignee_id === undefined ? null : String(r.assignee_id),
        voiceTarget: r.voice_target === null || r.voice_target === undefined ? null : String(r.voice_target),
        callSid: r.call_sid === null || r.call_sid === undefined ? null : String(r.call_sid),
      }))
    },
    async callConnectDone(conversationId, consultantId) {
      await db.update(conversations).set({ callConnectedTo: consultantId, callConnectLease: null }).where(eq(conversations.id, conversationId))
    },
    async callRequeued(conversationId) {
      await db.update(conversations).set({ callConnectedTo: null, callConnectLease: null }).where(eq(conversations.id, conversationId))
    },
    async callConnectRetry(conversationId, at) {
      await db.update(conversations).set({ callConnectLease: at }).where(eq(conversations.id, conversationId))
    },
    async findEmailThread(replyToken, messageIds) {
      const cols = { conversationId: conversations.id, contactId: conversations.contactId, channelId: conversations.channelId, channelKind: conversations.channelKind, status: conversations.status }
      if (replyToken) {
        const [byToken] = await db.select(cols).from(conversations).where(eq(conversations.replyToken, replyToken)).limit(1)
        if (byToken) return { ...byToken, channelKind: byToken.channelKind as ChannelKind }
      }
      if (messageIds.length === 0) return null
      const keys = messageIds.map((id) => `email:${id}`)
      const rows = rowsOf(
        await db.execute(sql`
          select x.key, c.id, c.contact_id, c.channel_id, c.channel_kind, c.status from (
            select conversation_id, external_id as key from events where external_id in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})
            union all
            select conversation_id, provider_id from outbox where provider_id in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})
          ) x join conversations c on c.id = x.conversation_id`),
      )
      // The mail it answers directly wins over older ones in References.
      for (const key of keys) {
        const r = rows.find((row) => row.key === key)
        if (r) return { conversationId: String(r.id), contactId: String(r.contact_id), channelId: String(r.channel_id), channelKind: r.channel_kind as ChannelKind, status: String(r.status) }
      }
      return null
    },
    async setOptOut(channelKind, externalId, at) {
      await db.update(identities).set({ optedOutAt: at }).where(and(eq(identities.channelKind, channelKind), eq(identities.externalId, externalId)))
    },
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
    async filesOfEvent(eventId) {
      const rows = await db
        .select({ name: attachments.name, contentType: attachments.contentType, content: attachments.content })
        .from(attachments)
        .where(and(eq(attachments.eventId, eventId), eq(attachments.state, 'stored')))
        .orderBy(attachments.name, attachments.id)
      return rows.flatMap((r) => (r.content ? [{ name: r.name ?? 'plik', contentType: r.contentType ?? 'application/octet-stream', content: r.content }] : []))
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
    async optedOutAt(contactId, channelKind) {
      const [r] = await tx
        .select({ at: identities.optedOutAt })
        .from(identities)
        .where(and(eq(identities.contactId, contactId), eq(identities.channelKind, channelKind), sql`${identities.optedOutAt} is not null`))
        .limit(1)
      return r?.at ?? null
    },
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
          // Bytes that came with the message (e-mail) or nothing to fetch (a location): final at once.
          state: a.ref === null ? 'stored' : 'pending',
          ...(a.content ? { content: a.content, size: a.content.byteLength } : {}),
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
      const at = r.at.toISOString()
      const rank = deliveryRank(r.state)
      // Messenger: the contact's sent messages on the channel up to the watermark, or those it names; Twilio and
      // bounces: the messages named, whoever they went to.
      const which =
        r.contactId !== null && r.watermark !== null
          ? sql`c.contact_id = ${r.contactId}::uuid and c.channel_kind = ${r.channelKind}
                and (o.sent_at <= ${r.watermark.toISOString()}::timestamptz ${r.providerIds.length > 0 ? sql`or o.provider_id in (${sql.join(r.providerIds.map((p) => sql`${p}`), sql`, `)})` : sql``})`
          : r.providerIds.length > 0
            ? sql`o.provider_id in (${sql.join(r.providerIds.map((p) => sql`${p}`), sql`, `)})`
            : sql`false`
      const rows = rowsOf(
        await tx.execute(sql`
          update outbox o
             set provider_state = ${r.state}, provider_state_rank = ${rank}, provider_error = ${r.error ?? null},
                 delivered_at = case when ${r.state} in ('delivered', 'read') then coalesce(o.delivered_at, ${at}::timestamptz) else o.delivered_at end,
                 read_at = case when ${r.state} = 'read' then coalesce(o.read_at, ${at}::timestamptz) else o.read_at end
            from conversations c
           where c.id = o.conversation_id and o.status = 'sent' and o.provider_state_rank < ${rank} and ${which}
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
