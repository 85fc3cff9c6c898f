// Routing vocabulary an administrator keeps: skills, presence reasons, and the entry rules new conversations meet.
import { sql } from 'drizzle-orm'
import { boolean, check, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { queues } from './org.ts'

/** Skills consultants have and queues or rules require (e.g. `eures`, `jezyk-uk`). */
export const skills = pgTable('skills', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})

/** Reasons a consultant picks for a presence other than available (break: lunch; training: quiz). */
export const presenceReasons = pgTable(
  'presence_reasons',
  {
    code: text('code').primaryKey(),
    presence: text('presence').notNull(),
    labelPl: text('label_pl').notNull(),
    labelEn: text('label_en').notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [check('presence_reasons_presence_ck', sql`${t.presence} in ('busy', 'break', 'after_call_work', 'training', 'offline')`)],
)

/** Conditions a new conversation may match (all given must hold) and what it then gets; applied in `position` order. */
export const entryRules = pgTable('entry_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  position: integer('position').notNull().default(0),
  enabled: boolean('enabled').notNull().default(true),
  channelKind: text('channel_kind'),
  /** ISO 639-1 code of the first message's language. */
  language: text('language'),
  keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
  queueId: uuid('queue_id').references(() => queues.id, { onDelete: 'cascade' }),
  priorityBoost: integer('priority_boost').notNull().default(0),
  skill: text('skill').references(() => skills.key, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})

/** How a call ended, recorded at the wrap-up (after-call work): a list the supervisors keep, in both languages. */
export const dispositions = pgTable('dispositions', {
  code: text('code').primaryKey(),
  labelPl: text('label_pl').notNull(),
  labelEn: text('label_en').notNull(),
  active: boolean('active').notNull().default(true),
  position: integer('position').notNull().default(0),
})
