// The SlaStore port over drizzle: calendars, SLA policies, the clocks stored on conversations and their timers.
import { asc, eq, inArray, isNotNull, lte } from 'drizzle-orm'
import type { Db, Tx } from '../../db/client.ts'
import { businessCalendars, conversations, offices, queues, slaPolicies } from '../../db/schema.ts'
import type { Calendar, CalendarDefinition, SlaPolicy } from '../../protocol/sla.ts'
import type { ChannelKind } from '../../protocol/channel.ts'
import type { SlaStore, SlaTxStore, StoredSla } from '../app/sla-ports.ts'
import { toConversationRecord } from './row-mappers.ts'
import { guarded } from './write-guard.ts'

type PolicyRow = typeof slaPolicies.$inferSelect

const toCalendar = (r: typeof businessCalendars.$inferSelect): Calendar => ({ id: r.id, name: r.name, definition: r.definition as unknown as CalendarDefinition })

const toPolicy = (r: PolicyRow): SlaPolicy => ({
  id: r.id,
  name: r.name,
  queueId: r.queueId,
  channelKind: r.channelKind as ChannelKind | null,
  minPriority: r.minPriority,
  firstResponseSeconds: r.firstResponseSeconds,
  nextResponseSeconds: r.nextResponseSeconds,
  resolutionSeconds: r.resolutionSeconds,
  businessHours: r.businessHours,
  warnPercent: r.warnPercent,
  onBreach: r.onBreach as SlaPolicy['onBreach'],
  breachPriorityBoost: r.breachPriorityBoost,
  rerouteQueueId: r.rerouteQueueId,
})

export function createSlaStore(db: Db): SlaStore {
  return {
    async listCalendars() {
      return (await db.select().from(businessCalendars).orderBy(asc(businessCalendars.name))).map(toCalendar)
    },
    insertCalendar: (c) =>
      guarded(async () => {
        const [r] = await db.insert(businessCalendars).values({ name: c.name, definition: c.definition as unknown as Record<string, unknown> }).returning()
        return r ? toCalendar(r) : null
      }),
    patchCalendar: (id, p) =>
      guarded(async () => {
        const set = { ...(p.name === undefined ? {} : { name: p.name }), ...(p.definition === undefined ? {} : { definition: p.definition as unknown as Record<string, unknown> }) }
        const [r] = Object.keys(set).length
          ? await db.update(businessCalendars).set(set).where(eq(businessCalendars.id, id)).returning()
          : await db.select().from(businessCalendars).where(eq(businessCalendars.id, id))
        return r ? toCalendar(r) : null
      }),
    async deleteCalendar(id) {
      return db.transaction(async (tx) => {
        const [q] = await tx.select({ id: queues.id }).from(queues).where(eq(queues.calendarId, id)).limit(1)
        const [o] = await tx.select({ id: offices.id }).from(offices).where(eq(offices.calendarId, id)).limit(1)
        if (q || o) return { ok: false as const, error: 'in_use' as const }
        const gone = await tx.delete(businessCalendars).where(eq(businessCalendars.id, id)).returning({ id: businessCalendars.id })
        return gone.length ? { ok: true as const } : { ok: false as const, error: 'not_found' as const }
      })
    },
    async calendarAssignments() {
      const [q, o] = await Promise.all([
        db.select({ id: queues.id, cal: queues.calendarId }).from(queues).where(isNotNull(queues.calendarId)),
        db.select({ id: offices.id, cal: offices.calendarId }).from(offices).where(isNotNull(offices.calendarId)),
      ])
      return { queues: new Map(q.map((r) => [r.id, r.cal!])), offices: new Map(o.map((r) => [r.id, r.cal!])) }
    },

    async listSlaPolicies() {
      return (await db.select().from(slaPolicies).orderBy(asc(slaPolicies.name))).map(toPolicy)
    },
    insertSlaPolicy: (p) =>
      guarded(async () => {
        const [r] = await db.insert(slaPolicies).values(p).returning()
        return r ? toPolicy(r) : null
      }),
    patchSlaPolicy: (id, p) =>
      guarded(async () => {
        const [r] = Object.keys(p).length
          ? await db.update(slaPolicies).set(p).where(eq(slaPolicies.id, id)).returning()
          : await db.select().from(slaPolicies).where(eq(slaPolicies.id, id))
        return r ? toPolicy(r) : null
      }),
    async deleteSlaPolicy(id) {
      return (await db.delete(slaPolicies).where(eq(slaPolicies.id, id)).returning({ id: slaPolicies.id })).length > 0
    },

    async slaTimers(dueBy) {
      const rows = await db
        .select({ conversationId: conversations.id, fireAt: conversations.slaFireAt })
        .from(conversations)
        .where(dueBy ? lte(conversations.slaFireAt, dueBy) : isNotNull(conversations.slaFireAt))
      return rows.map((r) => ({ conversationId: r.conversationId, fireAt: r.fireAt! }))
    },
  }
}

export function slaTxStore(tx: Tx): SlaTxStore {
  return {
    async lockConversationsWithSla(ids) {
      if (ids.length === 0) return []
      const rows = await tx
        .select()
        .from(conversations)
        .where(inArray(conversations.id, [...ids]))
        .orderBy(asc(conversations.id))
        .for('update', { skipLocked: true })
      return rows.map((r) => ({ conv: toConversationRecord(r), sla: { stored: (r.sla as StoredSla | null) ?? null, fireAt: r.slaFireAt } }))
    },
    async readSla(conversationId) {
      const [r] = await tx.select({ sla: conversations.sla, fireAt: conversations.slaFireAt }).from(conversations).where(eq(conversations.id, conversationId))
      return { stored: (r?.sla as StoredSla | null | undefined) ?? null, fireAt: r?.fireAt ?? null }
    },
    async writeSla(conversationId, c) {
      await tx
        .update(conversations)
        .set({ sla: c.sla as unknown as Record<string, unknown> | null, slaDueAt: c.slaDueAt, slaBreached: c.slaBreached, slaFireAt: c.slaFireAt })
        .where(eq(conversations.id, conversationId))
    },
  }
}
