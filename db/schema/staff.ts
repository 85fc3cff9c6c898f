// Staff: consultants with roles, their sign-in sessions and long-lived API tokens for integrators.
import { boolean, check, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { offices, queues } from './org.ts'

export const consultants = pgTable(
  'consultants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    role: text('role').notNull().default('consultant'),
    passwordHash: text('password_hash').notNull(),
    officeId: uuid('office_id').references(() => offices.id, { onDelete: 'set null' }),
    /** available, busy, break, after_call_work, training, offline; only `available` is offered work. */
    presence: text('presence').notNull().default('offline'),
    presenceReason: text('presence_reason'),
    presenceSince: timestamp('presence_since', { withTimezone: true, mode: 'date' }),
    /** Conversations at once per channel kind; kinds left out take the defaults of the routing model. */
    capacity: jsonb('capacity').$type<Record<string, number>>().notNull().default(sql`'{}'::jsonb`),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    voiceExclusive: boolean('voice_exclusive').notNull().default(true),
    /** Where calls are put through to this consultant: an E.164 number or a SIP address (sip:user@host). */
    voiceTarget: text('voice_target'),
    lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true, mode: 'date' }),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    check('consultants_role_ck', sql`${t.role} in ('consultant', 'second_line', 'supervisor', 'admin')`),
    check('consultants_presence_ck', sql`${t.presence} in ('available', 'busy', 'break', 'after_call_work', 'training', 'offline')`),
  ],
)

/** Which consultants serve which queues. */
export const queueMembers = pgTable(
  'queue_members',
  {
    queueId: uuid('queue_id')
      .notNull()
      .references(() => queues.id, { onDelete: 'cascade' }),
    consultantId: uuid('consultant_id')
      .notNull()
      .references(() => consultants.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.queueId, t.consultantId] }), index('queue_members_consultant_idx').on(t.consultantId)],
)

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultantId: uuid('consultant_id')
      .notNull()
      .references(() => consultants.id, { onDelete: 'cascade' }),
    /** SHA-256 of the bearer token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('sessions_consultant_idx').on(t.consultantId)],
)

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  consultantId: uuid('consultant_id')
    .notNull()
    .references(() => consultants.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
})
