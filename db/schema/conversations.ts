// Conversations: one contact on one channel, with status, queue, assignee and the last timeline seq.
import { sql } from 'drizzle-orm'
import { boolean, check, index, uniqueIndex, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { channels } from './channels.ts'
import { contacts } from './contacts.ts'
import { offices, queues } from './org.ts'
import { consultants } from './staff.ts'

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'restrict' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'restrict' }),
    channelKind: text('channel_kind').notNull(),
    status: text('status').notNull().default('queued'),
    queueId: uuid('queue_id').references(() => queues.id, { onDelete: 'set null' }),
    officeId: uuid('office_id').references(() => offices.id, { onDelete: 'set null' }),
    /** The first-line queue an escalated conversation came from: a hand-back returns it there. */
    escalatedFromQueueId: uuid('escalated_from_queue_id').references(() => queues.id, { onDelete: 'set null' }),
    assigneeId: uuid('assignee_id').references(() => consultants.id, { onDelete: 'set null' }),
    priority: integer('priority').notNull().default(0),
    /** When it (last) entered its queue; routing serves the longest waiting first. */
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true, mode: 'date' }),
    requiredSkills: text('required_skills').array().notNull().default(sql`'{}'::text[]`),
    /** Set while offered: the consultant in assignee_id must accept before this, or it goes back to its queue. */
    offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true, mode: 'date' }),
    /** Consultants who declined it or let its offer time out; it is not offered to them again. */
    declinedBy: uuid('declined_by').array().notNull().default(sql`'{}'::uuid[]`),
    subject: text('subject'),
    /** Highest seq written to this conversation's timeline; bumped under the row lock. */
    lastSeq: integer('last_seq').notNull().default(0),
    lastMessageText: text('last_message_text'),
    lastMessageDirection: text('last_message_direction'),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** When the citizen last wrote (the provider's time): the reply window of Messenger. */
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true, mode: 'date' }),
    /** E-mail and forms: the token of the conversation's own address (reply+<token>@MAIL_DOMAIN). */
    replyToken: text('reply_token'),
    /** Calls: the consultant the call was last put through to, and the lease of the node putting it through. */
    callConnectedTo: uuid('call_connected_to'),
    callConnectLease: timestamp('call_connect_lease', { withTimezone: true, mode: 'date' }),
    /** Snoozed until then: it wakes (back to its assignee, or its queue) at this time, or when the citizen writes. */
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    /** SLA clocks (domain/sla): their state, the policy and calendar they run on. */
    sla: jsonb('sla').$type<Record<string, unknown>>(),
    /** The earliest breach still to come, for "due soonest"; null when no clock runs. */
    slaDueAt: timestamp('sla_due_at', { withTimezone: true, mode: 'date' }),
    /** A live clock has breached. */
    slaBreached: boolean('sla_breached').notNull().default(false),
    /** When the next SLA timer (warning or breach) must go off; the timer service loads these. */
    slaFireAt: timestamp('sla_fire_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    check(
      'conversations_status_ck',
      sql`${t.status} in ('queued', 'offered', 'assigned', 'pending', 'snoozed', 'resolved')`,
    ),
    index('conversations_activity_idx').on(t.lastActivityAt, t.id),
    index('conversations_contact_idx').on(t.contactId),
    uniqueIndex('conversations_reply_token_uq').on(t.replyToken),
    index('conversations_status_idx').on(t.status),
    index('conversations_assignee_idx').on(t.assigneeId),
    index('conversations_queued_idx').on(t.status, t.priority, t.enqueuedAt),
    /** Routing's window: each queue's waiting conversations in serving order (routing-snapshot-sql.ts). */
    index('conversations_waiting_idx')
      .on(t.queueId, sql`${t.priority} desc`, sql`coalesce(${t.enqueuedAt}, ${t.createdAt})`, t.id)
      .where(sql`${t.status} = 'queued'`),
    index('conversations_sla_fire_idx').on(t.slaFireAt).where(sql`${t.slaFireAt} is not null`),
    index('conversations_sla_due_idx').on(t.slaDueAt).where(sql`${t.slaDueAt} is not null`),
    index('conversations_snoozed_idx').on(t.snoozedUntil).where(sql`${t.status} = 'snoozed'`),
  ],
)
