// The Store port over drizzle: the same queries on PGlite and PostgreSQL.
import { randomBytes } from 'node:crypto'
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lt, ne, notInArray, or, sql, type SQL } from 'drizzle-orm'
import type { Database, Db, Tx } from '../../db/client.ts'
import {
  apiTokens,
  channels,
  consultants,
  contacts,
  conversations,
  events,
  identities,
  offices,
  queueMembers,
  queues,
  sessions,
} from '../../db/schema.ts'
import type { ConversationStatus } from '../../protocol/channel.ts'
import { STAFF_ONLY_EVENT_TYPES } from '../domain/event-visibility.ts'
import { channelVouchesFor } from '../domain/identity-trust.ts'
import { channelTxStore, createChannelStore } from './channel-store.ts'
import { createContactStore } from './contact-store.ts'
import { createSurveyStore } from './survey-store.ts'
import { ConcurrentDuplicate, type ConsultantRecord, type Store, type TxStore } from '../app/ports.ts'
import { appendEventStatement, rowsOf, toAppended } from './append-event-sql.ts'
import { decodeCursor, encodeCursor } from './list-cursor.ts'
import { containing, createWorkflowStore, workflowTxStore } from './workflow-store.ts'
import { createMetricsStore } from './metrics-store.ts'
import { createKbStore } from './kb-store.ts'
import { createQuizStore } from './quiz-store.ts'
import { createAdminStore, readEntryContext } from './admin-store.ts'
import { createSlaStore, slaTxStore } from './sla-store.ts'
import { createOutboxStore, outboxTxStore } from './outbox-store.ts'
import { routingWrites } from './routing-writes.ts'
import { toConsultantRecord, toConversationRecord, toConversationView, toTimelineEvent } from './row-mappers.ts'

const PHONE_SIBLING: Partial<Record<string, string>> = { sms: 'voice', voice: 'sms' }

/** An SMS conversation's number opted out (STOP): when, else null. */
const smsOptedOutAt = sql<Date | string | null>`(select i.opted_out_at from identities i
  where i.contact_id = ${conversations.contactId} and i.channel_kind = 'sms' and ${conversations.channelKind} = 'sms'
  order by i.opted_out_at desc nulls last limit 1)`

/**
 * A search: the words in the contact's name, e-mail or phone (digits only, so "600 300 401" finds +48600300401), or
 * in a message or note of the conversation. ILIKE scans; a trigram index is the next step when lists grow.
 */
function searchCondition(q: string): SQL {
  const like = containing(q)
  const digits = q.replace(/[\s()+-]/g, '')
  const phone = /^\d{3,}$/.test(digits) ? sql` or regexp_replace(${contacts.phone}, '[^0-9]', '', 'g') like ${containing(digits)}` : sql``
  return sql`(${contacts.name} ilike ${like} or ${contacts.email} ilike ${like}${phone}
    or exists (select 1 from events e where e.conversation_id = ${conversations.id} and e.type in ('message', 'note') and e.text ilike ${like}))`
}

