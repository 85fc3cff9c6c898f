// The WorkflowStore port over drizzle: labels, canned responses and notifications.
import { and, asc, desc, eq, ilike, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import type { Db, Tx } from '../../db/client.ts'
import { cannedResponses, conversationLabels, labels, notifications, uploads } from '../../db/schema.ts'
import type { CannedResponse, Label, LabelRef, Notification } from '../../protocol/workflow.ts'
import type { WorkflowStore, WorkflowTxStore } from '../app/workflow-ports.ts'
import { guarded } from './write-guard.ts'

const toLabel = (r: typeof labels.$inferSelect): Label => ({ id: r.id, name: r.name, color: r.color, description: r.description })
const toCanned = (r: typeof cannedResponses.$inferSelect): CannedResponse => ({ id: r.id, shortcut: r.shortcut, title: r.title, body: r.body, updatedAt: r.updatedAt.toISOString() })
const toNotification = (r: typeof notifications.$inferSelect): Notification => ({
  id: r.id,
  kind: r.kind as Notification['kind'],
  conversationId: r.conversationId,
  eventId: r.eventId,
  actorName: r.actorName,
  excerpt: r.excerpt,
  createdAt: r.createdAt.toISOString(),
  readAt: r.readAt?.toISOString() ?? null,
})
/** `%word%` for ILIKE, with the pattern characters of the word taken literally. */
export const containing = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

export function createWorkflowStore(db: Db): WorkflowStore {
  return {
    async listLabels() {
      return (await db.select().from(labels).orderBy(asc(labels.name))).map(toLabel)
    },
    insertLabel: (l) =>
      guarded(async () => {
        const [row] = await db.insert(labels).values(l).returning()
        return row ? toLabel(row) : null
      }),
    patchLabel: (id, p) =>
      guarded(async () => {
        const [row] = Object.keys(p).length ? await db.update(labels).set(p).where(eq(labels.id, id)).returning() : await db.select().from(labels).where(eq(labels.id, id))
        return row ? toLabel(row) : null
      }),
    async deleteLabel(id) {
      return (await db.delete(labels).where(eq(labels.id, id)).returning({ id: labels.id })).length > 0
    },
    async labelsOf(conversationIds) {
      const map = new Map<string, LabelRef[]>()
      if (conversationIds.length === 0) return map
      const rows = await db
        .select({ conversationId: conversationLabels.conversationId, id: labels.id, name: labels.name, color: labels.color })
        .from(conversationLabels)
        .innerJoin(labels, eq(labels.id, conversationLabels.labelId))
        .where(inArray(conversationLabels.conversationId, [...conversationIds]))
        .orderBy(asc(labels.name))
      for (const r of rows) map.set(r.conversationId, [...(map.get(r.conversationId) ?? []), { id: r.id, name: r.name, color: r.color }])
      return map
    },

    async listCannedResponses(q) {
      const where = q ? or(ilike(cannedResponses.shortcut, containing(q)), ilike(cannedResponses.title, containing(q)), ilike(cannedResponses.body, containing(q))) : undefined
      return (await db.select().from(cannedResponses).where(where).orderBy(asc(cannedResponses.shortcut)).limit(200)).map(toCanned)
    },
    insertCannedResponse: (c) =>
      guarded(async () => {
        const [row] = await db.insert(cannedResponses).values(c).returning()
        return row ? toCanned(row) : null
      }),
    patchCannedResponse: (id, p) =>
      guarded(async () => {
        const [row] = await db
          .update(cannedResponses)
          .set({ ...p, updatedAt: sql`now()` })
          .where(eq(cannedResponses.id, id))
          .returning()
        return row ? toCanned(row) : null
      }),
    async deleteCannedResponse(id) {
      return (await db.delete(cannedResponses).where(eq(cannedResponses.id, id)).returning({ id: cannedResponses.id })).length > 0
    },

    async listNotifications(consultantId, limit) {
      const rows = await db.select().from(notifications).where(eq(notifications.consultantId, consultantId)).orderBy(desc(notifications.createdAt)).limit(limit)
      const [count] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(notifications)
        .where(and(eq(notifications.consultantId, consultantId), isNull(notifications.readAt)))
      return { items: rows.map(toNotification), unread: Number(count?.n ?? 0) }
    },
    async markNotificationsRead(consultantId, which, at) {
      const mine = and(eq(notifications.consultantId, consultantId), isNull(notifications.readAt))
      const where = 'ids' in which ? and(mine, inArray(notifications.id, which.ids)) : mine
      return (await db.update(notifications).set({ readAt: at }).where(where).returning({ id: notifications.id })).length
    },

    async insertUpload(u) {
      await db.insert(uploads).values({ id: u.id, consultantId: u.consultantId, name: u.name, contentType: u.contentType, size: u.content.byteLength, content: u.content, createdAt: u.at })
    },
    async deleteUploadsBefore(before) {
      return (await db.delete(uploads).where(lt(uploads.createdAt, before)).returning({ id: uploads.id })).length
    },
  }
}

export function workflowTxStore(tx: Tx): WorkflowTxStore {
  return {
    async takeUploads(consultantId, ids) {
      const wanted = [...new Set(ids)]
      if (wanted.length === 0) return []
      const taken = await tx
        .delete(uploads)
        .where(and(eq(uploads.consultantId, consultantId), inArray(uploads.id, wanted)))
        .returning()
      if (taken.length !== wanted.length) return null
      // In the order they were given.
      return wanted.map((id) => taken.find((u) => u.id === id)!).map((u) => ({ id: u.id, name: u.name, contentType: u.contentType, size: u.size, content: u.content }))
    },
    async setConversationLabels(conversationId, labelIds) {
      const wanted = [...new Set(labelIds)]
      const known = wanted.length ? await tx.select().from(labels).where(inArray(labels.id, wanted)) : []
      if (known.length !== wanted.length) return null
      const current = await tx
        .select({ id: labels.id, name: labels.name, color: labels.color })
        .from(conversationLabels)
        .innerJoin(labels, eq(labels.id, conversationLabels.labelId))
        .where(eq(conversationLabels.conversationId, conversationId))
      const byName = (a: LabelRef, b: LabelRef) => a.name.localeCompare(b.name)
      const added = known
        .filter((l) => !current.some((c) => c.id === l.id))
        .map((l) => ({ id: l.id, name: l.name, color: l.color }))
        .sort(byName)
      const removed = current.filter((c) => !wanted.includes(c.id)).sort(byName)
      if (removed.length) await tx.delete(conversationLabels).where(and(eq(conversationLabels.conversationId, conversationId), inArray(conversationLabels.labelId, removed.map((r) => r.id))))
      if (added.length) await tx.insert(conversationLabels).values(added.map((l) => ({ conversationId, labelId: l.id }))).onConflictDoNothing()
      return { added, removed }
    },
    async insertNotifications(rows) {
      if (rows.length === 0) return []
      const inserted = await tx
        .insert(notifications)
        .values(rows.map((r) => ({ consultantId: r.consultantId, kind: r.kind, conversationId: r.conversationId, eventId: r.eventId, actorId: r.actorId, actorName: r.actorName, excerpt: r.excerpt, createdAt: r.at })))
        .returning()
      return inserted.map((r) => ({ consultantId: r.consultantId, notification: toNotification(r) }))
    },
  }
}
