// The timeline: every event of a conversation with a gap-free per-conversation seq, and the outbox of sends.
import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { conversations } from './conversations.ts'

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    direction: text('direction'),
    text: text('text'),
    authorKind: text('author_kind').notNull(),
    /** Contact id or consultant id; scopes clientId idempotency to its sender. */
    authorId: uuid('author_id'),
    authorName: text('author_name'),
    clientId: text('client_id'),
    /** Provider message id, namespaced by the connector (e.g. `messenger:<mid>`). */
    externalId: text('external_id'),
    /** The provider's id of the message itself when replies and edits name it otherwise (Telegram chat:message). */
    providerRef: text('provider_ref'),
    data: jsonb('data').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** When it happened (the provider's send time for a citizen's message): the timeline's display order. */
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('events_conversation_seq_uq').on(t.conversationId, t.seq),
    uniqueIndex('events_author_client_uq').on(t.authorId, t.clientId),
    uniqueIndex('events_external_uq').on(t.externalId),
    index('events_provider_ref_idx').on(t.providerRef).where(sql`${t.providerRef} is not null`),
    /** The pace of assignments (estimated waits, service level): recent assignment events by time. */
    index('events_assignment_time_idx').on(t.createdAt).where(sql`${t.type} = 'assignment'`),
  ],
)

export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .unique()
      .references(() => events.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    channelKind: text('channel_kind').notNull(),
    /** pending → sent | failed; retried with backoff until attempts run out. */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    /** The provider's id of the sent message (`messenger:<mid>`): receipts and echoes find it by this. */
    providerId: text('provider_id'),
    /** Message states from the provider's receipts; they only move forward (sent → delivered → read). */
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
    /** The provider's latest word on the message (queued, sent, delivered, read, undelivered, failed) and its rank,
     * so a late or repeated callback never moves it back. */
    providerState: text('provider_state'),
    providerStateRank: integer('provider_state_rank').notNull().default(0),
    providerError: text('provider_error'),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    /** Echoes and replies find the hub's own messages by the provider's id. */
    index('outbox_provider_idx').on(t.providerId).where(sql`${t.providerId} is not null`),
    /** Receipts: the sent, not yet read messages of a conversation. */
    index('outbox_unread_idx').on(t.conversationId, t.sentAt).where(sql`${t.readAt} is null and ${t.status} = 'sent'`),
  ],
)
