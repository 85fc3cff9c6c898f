// The AdminStore port over drizzle: routing administration (queues, offices, skills, consultants, presence reasons,
// entry rules), what entry decides over, and the supervisor's board.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Db, Tx } from '../../db/client.ts'
import {
  channels,
  consultants,
  contacts,
  conversations,
  entryRules,
  offices,
  presenceReasons,
  dispositions,
  queueMembers,
  queues,
  skills,
} from '../../db/schema.ts'
import type { AdminConsultant, AdminOffice, AdminQueue, Disposition, EntryRule, PresenceReason, QueuePatch } from '../../protocol/admin.ts'
import type { ChannelKind, Role } from '../../protocol/channel.ts'
import type { PresenceState } from '../../protocol/frames.ts'
import type { AdminStore } from '../app/admin-ports.ts'
import { DEFAULT_CAPACITY } from '../domain/routing/routing-model.ts'
import { rowsOf } from './append-event-sql.ts'
import { guarded } from './write-guard.ts'

type QueueRow = typeof queues.$inferSelect
type RuleRow = typeof entryRules.$inferSelect

const toQueue = (r: QueueRow, memberIds: string[]): AdminQueue => ({
  id: r.id,
  name: r.name,
  line: r.line as AdminQueue['line'],
  officeId: r.officeId,
  topic: r.topic,
  keywords: r.keywords,
  ivrDigits: r.ivrDigits,
  priority: r.priority,
  requiredSkills: r.requiredSkills,
  autoAccept: r.autoAccept,
  offerTimeoutSeconds: r.offerTimeoutSeconds,
  overflowQueueId: r.overflowQueueId,
  overflowAfterSeconds: r.overflowAfterSeconds,
  calendarId: r.calendarId,
  memberIds,
})

const toRule = (r: RuleRow): EntryRule => ({
  id: r.id,
  name: r.name,
  position: r.position,
  enabled: r.enabled,
  channelKind: r.channelKind as EntryRule['channelKind'],
  language: r.language as EntryRule['language'],
  keywords: r.keywords,
  queueId: r.queueId,
  priorityBoost: r.priorityBoost,
  skill: r.skill,
})

const toReason = (r: typeof presenceReasons.$inferSelect): PresenceReason => ({
  code: r.code,
  presence: r.presence as PresenceReason['presence'],
  labelPl: r.labelPl,
  labelEn: r.labelEn,
  active: r.active,
})

const toDisposition = (r: typeof dispositions.$inferSelect): Disposition => ({ code: r.code, labelPl: r.labelPl, labelEn: r.labelEn, active: r.active, position: r.position })

const fullCapacity = (c: Record<string, number> | null) => ({ ...DEFAULT_CAPACITY, ...(c ?? {}) })