export function createDrizzleStore(database: Database): Store {
  const { db } = database
  const workflow = createWorkflowStore(db)
  const labelsOf = (ids: readonly string[]) => workflow.labelsOf(ids)

  return {
    ...createAdminStore(db),
    ...createSlaStore(db),
    ...createOutboxStore(db),
    ...createChannelStore(db),
    ...createContactStore(db),
    ...createSurveyStore(db),
    ...workflow,
    ...createMetricsStore(db),
    ...createKbStore(db),
    ...createQuizStore(db),
    kind: database.kind,
    async ping() {
      try {
        await db.execute(sql`select 1`)
        return true
      } catch {
        return false
      }
    },
    transaction: (fn) => db.transaction((tx) => fn(createTxStore(tx))),

    async ensureDefaults() {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('inbox-hub:defaults'))`)
        await tx.insert(queues).values({ name: 'Ogólna' }).onConflictDoNothing({ target: queues.name })
        const [queue] = await tx.select({ id: queues.id }).from(queues).orderBy(asc(queues.createdAt)).limit(1)
        if (!queue) throw new Error('default queue missing after insert')
        let [channel] = await tx
          .select({ id: channels.id })
          .from(channels)
          .where(eq(channels.kind, 'webchat'))
          .orderBy(asc(channels.createdAt))
          .limit(1)
        if (!channel) {
          ;[channel] = await tx
            .insert(channels)
            .values({ kind: 'webchat', name: 'Czat na portalu', defaultQueueId: queue.id })
            .returning({ id: channels.id })
        }
        if (!channel) throw new Error('webchat channel missing after insert')
        return { webchatChannelId: channel.id, defaultQueueId: queue.id }
      })
    },

    async findConsultantById(id) {
      const [r] = await db.select().from(consultants).where(eq(consultants.id, id)).limit(1)
      return r ? toConsultantRecord(r) : null
    },
    async findConsultantByEmail(email) {
      const [r] = await db.select().from(consultants).where(eq(consultants.email, email)).limit(1)
      return r ? toConsultantRecord(r) : null
    },
    async insertConsultant(c) {
      const [r] = await db.insert(consultants).values(c).returning()
      if (!r) throw new Error('insert returned nothing')
      return toConsultantRecord(r)
    },
    async insertFirstConsultant(c) {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('inbox-hub:first-admin'))`)
        const [n] = await tx.select({ n: count() }).from(consultants)
        if (Number(n?.n ?? 0) > 0) return null
        const [r] = await tx.insert(consultants).values(c).returning()
        return r ? toConsultantRecord(r) : null
      })
    },
    async listConsultants() {
      const rows = await db.select().from(consultants).orderBy(asc(consultants.email))
      return rows.map(toConsultantRecord)
    },
    async countConsultants() {
      const [r] = await db.select({ n: count() }).from(consultants)
      return Number(r?.n ?? 0)
    },
    async insertSession(s) {
      await db.insert(sessions).values(s)
    },
    async findConsultantByToken(tokenHash, now) {
      const [s] = await db
        .select({ c: consultants })
        .from(sessions)
        .innerJoin(consultants, eq(consultants.id, sessions.consultantId))
        .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
        .limit(1)
      if (s) return liveConsultant(toConsultantRecord(s.c))
      const [t] = await db
        .select({ c: consultants })
        .from(apiTokens)
        .innerJoin(consultants, eq(consultants.id, apiTokens.consultantId))
        .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
        .limit(1)
      return t ? liveConsultant(toConsultantRecord(t.c)) : null
    },
    async setPresence(consultantId, presence, reason, now) {
      await db.update(consultants).set({ presence, presenceReason: reason, presenceSince: now }).where(eq(consultants.id, consultantId))
    },
    async leaveQueue(consultantId, queueId) {
      await db.delete(queueMembers).where(and(eq(queueMembers.consultantId, consultantId), eq(queueMembers.queueId, queueId)))
    },
    async joinQueue(consultantId, queueId) {
      await db.insert(queueMembers).values({ consultantId, queueId }).onConflictDoNothing()
    },
    async createQueue(q) {
      const [r] = await db.insert(queues).values(q).returning({ id: queues.id, name: queues.name })
      if (!r) throw new Error('insert returned nothing')
      return r
    },
    async listTopics() {
      const rows = await db
        .select({ key: queues.topic, name: queues.name, queueId: queues.id })
        .from(queues)
        .where(isNotNull(queues.topic))
        .orderBy(asc(queues.name))
      return rows.map((r) => ({ key: r.key!, name: r.name, queueId: r.queueId }))
    },
    async listQueues() {
      return db
        .select({ id: queues.id, name: queues.name, line: queues.line, officeId: queues.officeId, topic: queues.topic })
        .from(queues)
        .orderBy(asc(queues.line), asc(queues.name))
    },
    async findQueueByName(name) {
      const [r] = await db.select({ id: queues.id, name: queues.name }).from(queues).where(eq(queues.name, name)).limit(1)
      return r ?? null
    },
    async ensureOffice(o) {
      const [found] = await db.select({ id: offices.id }).from(offices).where(eq(offices.name, o.name)).limit(1)
      if (found) return { id: found.id, created: false }
      const [r] = await db.insert(offices).values({ name: o.name, regions: o.regions, email: o.email ?? null }).returning({ id: offices.id })
      if (!r) throw new Error('insert returned nothing')
      return { id: r.id, created: true }
    },
    async getQueue(id) {
      const [r] = await db.select({ id: queues.id, name: queues.name }).from(queues).where(eq(queues.id, id)).limit(1)
      return r ?? null
    },
    async updateQueue(queueId, p) {
      await db.update(queues).set(p).where(eq(queues.id, queueId))
    },
    async queuePosition(conversationId) {
      const [r] = rowsOf(
        await db.execute(sql`
          select (select count(*) from conversations w
                   where w.status = 'queued' and w.queue_id = me.queue_id
                     and (w.priority > me.priority
                          or (w.priority = me.priority
                              and (coalesce(w.enqueued_at, w.created_at), w.id) < (coalesce(me.enqueued_at, me.created_at), me.id))))::int + 1
                 as position, me.queue_id
            from conversations me
           where me.id = ${conversationId}::uuid and me.status = 'queued'`),
      )
      return r && r.queue_id ? { position: Number(r.position), queueId: String(r.queue_id) } : null
    },
    async pendingOffers() {
      const rows = await db
        .select({ conversationId: conversations.id, expiresAt: conversations.offerExpiresAt })
        .from(conversations)
        .where(eq(conversations.status, 'offered'))
      return rows.flatMap((r) => (r.expiresAt ? [{ conversationId: r.conversationId, expiresAt: r.expiresAt }] : []))
    },
    async listOffices() {
      return db.select({ id: offices.id, name: offices.name, regions: offices.regions }).from(offices)
    },
    async officeQueue(officeId) {
      const [r] = await db
        .select({ id: queues.id, name: queues.name })
        .from(queues)
        .where(and(eq(queues.officeId, officeId), eq(queues.line, 'second_line')))
        .orderBy(asc(queues.createdAt))
        .limit(1)
      return r ?? null
    },
    async contactRegion(contactId) {
      const [r] = await db.select({ region: contacts.region }).from(contacts).where(eq(contacts.id, contactId)).limit(1)
      return r?.region ?? null
    },
    async setContactRegion(contactId, region) {
      await db.update(contacts).set({ region, updatedAt: new Date() }).where(eq(contacts.id, contactId))
    },
    async setConsultantOffice(consultantId, officeId) {
      await db.update(consultants).set({ officeId }).where(eq(consultants.id, consultantId))
    },
    async setRoutingProfile(consultantId, p) {
      await db.update(consultants).set(p).where(eq(consultants.id, consultantId))
    },
    async insertApiToken(t) {
      await db.insert(apiTokens).values(t)
    },
    async revokeToken(tokenHash, now) {
      const r = await db
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id })
      return r.length > 0
    },

    findContact: (channelKind, externalId) => findIdentity(db, channelKind, externalId),
    async findOrCreateContact(channelKind, externalId) {
      const existing = await findIdentity(db, channelKind, externalId)
      if (existing) return existing
      // One number is one person on SMS and on calls (both vouched for by the carrier): the other's contact.
      const sibling = PHONE_SIBLING[channelKind]
      const byNumber = sibling ? await findIdentity(db, sibling, externalId) : null
      if (byNumber) {
        await db.insert(identities).values({ contactId: byNumber, channelKind, externalId, verified: channelVouchesFor(channelKind) }).onConflictDoNothing()
        return (await findIdentity(db, channelKind, externalId)) ?? byNumber
      }
      return db.transaction(async (tx) => {
        // The number or address the channel knows is the contact's phone or e-mail until staff say otherwise.
        const known = channelKind === 'sms' || channelKind === 'voice' ? { phone: externalId } : channelKind === 'email' || channelKind === 'form' ? { email: externalId } : {}
        const [contact] = await tx.insert(contacts).values(known).returning({ id: contacts.id })
        if (!contact) throw new Error('insert returned nothing')
        const [created] = await tx
          .insert(identities)
          .values({ contactId: contact.id, channelKind, externalId, verified: channelVouchesFor(channelKind) })
          .onConflictDoNothing()
          .returning({ contactId: identities.contactId })
        if (created) return created.contactId
        // Lost a race with another insert of the same identity: use theirs, drop ours.
        await tx.delete(contacts).where(eq(contacts.id, contact.id))
        const theirs = await findIdentity(tx, channelKind, externalId)
        if (!theirs) throw new Error('identity vanished during insert')
        return theirs
      })
    },
    async contactConversations(contactId) {
      const rows = await db
        .select({ id: conversations.id, lastSeq: conversations.lastSeq, status: conversations.status })
        .from(conversations)
        .where(eq(conversations.contactId, contactId))
        .orderBy(desc(conversations.lastActivityAt))
        .limit(20)
      return rows.map((r) => ({ ...r, status: r.status as ConversationStatus }))
    },
    async getConversation(id) {
      const [r] = await db.select().from(conversations).where(eq(conversations.id, id)).limit(1)
      return r ? toConversationRecord(r) : null
    },
    async getConversationView(id) {
      const [r] = await db
        .select({ c: conversations, name: contacts.name, phone: contacts.phone, email: contacts.email, optedOutAt: smsOptedOutAt })
        .from(conversations)
        .innerJoin(contacts, eq(contacts.id, conversations.contactId))
        .where(eq(conversations.id, id))
        .limit(1)
      return r ? toConversationView(r.c, r, r.optedOutAt, (await labelsOf([r.c.id])).get(r.c.id) ?? []) : null
    },
    async dueSnoozes(now, limit) {
      const rows = await db
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(eq(conversations.status, 'snoozed'), lt(conversations.snoozedUntil, new Date(now.getTime() + 1))))
        .orderBy(asc(conversations.snoozedUntil))
        .limit(limit)
      return rows.map((r) => r.id)
    },
    async listConversationViews(filter, page) {
      const where: (SQL | undefined)[] = [
        filter.status === 'open'
          ? ne(conversations.status, 'resolved')
          : filter.status
            ? eq(conversations.status, filter.status)
            : undefined,
        filter.channel ? eq(conversations.channelKind, filter.channel) : undefined,
        filter.assigneeId === null
          ? isNull(conversations.assigneeId)
          : filter.assigneeId
            ? eq(conversations.assigneeId, filter.assigneeId)
            : undefined,
        filter.queueId ? eq(conversations.queueId, filter.queueId) : undefined,
        filter.officeId ? eq(conversations.officeId, filter.officeId) : undefined,
        filter.slaBreached === undefined ? undefined : eq(conversations.slaBreached, filter.slaBreached),
        filter.statusIn ? inArray(conversations.status, filter.statusIn) : undefined,
        filter.inQueuesOf ? sql`${conversations.queueId} in (select queue_id from queue_members where consultant_id = ${filter.inQueuesOf})` : undefined,
        filter.escalated ? isNotNull(conversations.officeId) : undefined,
        filter.labelId ? sql`exists (select 1 from conversation_labels cl where cl.conversation_id = ${conversations.id} and cl.label_id = ${filter.labelId})` : undefined,
        filter.search ? searchCondition(filter.search) : undefined,
      ]
      // Two orders, each with its keyset: newest activity first, or the SLA deadline falling due first.
      const bySla = page.sort === 'sla_due'
      if (bySla) where.push(isNotNull(conversations.slaDueAt))
      if (page.cursor) {
        const pos = decodeCursor(page.cursor)
        if (!pos) return { error: 'bad_cursor' as const }
        where.push(
          bySla
            ? or(gt(conversations.slaDueAt, pos.at), and(eq(conversations.slaDueAt, pos.at), gt(conversations.id, pos.id)))
            : or(lt(conversations.lastActivityAt, pos.at), and(eq(conversations.lastActivityAt, pos.at), lt(conversations.id, pos.id))),
        )
      }
      const rows = await db
        .select({ c: conversations, name: contacts.name, phone: contacts.phone, email: contacts.email, optedOutAt: smsOptedOutAt })
        .from(conversations)
        .innerJoin(contacts, eq(contacts.id, conversations.contactId))
        .where(and(...where))
        .orderBy(...(bySla ? [asc(conversations.slaDueAt), asc(conversations.id)] : [desc(conversations.lastActivityAt), desc(conversations.id)]))
        .limit(page.limit + 1)
      const more = rows.length > page.limit
      const items = rows.slice(0, page.limit)
      const last = items.at(-1)
      return {
        items: await (async () => {
          const labelled = await labelsOf(items.map((r) => r.c.id))
          return items.map((r) => toConversationView(r.c, r, r.optedOutAt, labelled.get(r.c.id) ?? []))
        })(),
        next: more && last ? encodeCursor({ at: bySla ? last.c.slaDueAt! : last.c.lastActivityAt, id: last.c.id }) : null,
      }
    },
    async listEvents(conversationId, afterSeq, limit, opts) {
      const rows = await db
        .select()
        .from(events)
        .where(
          and(
            eq(events.conversationId, conversationId),
            gt(events.seq, afterSeq),
            opts?.publicOnly ? notInArray(events.type, [...STAFF_ONLY_EVENT_TYPES]) : undefined,
          ),
        )
        .orderBy(asc(events.seq))
        .limit(limit)
      return rows.map(toTimelineEvent)
    },
    findEventByClientId: (authorId, clientId) => findEventByClientId(db, authorId, clientId),
    async findEventByExternalId(externalId) {
      const [r] = await db.select().from(events).where(eq(events.externalId, externalId)).limit(1)
      return r ? toTimelineEvent(r) : null
    },
    async ensureChannel(kind, name) {
      const found = async () => (await db.select({ id: channels.id }).from(channels).where(eq(channels.kind, kind)).orderBy(asc(channels.createdAt)).limit(1))[0]
      const existing = await found()
      if (existing) return { id: existing.id, kind }
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('inbox-hub:channel:' || ${kind}))`)
        const [again] = await tx.select({ id: channels.id }).from(channels).where(eq(channels.kind, kind)).limit(1)
        if (again) return { id: again.id, kind }
        const defaults = await tx.select({ id: queues.id }).from(queues).orderBy(asc(queues.createdAt)).limit(1)
        const [made] = await tx.insert(channels).values({ kind, name, defaultQueueId: defaults[0]?.id ?? null }).returning({ id: channels.id })
        if (!made) throw new Error('insert returned nothing')
        return { id: made.id, kind }
      })
    },
    async nameContact(contactId, name) {
      await db.update(contacts).set({ name, updatedAt: new Date() }).where(and(eq(contacts.id, contactId), isNull(contacts.name)))
    },
  }
}

function liveConsultant(c: ConsultantRecord): ConsultantRecord | null {
  return c.disabled ? null : c
}

async function findIdentity(q: Db | Tx, channelKind: string, externalId: string): Promise<string | null> {
  const [r] = await q
    .select({ contactId: identities.contactId })
    .from(identities)
    .where(and(eq(identities.channelKind, channelKind), eq(identities.externalId, externalId)))
    .limit(1)
  return r?.contactId ?? null
}

async function findEventByClientId(q: Db | Tx, authorId: string, clientId: string) {
  const [r] = await q
    .select()
    .from(events)
    .where(and(eq(events.authorId, authorId), eq(events.clientId, clientId)))
    .limit(1)
  return r ? toTimelineEvent(r) : null
}

function createTxStore(tx: Tx): TxStore {
  return {
    ...slaTxStore(tx),
    ...outboxTxStore(tx),
    ...channelTxStore(tx),
    ...workflowTxStore(tx),
    entryContext: () => readEntryContext(tx),
    async lockConversation(id) {
      const [r] = await tx.select().from(conversations).where(eq(conversations.id, id)).for('update')
      return r ? toConversationRecord(r) : null
    },
    async lockContact(contactId) {
      const r = await tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, contactId)).for('update')
      return r.length > 0
    },
    async insertConversation(c) {
      const [r] = await tx
        .insert(conversations)
        .values({
          contactId: c.contactId,
          channelId: c.channelId,
          channelKind: c.channelKind,
          queueId: c.queueId,
          priority: c.priority ?? 0,
          requiredSkills: c.requiredSkills ?? [],
          status: 'queued',
          enqueuedAt: c.now,
          lastActivityAt: c.now,
          createdAt: c.now,
          // Answered by e-mail: the conversation's own address, unguessable (144 random bits).
          ...(c.channelKind === 'email' || c.channelKind === 'form' ? { replyToken: randomBytes(18).toString('base64url') } : {}),
        })
        .returning()
      if (!r) throw new Error('insert returned nothing')
      return toConversationRecord(r)
    },
    async updateConversation(id, patch) {
      await tx.update(conversations).set(patch).where(eq(conversations.id, id))
    },
    ...routingWrites(tx),
    async appendEvent(target, e, now) {
      // Lock, check and bump in one statement: the row lock serialises writers to this conversation.
      const r = toAppended(rowsOf(await tx.execute(appendEventStatement(target, e, now)))[0], e, now)
      if (!r) return null
      if (!r.inserted) throw new ConcurrentDuplicate()
      return { conversation: r.conversation, event: r.event }
    },
  }
}
