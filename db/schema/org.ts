// Organisation: local labour offices (second line) and the queues conversations wait in.
import { sql } from 'drizzle-orm'
import { boolean, integer, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core'

export const offices = pgTable('offices', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** TERYT codes (voivodeship or county) of the regions this office serves. */
  regions: text('regions').array().notNull().default(sql`'{}'::text[]`),
  email: text('email'),
  /** Opening hours for the SLA clocks of conversations escalated here; null: the default calendar. */
  calendarId: uuid('calendar_id'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})

export const queues = pgTable('queues', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  /** first_line (by topic) or second_line (one per local office). */
  line: text('line').notNull().default('first_line'),
  /** A topic key citizens can pick in the widget's pre-chat form (e.g. `zasilek`); null: not offered there. */
  topic: text('topic').unique(),
  /** Word beginnings (lower case, no diacritics) that send a first message without a topic here, e.g. `zasil`. */
  keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
  officeId: uuid('office_id').references(() => offices.id, { onDelete: 'restrict' }),
  /** IVR digits that send a call here (voice). */
  ivrDigits: text('ivr_digits').unique(),
  /** A conversation entering this queue starts with this priority (higher is served first). */
  priority: integer('priority').notNull().default(0),
  /** Skills every consultant taking a conversation from this queue must have (copied onto it when it enters). */
  requiredSkills: text('required_skills').array().notNull().default(sql`'{}'::text[]`),
  /** Assign without asking; otherwise the consultant is offered the conversation and must accept it in time. */
  autoAccept: boolean('auto_accept').notNull().default(false),
  /** Seconds to accept an offer; null: 30 for written channels, 20 for voice. */
  offerTimeoutSeconds: integer('offer_timeout_seconds'),
  /** After waiting this long here, a conversation may also go to the consultants of the overflow queue. */
  overflowQueueId: uuid('overflow_queue_id').references((): AnyPgColumn => queues.id, { onDelete: 'set null' }),
  overflowAfterSeconds: integer('overflow_after_seconds'),
  /** Opening hours for the SLA clocks of this queue; null: the default calendar. */
  calendarId: uuid('calendar_id'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})