export function createAdminStore(db: Db): AdminStore {
  async function membersBy(column: 'queue' | 'consultant'): Promise<Map<string, string[]>> {
    const rows = await db.select().from(queueMembers)
    const m = new Map<string, string[]>()
    for (const r of rows) {
      const [k, v] = column === 'queue' ? [r.queueId, r.consultantId] : [r.consultantId, r.queueId]
      m.set(k, [...(m.get(k) ?? []), v])
    }
    return m
  }

  async function readQueue(id: string): Promise<AdminQueue | null> {
    const [r] = await db.select().from(queues).where(eq(queues.id, id))
    if (!r) return null
    const members = await db.select({ id: queueMembers.consultantId }).from(queueMembers).where(eq(queueMembers.queueId, id))
    return toQueue(r, members.map((x) => x.id).sort())
  }

  async function readOffice(id: string): Promise<AdminOffice | null> {
    return (await store.listAdminOffices()).find((o) => o.id === id) ?? null
  }

  async function readConsultant(id: string): Promise<AdminConsultant | null> {
    return (await store.listAdminConsultants()).find((c) => c.id === id) ?? null
  }

  const store: AdminStore = {
    async listAdminQueues() {
      const [rows, members] = await Promise.all([db.select().from(queues).orderBy(asc(queues.line), asc(queues.name)), membersBy('queue')])
      return rows.map((r) => toQueue(r, (members.get(r.id) ?? []).sort()))
    },
    insertQueue: (q) =>
      guarded(async () => {
        const id = await db.transaction(async (tx) => {
          const { memberIds, ...fields } = q
          const [r] = await tx.insert(queues).values(fields).returning({ id: queues.id })
          if (!r) throw new Error('insert returned nothing')
          if (memberIds.length > 0) await tx.insert(queueMembers).values(memberIds.map((consultantId) => ({ queueId: r.id, consultantId })))
          return r.id
        })
        return readQueue(id)
      }),
    patchQueue: (id, p: QueuePatch) =>
      guarded(async () => {
        const found = await db.transaction(async (tx) => {
          const { memberIds, ...fields } = p
          const [r] = Object.keys(fields).length
            ? await tx.update(queues).set(fields).where(eq(queues.id, id)).returning({ id: queues.id })
            : await tx.select({ id: queues.id }).from(queues).where(eq(queues.id, id))
          if (!r) return false
          if (memberIds) {
            await tx.delete(queueMembers).where(eq(queueMembers.queueId, id))
            if (memberIds.length > 0) await tx.insert(queueMembers).values(memberIds.map((consultantId) => ({ queueId: id, consultantId })))
          }
          return true
        })
        return found ? readQueue(id) : null
      }),
    async deleteQueue(id) {
      return db.transaction(async (tx) => {
        const [q] = await tx.select({ id: queues.id, officeId: queues.officeId, line: queues.line }).from(queues).where(eq(queues.id, id)).for('update')
        if (!q) return { ok: false as const, error: 'not_found' as const }
        const [open] = await tx
          .select({ id: conversations.id })
          .from(conversations)
          .where(and(eq(conversations.queueId, id), sql`${conversations.status} <> 'resolved'`))
          .limit(1)
        const [channel] = await tx.select({ id: channels.id }).from(channels).where(eq(channels.defaultQueueId, id)).limit(1)
        const [first] = await tx.select({ id: queues.id }).from(queues).orderBy(asc(queues.createdAt)).limit(1)
        if (open || channel || first?.id === id || (q.line === 'second_line' && q.officeId)) return { ok: false as const, error: 'in_use' as const }
        await tx.delete(queues).where(eq(queues.id, id))
        return { ok: true as const }
      })
    },

    async listAdminOffices() {
      const rows = await db
        .select({ id: offices.id, name: offices.name, regions: offices.regions, email: offices.email, queueId: queues.id, calendarId: offices.calendarId })
        .from(offices)
        .leftJoin(queues, and(eq(queues.officeId, offices.id), eq(queues.line, 'second_line')))
        .orderBy(asc(offices.name), asc(queues.createdAt))
      const seen = new Set<string>()
      return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).sort((a, b) => a.name.localeCompare(b.name, 'pl'))
    },
    insertOffice: (o) =>
      guarded(async () => {
        const id = await db.transaction(async (tx) => {
          const [dup] = await tx.select({ id: offices.id }).from(offices).where(eq(offices.name, o.name)).limit(1)
          if (dup) throw Object.assign(new Error('office name taken'), { code: '23505' })
          const [r] = await tx.insert(offices).values(o).returning({ id: offices.id })
          if (!r) throw new Error('insert returned nothing')
          await tx.insert(queues).values({ name: `Drugi kontakt — ${o.name}`, line: 'second_line', officeId: r.id })
          return r.id
        })
        return readOffice(id)
      }),
    patchOffice: (id, p) =>
      guarded(async () => {
        const found = await db.transaction(async (tx) => {
          if (p.name !== undefined) {
            const [dup] = await tx.select({ id: offices.id }).from(offices).where(and(eq(offices.name, p.name), sql`${offices.id} <> ${id}`)).limit(1)
            if (dup) throw Object.assign(new Error('office name taken'), { code: '23505' })
          }
          const [r] = Object.keys(p).length
            ? await tx.update(offices).set(p).where(eq(offices.id, id)).returning({ id: offices.id })
            : await tx.select({ id: offices.id }).from(offices).where(eq(offices.id, id))
          return Boolean(r)
        })
        return found ? readOffice(id) : null
      }),

    listSkills: () => db.select({ key: skills.key, name: skills.name }).from(skills).orderBy(asc(skills.name)),
    insertSkill: (s) =>
      guarded(async () => {
        const [r] = await db.insert(skills).values(s).returning({ key: skills.key, name: skills.name })
        return r ?? null
      }),
    patchSkill: (key, name) =>
      guarded(async () => {
        const [r] = await db.update(skills).set({ name }).where(eq(skills.key, key)).returning({ key: skills.key, name: skills.name })
        return r ?? null
      }),
    async deleteSkill(key) {
      return db.transaction(async (tx) => {
        const gone = await tx.delete(skills).where(eq(skills.key, key)).returning({ key: skills.key })
        if (gone.length === 0) return false
        await tx.update(consultants).set({ skills: sql`array_remove(${consultants.skills}, ${key})` }).where(sql`${key} = any(${consultants.skills})`)
        await tx.update(queues).set({ requiredSkills: sql`array_remove(${queues.requiredSkills}, ${key})` }).where(sql`${key} = any(${queues.requiredSkills})`)
        return true
      })
    },

    async listAdminConsultants() {
      const [rows, members] = await Promise.all([db.select().from(consultants).orderBy(asc(consultants.name)), membersBy('consultant')])
      return rows.map((r) => ({
        id: r.id,
        email: r.email,
        name: r.name,
        role: r.role as Role,
        officeId: r.officeId,
        presence: r.presence as PresenceState,
        presenceReason: r.presenceReason,
        presenceSince: r.presenceSince?.toISOString() ?? null,
        capacity: fullCapacity(r.capacity),
        skills: r.skills,
        voiceExclusive: r.voiceExclusive,
        voiceTarget: r.voiceTarget,
        queueIds: (members.get(r.id) ?? []).sort(),
        disabled: r.disabledAt !== null,
      }))
    },
    updateConsultant: (id, p) =>
      guarded(async () => {
        const found = await db.transaction(async (tx) => {
          const [r] = await tx.select({ id: consultants.id, capacity: consultants.capacity }).from(consultants).where(eq(consultants.id, id)).for('update')
          if (!r) return false
          const { queueIds, capacity, ...fields } = p
          const set = { ...fields, ...(capacity ? { capacity: { ...r.capacity, ...capacity } } : {}) }
          if (Object.keys(set).length) await tx.update(consultants).set(set).where(eq(consultants.id, id))
          if (queueIds) {
            await tx.delete(queueMembers).where(eq(queueMembers.consultantId, id))
            if (queueIds.length > 0) await tx.insert(queueMembers).values(queueIds.map((queueId) => ({ queueId, consultantId: id })))
          }
          return true
        })
        return found ? readConsultant(id) : null
      }),

    async listPresenceReasons() {
      return (await db.select().from(presenceReasons).orderBy(asc(presenceReasons.presence), asc(presenceReasons.labelPl))).map(toReason)
    },
    insertPresenceReason: (r) =>
      guarded(async () => {
        const [row] = await db.insert(presenceReasons).values(r).returning()
        return row ? toReason(row) : null
      }),
    patchPresenceReason: (code, p) =>
      guarded(async () => {
        const [row] = Object.keys(p).length
          ? await db.update(presenceReasons).set(p).where(eq(presenceReasons.code, code)).returning()
          : await db.select().from(presenceReasons).where(eq(presenceReasons.code, code))
        return row ? toReason(row) : null
      }),

    async listDispositions() {
      return (await db.select().from(dispositions).orderBy(asc(dispositions.position), asc(dispositions.labelPl))).map(toDisposition)
    },
    insertDisposition: (d) =>
      guarded(async () => {
        const [row] = await db.insert(dispositions).values(d).returning()
        return row ? toDisposition(row) : null
      }),
    patchDisposition: (code, p) =>
      guarded(async () => {
        const [row] = Object.keys(p).length
          ? await db.update(dispositions).set(p).where(eq(dispositions.code, code)).returning()
          : await db.select().from(dispositions).where(eq(dispositions.code, code))
        return row ? toDisposition(row) : null
      }),

    async listEntryRules() {
      return (await db.select().from(entryRules).orderBy(asc(entryRules.position), asc(entryRules.name))).map(toRule)
    },
    insertEntryRule: (r) =>
      guarded(async () => {
        const [row] = await db.insert(entryRules).values(r).returning()
        return row ? toRule(row) : null
      }),
    patchEntryRule: (id, p) =>
      guarded(async () => {
        const [row] = Object.keys(p).length
          ? await db.update(entryRules).set(p).where(eq(entryRules.id, id)).returning()
          : await db.select().from(entryRules).where(eq(entryRules.id, id))
        return row ? toRule(row) : null
      }),
    async deleteEntryRule(id) {
      return (await db.delete(entryRules).where(eq(entryRules.id, id)).returning({ id: entryRules.id })).length > 0
    },

    entryContext: () => readEntryContext(db),

    async boardRows() {
      const waiting = await db
        .select({
          conversationId: conversations.id,
          contactId: conversations.contactId,
          queueId: conversations.queueId,
          contactName: contacts.name,
          channelKind: conversations.channelKind,
          status: conversations.status,
          priority: conversations.priority,
          enqueuedAt: sql<Date>`coalesce(${conversations.enqueuedAt}, ${conversations.createdAt})`.mapWith(conversations.createdAt),
          assigneeId: conversations.assigneeId,
          assigneeName: consultants.name,
          requiredSkills: conversations.requiredSkills,
          lastMessageText: conversations.lastMessageText,
        })
        .from(conversations)
        .innerJoin(contacts, eq(contacts.id, conversations.contactId))
        .leftJoin(consultants, eq(consultants.id, conversations.assigneeId))
        .where(and(inArray(conversations.status, ['queued', 'offered']), sql`${conversations.queueId} is not null`))
        .orderBy(sql`${conversations.priority} desc`, sql`coalesce(${conversations.enqueuedAt}, ${conversations.createdAt})`, asc(conversations.id))
        .limit(2000)
      const [people, members, loads] = await Promise.all([
        db.select().from(consultants).where(isNull(consultants.disabledAt)).orderBy(asc(consultants.name)),
        membersBy('consultant'),
        db
          .select({ id: conversations.assigneeId, kind: conversations.channelKind, n: sql<number>`count(*)::int`.mapWith(Number) })
          .from(conversations)
          .where(inArray(conversations.status, ['offered', 'assigned']))
          .groupBy(conversations.assigneeId, conversations.channelKind),
      ])
      const loadOf = new Map<string, Partial<Record<ChannelKind, number>>>()
      for (const l of loads) if (l.id) loadOf.set(l.id, { ...loadOf.get(l.id), [l.kind]: l.n })
      return {
        waiting: waiting.map((w) => ({
          conversationId: w.conversationId,
          contactId: w.contactId,
          queueId: w.queueId!,
          contactName: w.contactName,
          channelKind: w.channelKind as ChannelKind,
          status: w.status as 'queued' | 'offered',
          priority: w.priority,
          enqueuedAt: w.enqueuedAt,
          offeredTo: w.status === 'offered' && w.assigneeId ? { id: w.assigneeId, name: w.assigneeName ?? '' } : null,
          requiredSkills: w.requiredSkills,
          lastMessageText: w.lastMessageText,
        })),
        consultants: people.map((p) => ({
          id: p.id,
          name: p.name,
          presence: p.presence as PresenceState,
          presenceReason: p.presenceReason,
          capacity: fullCapacity(p.capacity),
          queueIds: members.get(p.id) ?? [],
          load: loadOf.get(p.id) ?? {},
        })),
      }
    },

    async consultantLoad(consultantId) {
      const rows = await db
        .select({ kind: conversations.channelKind, n: sql<number>`count(*)::int`.mapWith(Number) })
        .from(conversations)
        .where(and(eq(conversations.assigneeId, consultantId), inArray(conversations.status, ['offered', 'assigned'])))
        .groupBy(conversations.channelKind)
      return Object.fromEntries(rows.map((r) => [r.kind, r.n]))
    },

    async recentAssignments(queueId, since) {
      const rows = await db.execute(sql`
        select e.created_at from events e join conversations c on c.id = e.conversation_id
         where e.type = 'assignment' and c.queue_id = ${queueId}::uuid and e.created_at > ${since.toISOString()}::timestamptz
         order by e.created_at desc limit 100`)
      return rowsOf(rows).map((r) => (r.created_at instanceof Date ? r.created_at : new Date(String(r.created_at))))
    },
  }
  return store
}

/** Queues and enabled entry rules: where a new conversation goes. Inside a transaction too (PGlite has one connection). */
export async function readEntryContext(q: Db | Tx) {
  const [qs, rules] = await Promise.all([
    q
      .select({
        id: queues.id,
        name: queues.name,
        line: queues.line,
        priority: queues.priority,
        requiredSkills: queues.requiredSkills,
        topic: queues.topic,
        ivrDigits: queues.ivrDigits,
        keywords: queues.keywords,
      })
      .from(queues),
    q.select().from(entryRules).where(eq(entryRules.enabled, true)),
  ])
  return { queues: qs, rules: rules.map(toRule) }
}
