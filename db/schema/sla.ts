// Service levels: business calendars (opening windows, holidays, closed days) and SLA policies per queue.
import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { queues } from './org.ts'

/** A calendar's definition (time zone, windows per ISO weekday, Polish holidays, closed days) as validated JSON. */
export const businessCalendars = pgTable('business_calendars', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})

/**
 * Targets for the clocks of conversations in a queue (null queue: every queue without its own), optionally only for
 * one channel kind and from a priority up; the most specific match applies.
 */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull().unique(),
    queueId: uuid('queue_id').references(() => queues.id, { onDelete: 'cascade' }),
    channelKind: text('channel_kind'),
    minPriority: integer('min_priority'),
    firstResponseSeconds: integer('first_response_seconds'),
    nextResponseSeconds: integer('next_response_seconds'),
    resolutionSeconds: integer('resolution_seconds'),
    /** Count only the calendar's opening hours; false: round the clock. */
    businessHours: boolean('business_hours').notNull().default(true),
    warnPercent: integer('warn_percent').notNull().default(80),
    /** notify (always), raise_priority (by `breach_priority_boost`) or reroute (to `reroute_queue_id`). */
    onBreach: text('on_breach').notNull().default('notify'),
    breachPriorityBoost: integer('breach_priority_boost').notNull().default(0),
    rerouteQueueId: uuid('reroute_queue_id').references(() => queues.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    check('sla_policies_breach_ck', sql`${t.onBreach} in ('notify', 'raise_priority', 'reroute')`),
    check('sla_policies_warn_ck', sql`${t.warnPercent} between 1 and 99`),
    index('sla_policies_queue_idx').on(t.queueId),
  ],
)
