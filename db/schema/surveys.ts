// Satisfaction surveys after a contact: asked on its channel (in the chat, by SMS, Messenger, Telegram, by e-mail
// with rating links; an SMS after a call), answered once, 1 to 5.
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { contacts } from './contacts.ts'
import { conversations } from './conversations.ts'

export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .unique()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    /** Where the question went (sms) and to whom. */
    channelKind: text('channel_kind').notNull(),
    recipient: text('recipient').notNull(),
    /** asked → answered | failed. */
    state: text('state').notNull().default('asked'),
    askedAt: timestamp('asked_at', { withTimezone: true, mode: 'date' }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }),
    score: integer('score'),
    comment: text('comment'),
    /** E-mail: the unguessable token of the rating links (128 random bits, base64url). */
    token: text('token').unique(),
  },
  (t) => [index('surveys_open_idx').on(t.contactId, t.askedAt)],
)
