// The hot write in one statement: lock and bump the conversation's seq, insert the event, return both. A duplicate
// (the same author and clientId, or the same provider message id) inserts nothing: the caller rolls back.
// Hand-written SQL because the query builder's per-call cost dominated the hub's CPU under load (docs/benchmarks.md).
import { sql, type SQL } from 'drizzle-orm'
import type { ChannelKind, ConversationStatus } from '../../protocol/channel.ts'
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { AppendTarget, Appended, NewEvent } from '../app/ports.ts'

export function appendEventStatement(target: AppendTarget, e: NewEvent, now: Date): SQL {
  const where =
    'openConversationOf' in target
      ? sql`id = (select id from conversations
                  where contact_id = ${target.openConversationOf.contactId}::uuid
                    and channel_id = ${target.openConversationOf.channelId}::uuid
                    and status <> 'resolved'
                  order by last_activity_at desc limit 1)`
      : sql.join(
          [
            sql`id = ${target.conversationId}::uuid`,
            ...(target.contactId ? [sql`contact_id = ${target.contactId}::uuid`] : []),
            ...(target.channelKind ? [sql`channel_kind = ${target.channelKind}`] : []),
          ],
          sql` and `,
        )
  const at = now.toISOString()
  const occurred = (e.occurredAt ?? now).toISOString()
  const preview =
    e.type === 'message' ? sql`, last_message_text = ${e.text}, last_message_direction = ${e.direction}` : sql``
  // The reply window runs from the citizen's latest message by the provider's clock; a late delivery never shortens it.
  const inbound =
    e.type === 'message' && e.direction === 'in'
      ? sql`, last_inbound_at = greatest(coalesce(last_inbound_at, ${occurred}::timestamptz), ${occurred}::timestamptz)`
      : sql``
  return sql`
    with c as (
      update conversations
         set last_seq = last_seq + 1, last_activity_at = ${at}::timestamptz${preview}${inbound}
       where ${where}
   returning id, contact_id, channel_id, channel_kind, status, queue_id, office_id, escalated_from_queue_id, assignee_id, priority,
             required_skills, last_seq, last_inbound_at, snoozed_until
    ), e as (
      insert into events (conversation_id, seq, type, direction, text, author_kind, author_id, author_name,
                          client_id, external_id, provider_ref, data, created_at, occurred_at)
      select c.id, c.last_seq, ${e.type}, ${e.direction}, ${e.text}, ${e.author.kind}, ${e.author.id}::uuid,
             ${e.author.name}, ${e.clientId ?? null}, ${e.externalId ?? null}, ${e.providerRef ?? null},
             ${e.data ? JSON.stringify(e.data) : null}::jsonb, ${at}::timestamptz, ${occurred}::timestamptz
        from c
          on conflict do nothing
   returning id
    )
    select c.*, (select id from e) as event_id from c`
}

type Row = Record<string, unknown>

/** postgres.js answers with an array of rows, PGlite with `{ rows }`. */
export function rowsOf(result: unknown): Row[] {
  return Array.isArray(result) ? (result as Row[]) : ((result as { rows: Row[] }).rows ?? [])
}

/** Null: no such conversation. `eventId` null: the insert met a concurrent duplicate of its clientId. */
export function toAppended(row: Row | undefined, e: NewEvent, now: Date): (Appended & { inserted: boolean }) | null {
  if (!row) return null
  const conversationId = String(row.id)
  const seq = Number(row.last_seq)
  const event: TimelineEvent = {
    id: row.event_id === null ? '' : String(row.event_id),
    conversationId,
    seq,
    type: e.type,
    direction: e.direction,
    text: e.text,
    author: { kind: e.author.kind, id: e.author.id, name: e.author.name },
    clientId: e.clientId ?? null,
    data: e.data ?? null,
    createdAt: now.toISOString(),
    occurredAt: (e.occurredAt ?? now).toISOString(),
  }
  return {
    inserted: row.event_id !== null,
    event,
    conversation: {
      id: conversationId,
      contactId: String(row.contact_id),
      channelId: String(row.channel_id),
      channelKind: row.channel_kind as ChannelKind,
      status: row.status as ConversationStatus,
      queueId: (row.queue_id as string | null) ?? null,
      officeId: (row.office_id as string | null) ?? null,
      escalatedFromQueueId: (row.escalated_from_queue_id as string | null) ?? null,
      assigneeId: (row.assignee_id as string | null) ?? null,
      priority: Number(row.priority ?? 0),
      requiredSkills: (row.required_skills as string[] | null) ?? [],
      lastSeq: seq,
      lastInboundAt: row.last_inbound_at ? new Date(row.last_inbound_at as string) : null,
      snoozedUntil: row.snoozed_until ? new Date(row.snoozed_until as string) : null,
    },
  }
}
