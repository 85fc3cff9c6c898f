// Reads what routing decides over, inside the routing transaction: waiting conversations and available consultants.
import { sql } from 'drizzle-orm'
import type { ChannelKind } from '../../protocol/channel.ts'
import { DEFAULT_CAPACITY, type Consultant, type Waiting } from '../domain/routing/routing-model.ts'
import type { Tx } from '../../db/client.ts'
import type { QueueRouting } from '../app/ports.ts'
import { rowsOf } from './append-event-sql.ts'

const toMs = (v: unknown): number => (v instanceof Date ? v.getTime() : new Date(String(v)).getTime())

type Snapshot = {
  waiting: Waiting[]
  consultants: (Consultant & { name: string })[]
  queues: Map<string, QueueRouting>
  contactOf: Map<string, string>
  /** Some queue had more waiting than its share of this snapshot (or the snapshot hit its total). */
  full: boolean
}

/**
 * At most `perQueue` of each queue's longest waiting (and `total` in all), so a queue nobody can serve never
 * hides another queue's conversations from routing.
 *
 * Skills are effective skills at `now` (the routing clock): the configured ones, less those any active quiz grants,
 * plus those granted by the consultant's passes of active quizzes finished within the quiz's valid days.
 */
export async function routingSnapshot(tx: Tx, limits: { perQueue: number; total: number }, now: Date): Promise<Snapshot> {
  const queues = new Map(
    rowsOf(await tx.execute(sql`select id, auto_accept, offer_timeout_seconds, overflow_queue_id, overflow_after_seconds from queues`)).map((q) => [
      String(q.id),
      {
        autoAccept: Boolean(q.auto_accept),
        offerTimeoutSeconds: q.offer_timeout_seconds === null ? null : Number(q.offer_timeout_seconds),
        overflowQueueId: q.overflow_queue_id === null ? null : String(q.overflow_queue_id),
        overflowAfterSeconds: q.overflow_after_seconds === null ? null : Number(q.overflow_after_seconds),
      },
    ]),
  )
  const contactOf = new Map<string, string>()
  // Each queue's head by its own index scan (conversations_waiting_idx), one row past the window to learn whether
  // there is more; a queue's k-th row in the overall serving order is its k-th in its own.
  const waiting = rowsOf(
    await tx.execute(sql`
      select w.* from queues q
       cross join lateral (
             select c.id, c.contact_id, c.queue_id, c.channel_kind, c.priority, coalesce(c.enqueued_at, c.created_at) as enqueued_at,
                    c.required_skills, c.declined_by::text[] as declined_by
               from conversations c
              where c.status = 'queued' and c.queue_id = q.id
              order by c.priority desc, coalesce(c.enqueued_at, c.created_at), c.id
              limit ${limits.perQueue + 1}) w
       order by w.priority desc, w.enqueued_at asc, w.id
       limit ${limits.total + 1}`),
  ).map((r): Waiting => {
    contactOf.set(String(r.id), String(r.contact_id))
    return {
      id: String(r.id),
      queueId: String(r.queue_id),
      channelKind: r.channel_kind as ChannelKind,
      priority: Number(r.priority),
      enqueuedAt: toMs(r.enqueued_at),
      requiredSkills: (r.required_skills as string[] | null) ?? [],
      declinedBy: (r.declined_by as string[] | null) ?? [],
    }
  })
  let full = waiting.length > limits.total
  const seen = new Map<string, number>()
  const shown = waiting.slice(0, limits.total).filter((w) => {
    const rank = (seen.get(w.queueId) ?? 0) + 1
    seen.set(w.queueId, rank)
    if (rank > limits.perQueue) full = true
    return rank <= limits.perQueue
  })
  waiting.length = 0
  waiting.push(...shown)
  const people = rowsOf(
    await tx.execute(sql`
      select c.id, c.name, c.capacity, c.voice_exclusive, c.last_assigned_at,
             array(select s from unnest(c.skills) s
                    where not exists (select 1 from quizzes q where q.active and q.grants_skill = s)
                   union
                   select q.grants_skill from quiz_attempts a join quizzes q on q.id = a.quiz_id
                    where a.consultant_id = c.id and a.passed and q.active and q.grants_skill is not null
                      and a.finished_at <= ${now.toISOString()}::timestamptz
                      and a.finished_at > ${now.toISOString()}::timestamptz - make_interval(days => q.valid_days)) as skills,
             coalesce(array_agg(m.queue_id::text) filter (where m.queue_id is not null), '{}') as queue_ids
        from consultants c left join queue_members m on m.consultant_id = c.id
       where c.presence = 'available' and c.disabled_at is null
       group by c.id`),
  )
  if (people.length === 0) return { waiting, consultants: [], queues, contactOf, full }
  // One array parameter, not a thousand: binding and planning a long IN list cost more than the lookup (bench).
  const loads = rowsOf(
    await tx.execute(sql`
      select assignee_id, channel_kind, count(*)::int as n
        from conversations
       where status in ('offered', 'assigned') and assignee_id = any(${`{${people.map((p) => String(p.id)).join(',')}}`}::uuid[])
       group by assignee_id, channel_kind`),
  )
  const loadOf = new Map<string, Partial<Record<ChannelKind, number>>>()
  for (const l of loads) {
    const m = loadOf.get(String(l.assignee_id)) ?? {}
    m[l.channel_kind as ChannelKind] = Number(l.n)
    loadOf.set(String(l.assignee_id), m)
  }
  const consultants = people.map((p) => ({
    id: String(p.id),
    name: String(p.name),
    presence: 'available' as const,
    queueIds: (p.queue_ids as string[]).map(String),
    skills: (p.skills as string[] | null) ?? [],
    capacity: { ...DEFAULT_CAPACITY, ...((p.capacity as Record<string, number> | null) ?? {}) },
    load: loadOf.get(String(p.id)) ?? {},
    voiceExclusive: Boolean(p.voice_exclusive),
    lastAssignedAt: p.last_assigned_at === null || p.last_assigned_at === undefined ? null : toMs(p.last_assigned_at),
  }))
  return { waiting, consultants, queues, contactOf, full }
}
