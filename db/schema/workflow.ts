// The inbox workflow staff keep on conversations: labels, canned responses, notifications (mentions in notes), and
// files a consultant uploaded to send with their next message.
import { sql } from 'drizzle-orm'
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { bytea } from './attachments.ts'
import { conversations } from './conversations.ts'
import { events } from './events.ts'
import { consultants } from './staff.ts'

/** Labels staff put on conversations (e.g. "skarga", "pilne"), kept by administrators and supervisors. */
export const labels = pgTable('labels', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  /** #rrggbb, shown as a dot beside the name (never the only cue). */
  color: text('color').notNull().default('#5b6b7f'),
  description: text('description'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})

export const conversationLabels = pgTable(
  'conversation_labels',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    labelId: uuid('label_id')
      .notNull()
      .references(() => labels.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.labelId] }), index('conversation_labels_label_idx').on(t.labelId)],
)

/** Ready answers a consultant inserts by typing `/` and the shortcut; `{{contact.name}}` and friends filled in. */
export const cannedResponses = pgTable('canned_responses', {
  id: uuid('id').primaryKey().defaultRandom(),
  shortcut: text('shortcut').notNull().unique(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})

/** Something a consultant should see: a mention in a private note, until they mark it read. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultantId: uuid('consultant_id')
      .notNull()
      .references(() => consultants.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => consultants.id, { onDelete: 'set null' }),
    actorName: text('actor_name'),
    excerpt: text('excerpt'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('notifications_unread_idx').on(t.consultantId, t.createdAt).where(sql`${t.readAt} is null`)],
)

/** A file a consultant uploaded for a reply: taken into the message's attachments when it is sent; else swept. */
export const uploads = pgTable(
  'uploads',
  {
    /** 128 random bits, base64url. */
    id: text('id').primaryKey(),
    consultantId: uuid('consultant_id')
      .notNull()
      .references(() => consultants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('uploads_created_idx').on(t.createdAt)],
)
