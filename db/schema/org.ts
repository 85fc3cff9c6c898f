// Organisation: local labour offices (second line) and the queues conversations wait in.
import { sql } from 'drizzle-orm'
import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

export const offices = pgTable('offices', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** TERYT codes (voivodeship or county) of the regions this office serves. */
  regions: text('regions').array().notNull().default(sql`'{}'::text[]`),
  email: text('email'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})

export const queues = pgTable('queues', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  /** first_line (by topic) or second_line (one per local office). */
  line: text('line').notNull().default('first_line'),
  officeId: uuid('office_id').references(() => offices.id, { onDelete: 'restrict' }),
  priority: integer('priority').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})
