// Contacts (people) and their identities on each channel.
import { sql } from 'drizzle-orm'
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'

export const contacts = pgTable('contacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name'),
  email: text('email'),
  phone: text('phone'),
  /** TERYT code of where the citizen lives (county, or voivodeship); chooses the local office on escalation. */
  region: text('region'),
  notes: text('notes'),
  /** Set when staff merged this contact into another: its identities and conversations moved there. */
  mergedInto: uuid('merged_into'),
  attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})

export const identities = pgTable(
  'identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    channelKind: text('channel_kind').notNull(),
    /** Widget: SHA-256 of the visitor token; Messenger PSID; Telegram user id; e-mail; E.164 phone. */
    externalId: text('external_id').notNull(),
    verified: boolean('verified').notNull().default(false),
    /** SMS: the number sent STOP; nothing is sent to it until it sends START. */
    optedOutAt: timestamp('opted_out_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('identities_kind_external_uq').on(t.channelKind, t.externalId),
    index('identities_contact_idx').on(t.contactId),
  ],
)
