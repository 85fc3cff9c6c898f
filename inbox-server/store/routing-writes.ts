// The routing part of a transaction: the cross-node routing lock, its snapshot, and guarded assign, offer and withdraw.
import { and, eq, gt, sql } from 'drizzle-orm'
import type { Tx } from '../../db/client.ts'
import { consultants, conversations } from '../../db/schema.ts'
import type { TxStore } from '../app/ports.ts'
import { rowsOf } from './append-event-sql.ts'
import { routingSnapshot } from './routing-snapshot-sql.ts'

type RoutingWrites = Pick<TxStore, 'lockRouting' | 'routingSnapshot' | 'assign' | 'offer' | 'acceptOffer' | 'withdrawOffer'>

export function routingWrites(tx: Tx): RoutingWrites {
  return {
    async lockRouting() {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('inbox-hub:routing'))`)
    },
    routingSnapshot: (limits, now) => routingSnapshot(tx, limits, now),
    async assign(conversationId, consultantId, now) {
      const r = await tx
        .update(conversations)
        .set({ status: 'assigned', assigneeId: consultantId })
        .where(and(eq(conversations.id, conversationId), eq(conversations.status, 'queued')))
        .returning({ id: conversations.id })
      if (r.length === 0) return false
      await tx.update(consultants).set({ lastAssignedAt: now }).where(eq(consultants.id, consultantId))
      return true
    },
    async offer(conversationId, consultantId, expiresAt, now) {
      const r = await tx
        .update(conversations)
        .set({ status: 'offered', assigneeId: consultantId, offerExpiresAt: expiresAt })
        .where(and(eq(conversations.id, conversationId), eq(conversations.status, 'queued')))
        .returning({ id: conversations.id })
      if (r.length === 0) return false
      await tx.update(consultants).set({ lastAssignedAt: now }).where(eq(consultants.id, consultantId))
      return true
    },
    async acceptOffer(conversationId, consultantId, now) {
      const r = await tx
        .update(conversations)
        .set({ status: 'assigned', offerExpiresAt: null })
        .where(
          and(
            eq(conversations.id, conversationId),
            eq(conversations.status, 'offered'),
            eq(conversations.assigneeId, consultantId),
            gt(conversations.offerExpiresAt, now),
          ),
        )
        .returning({ id: conversations.id })
      return r.length > 0
    },
    async withdrawOffer(conversationId, by) {
      const r = rowsOf(
        await tx.execute(sql`
          update conversations c
             set status = 'queued', assignee_id = null, offer_expires_at = null,
                 declined_by = array_append(c.declined_by, old.assignee_id)
            from conversations old
           where c.id = ${conversationId}::uuid and old.id = c.id and c.status = 'offered'
             and ${'consultantId' in by ? sql`c.assignee_id = ${by.consultantId}::uuid` : sql`c.offer_expires_at <= ${by.expiredBy.toISOString()}::timestamptz`}
       returning old.assignee_id as consultant_id, c.contact_id`),
      )[0]
      return r ? { consultantId: String(r.consultant_id), contactId: String(r.contact_id) } : null
    },
  }
}
