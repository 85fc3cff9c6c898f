// The routing bench's baseline: the fewest bare SQL statements that write the same routing outcome, with no ORM.
import type { PGlite } from '@electric-sql/pglite'
import postgres from 'postgres'

export interface BareDecision {
  conversationId: string
  consultantId: string
}

export interface BareRouting {
  /** One transaction with one guarded `UPDATE … WHERE status = 'queued'` per decision; returns the rows written. */
  writePass(decisions: readonly BareDecision[], mode: 'assign' | 'offer', expiresAt: Date): Promise<number>
  /** One statement: the conversation is resolved. */
  resolve(conversationId: string): Promise<void>
  /** One statement: the longest-waiting conversation of the consultant's queues (priority first) becomes theirs. */
  assignNext(consultantId: string): Promise<string | null>
  close(): Promise<void>
}

const ASSIGN = `update conversations set status = 'assigned', assignee_id = $2::uuid where id = $1::uuid and status = 'queued'`
const OFFER = `update conversations set status = 'offered', assignee_id = $2::uuid, offer_expires_at = $3::timestamptz
                where id = $1::uuid and status = 'queued'`
const RESOLVE = `update conversations set status = 'resolved', resolved_at = now() where id = $1::uuid and status = 'assigned'`
const ASSIGN_NEXT = `
  update conversations set status = 'assigned', assignee_id = $1::uuid
   where id = (select id from conversations
                where status = 'queued' and queue_id in (select queue_id from queue_members where consultant_id = $1::uuid)
                order by priority desc, enqueued_at, id
                limit 1 for update skip locked)
  returning id`

/** On PostgreSQL: its own postgres.js connection (prepared statements), beside the hub's pool. */
export function barePostgres(url: string): BareRouting {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  return {
    async writePass(decisions, mode, expiresAt) {
      let n = 0
      await sql.begin(async (tx) => {
        for (const d of decisions) {
          const params = mode === 'assign' ? [d.conversationId, d.consultantId] : [d.conversationId, d.consultantId, expiresAt.toISOString()]
          n += (await tx.unsafe(mode === 'assign' ? ASSIGN : OFFER, params, { prepare: true })).count
        }
      })
      return n
    },
    async resolve(id) {
      await sql.unsafe(RESOLVE, [id], { prepare: true })
    },
    async assignNext(consultantId) {
      const [r] = await sql.unsafe(ASSIGN_NEXT, [consultantId], { prepare: true })
      return r ? String(r.id) : null
    },
    close: () => sql.end({ timeout: 5 }),
  }
}

/** On PGlite: the same client the store uses (PGlite runs one statement at a time anyway). */
export function barePglite(client: PGlite): BareRouting {
  return {
    async writePass(decisions, mode, expiresAt) {
      let n = 0
      await client.transaction(async (tx) => {
        for (const d of decisions) {
          const params = mode === 'assign' ? [d.conversationId, d.consultantId] : [d.conversationId, d.consultantId, expiresAt.toISOString()]
          n += (await tx.query(mode === 'assign' ? ASSIGN : OFFER, params)).affectedRows ?? 0
        }
      })
      return n
    },
    async resolve(id) {
      await client.query(RESOLVE, [id])
    },
    async assignNext(consultantId) {
      const r = await client.query<{ id: string }>(ASSIGN_NEXT, [consultantId])
      return r.rows[0] ? String(r.rows[0].id) : null
    },
    close: async () => {},
  }
}
