// A big contact-centre floor seeded with bulk SQL for the routing bench, and its reset to "everyone waiting" between runs.
import { sql } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import type { Store } from '../inbox-server/app/ports.ts'

export interface FloorShape {
  queues: number
  consultants: number
  waiting: number
}

export interface Floor extends FloorShape {
  queueIds: string[]
  channelId: string
  /** Web chats the whole floor can hold at once (webchat capacity 3 each, the default). */
  capacity: number
}

const QUEUE_PREFIX = 'bench-kolejka-'

/**
 * First-line queues; consultants all available with the default capacity (webchat 3), each in queue `g mod Q`
 * and every second one also in the next queue; waiting web chats spread round robin over the queues, one a
 * second over the last hours, every twentieth with priority 1, each with its contact, identity and the
 * citizen's first message (seq 1), as a conversation that came in through the widget has.
 */
export async function seedFloor(database: Database, store: Store, shape: FloorShape): Promise<Floor> {
  const { db } = database
  const { webchatChannelId } = await store.ensureDefaults()
  const { queues: q, consultants: c, waiting: w } = shape
  await db.execute(sql`insert into queues (name, auto_accept) select ${QUEUE_PREFIX} || g, true from generate_series(0, ${q - 1}::int) g`)
  await db.execute(sql`
    insert into consultants (id, email, name, role, password_hash, presence, presence_since)
    select md5('consultant-' || g)::uuid, 'konsultant' || g || '@bench.example', 'Konsultant ' || g, 'consultant',
           'not-a-password-hash', 'available', now()
      from generate_series(0, ${c - 1}::int) g`)
  await db.execute(sql`
    insert into queue_members (queue_id, consultant_id)
    select qu.id, md5('consultant-' || g)::uuid
      from generate_series(0, ${c - 1}::int) g join queues qu on qu.name = ${QUEUE_PREFIX} || (g % ${q}::int)
    union all
    select qu.id, md5('consultant-' || g)::uuid
      from generate_series(0, ${c - 1}::int) g join queues qu on qu.name = ${QUEUE_PREFIX} || ((g + 1) % ${q}::int)
     where g % 2 = 0 and ${q}::int > 1`)
  await db.execute(sql`insert into contacts (id, name) select md5('contact-' || g)::uuid, 'Obywatel ' || g from generate_series(0, ${w - 1}::int) g`)
  await db.execute(sql`
    insert into identities (contact_id, channel_kind, external_id)
    select md5('contact-' || g)::uuid, 'webchat', encode(sha256(('visitor-' || g)::bytea), 'hex') from generate_series(0, ${w - 1}::int) g`)
  await db.execute(sql`
    insert into conversations (id, contact_id, channel_id, channel_kind, status, queue_id, priority, enqueued_at, last_seq,
                               last_message_text, last_message_direction, last_activity_at, created_at)
    select md5('conversation-' || g)::uuid, md5('contact-' || g)::uuid, ${webchatChannelId}::uuid, 'webchat', 'queued', qu.id,
           case when g % 20 = 0 then 1 else 0 end, t.at, 1, 'Dzień dobry, mam pytanie', 'in', t.at, t.at
      from generate_series(0, ${w - 1}::int) g
      join queues qu on qu.name = ${QUEUE_PREFIX} || (g % ${q}::int)
      cross join lateral (select now() - make_interval(secs => ${w}::int - g) as at) t`)
  await db.execute(sql`
    insert into events (conversation_id, seq, type, direction, text, author_kind, author_id, client_id, created_at)
    select id, 1, 'message', 'in', last_message_text, 'contact', contact_id, md5(id::text), created_at from conversations`)
  await db.execute(sql`vacuum analyze`)
  const queueIds = (await queuesOf(database)).sort()
  return { ...shape, queueIds, channelId: webchatChannelId, capacity: c * 3 }
}

async function queuesOf(database: Database): Promise<string[]> {
  const r = await database.db.execute(sql`select id from queues where name like ${QUEUE_PREFIX + '%'}`)
  const rows = Array.isArray(r) ? (r as { id: string }[]) : (r as unknown as { rows: { id: string }[] }).rows
  return rows.map((x) => String(x.id))
}

/** Back to the seeded state (every conversation waiting, nobody assigned), with the queues assigning or offering; not timed. */
export async function resetFloor(database: Database, autoAccept: boolean): Promise<void> {
  const { db } = database
  await db.execute(sql`
    update conversations
       set status = 'queued', assignee_id = null, offer_expires_at = null, resolved_at = null, declined_by = '{}',
           last_seq = 1, last_activity_at = created_at
     where status <> 'queued' or last_seq <> 1`)
  await db.execute(sql`delete from events where seq > 1`)
  await db.execute(sql`update consultants set last_assigned_at = null where last_assigned_at is not null`)
  await db.execute(sql`update queues set auto_accept = ${autoAccept} where name like ${QUEUE_PREFIX + '%'}`)
  // Each run starts from the same tables: no dead rows from the previous run, fresh statistics.
  await db.execute(sql`vacuum analyze conversations, events, consultants, queues`)
}
