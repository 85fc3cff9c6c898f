// Attachments of timeline events: what the provider announced, then the bytes once fetched (kept in the database,
// so every hub node serves them and a backup holds them; capped at MAX_ATTACHMENT_BYTES).
import { sql } from 'drizzle-orm'
import { customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { conversations } from './conversations.ts'
import { events } from './events.ts'

/** Bytes in PostgreSQL (PGlite and postgres.js both hand over a Uint8Array). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' })

export const attachments = pgTable(
  'attachments',
  {
    /** 128 random bits, base64url: unguessable, so a leaked list of ids reveals nothing. */
    id: text('id').primaryKey(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    channelKind: text('channel_kind').notNull(),
    kind: text('kind').notNull(),
    name: text('name'),
    contentType: text('content_type'),
    size: integer('size'),
    /** What the connector fetches it by (a provider URL or file id); null once stored or when nothing to fetch. */
    ref: text('ref'),
    /** pending → stored | failed. */
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastError: text('last_error'),
    content: bytea('content'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('attachments_event_idx').on(t.eventId),
    index('attachments_pending_idx').on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
  ],
)
