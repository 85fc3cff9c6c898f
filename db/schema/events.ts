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
    data: jsonb('data').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('events_conversation_seq_uq').on(t.conversationId, t.seq),
    uniqueIndex('events_author_client_uq').on(t.authorId, t.clientId),
    uniqueIndex('events_external_uq').on(t.externalId),
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
  },
  (t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt)],
)
