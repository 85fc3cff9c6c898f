// 100,000 open conversations with a running first-response clock each, seeded with bulk SQL for the SLA timer bench,
// and the re-timing that moves some of their deadlines into the seconds the bench watches.
import { sql, type SQL } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import type { Store } from '../inbox-server/app/ports.ts'
import { rowsOf as rows } from '../inbox-server/store/append-event-sql.ts'

export interface SlaFloorShape {
  /** Open conversations, each with one armed deadline. */
  deadlines: number
  /** The first-response target of the policy, seconds (round the clock). */
  targetSeconds: number
  /** Seeded deadlines are warnings falling due between `farFromMs` and `farFromMs + farSpanMs` after the seed. */
  farFromMs: number
  farSpanMs: number
}

export interface SlaFloor extends SlaFloorShape {
  policyId: string
  policyName: string
  channelId: string
  queueId: string
  warnPercent: number
}

const POLICY_NAME = 'Bench: pierwsza odpowiedź w 8 godzin'
const WARN_PERCENT = 80

/** A deterministic id per seeded conversation, so the re-timing addresses them without a look-up. */
export const conversationIdSql = (g: SQL) => sql`md5('sla-conversation-' || ${g})::uuid`

/** An instant as the domain writes it into the clocks (`Date#toISOString`, milliseconds, Z). */
const iso = (t: SQL) => sql`to_char((${t}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
/** Epoch milliseconds (whole) to timestamptz, exactly. */
const fromMs = (ms: SQL) => sql`(timestamptz 'epoch' + (${ms})::float8 * interval '1 millisecond')`

/** The stored SLA value `app/sla-clocks.ts` writes: `{ clocks: { first_response: … }, policyId }`. */
function storedSla(f: Pick<SlaFloor, 'policyId' | 'targetSeconds'>, since: SQL, warnAt: SQL | null, dueAt: SQL, warned: boolean): SQL {
  return sql`jsonb_build_object(
    'policyId', ${f.policyId}::text,
    'clocks', jsonb_build_object('first_response', jsonb_build_object(
      'kind', 'first_response', 'status', 'running', 'targetMs', ${f.targetSeconds * 1000}::int, 'usedMs', 0,
      'since', ${iso(since)}, 'warnAt', ${warnAt ? iso(warnAt) : sql`null::text`}, 'dueAt', ${iso(dueAt)},
      'warned', ${warned}::boolean, 'breached', false)))`
}

/**
 * One round-the-clock policy (first response only, warning at 80 %); `deadlines` queued web chats in the default
 * queue, each with its contact, the citizen's first message (seq 1) and the clock's `started` event (seq 2). Each
 * clock runs, not yet warned: `sla_fire_at` is its warning, spread over the far window in an order unrelated to the
 * rows' physical order (as after months of updates), so the heap is not fed pre-sorted.
 */
export async function seedSlaFloor(database: Database, store: Store, shape: SlaFloorShape, seedAtMs: number): Promise<SlaFloor> {
  const { db } = database
  const { webchatChannelId, defaultQueueId } = await store.ensureDefaults()
  const [policy] = rows(
    await db.execute(sql`
      insert into sla_policies (name, first_response_seconds, business_hours, warn_percent, on_breach)
      values (${POLICY_NAME}, ${shape.targetSeconds}::int, false, ${WARN_PERCENT}::int, 'notify') returning id`),
  )
  if (!policy) throw new Error('policy insert returned nothing')
  const floor: SlaFloor = { ...shape, policyId: String(policy.id), policyName: POLICY_NAME, channelId: webchatChannelId, queueId: defaultQueueId, warnPercent: WARN_PERCENT }
  const n = shape.deadlines
  const targetMs = shape.targetSeconds * 1000
  const warnMs = Math.floor((targetMs * WARN_PERCENT) / 100)
  await db.execute(sql`insert into contacts (id, name) select md5('sla-contact-' || g)::uuid, 'Obywatel ' || g from generate_series(0, ${n - 1}::int) g`)
  // 7919 is prime and does not divide any plausible count: (g * 7919) mod n visits every slot once.
  await db.execute(sql`
    insert into conversations (id, contact_id, channel_id, channel_kind, status, queue_id, priority, enqueued_at, last_seq,
                               last_message_text, last_message_direction, last_activity_at, created_at,
                               sla, sla_due_at, sla_breached, sla_fire_at)
    select ${conversationIdSql(sql`g`)}, md5('sla-contact-' || g)::uuid, ${webchatChannelId}::uuid, 'webchat', 'queued',
           ${defaultQueueId}::uuid, 0, t.since, 2, 'Dzień dobry, pytanie o zasiłek', 'in', t.since, t.since,
           ${storedSla(floor, sql`t.since`, sql`t.warn`, sql`t.due`, false)}, t.due, false, t.warn
      from generate_series(0, ${n - 1}::int) g
     cross join lateral (select ${fromMs(sql`${seedAtMs}::bigint + ${shape.farFromMs}::bigint + floor(((g::bigint * 7919) % ${n}::int) * ${shape.farSpanMs}::float8 / ${n}::int)::bigint`)} as warn) w
     cross join lateral (select w.warn,
                                w.warn - ${warnMs}::float8 * interval '1 millisecond' as since,
                                w.warn + ${targetMs - warnMs}::float8 * interval '1 millisecond' as due) t`)
  await db.execute(sql`
    insert into events (conversation_id, seq, type, direction, text, author_kind, author_id, client_id, data, created_at)
    select id, 1, 'message', 'in', last_message_text, 'contact', contact_id, md5(id::text), null, created_at from conversations where sla is not null
    union all
    select id, 2, 'sla', null, null, 'system', null, null,
           jsonb_build_object('step', 'started', 'clock', 'first_response', 'dueAt', sla #>> '{clocks,first_response,dueAt}',
                              'targetMs', ${targetMs}::int, 'policyId', ${floor.policyId}::text, 'policyName', ${POLICY_NAME}::text),
           created_at
      from conversations where sla is not null`)
  await db.execute(sql`vacuum analyze`)
  return floor
}

export interface WindowPlan {
  /** Deadlines spread evenly over `steadySpreadMs` from `startMs`. */
  steady: number
  steadySpreadMs: number
  /** Deadlines all at the same millisecond `burstAtMs` (e.g. every clock a calendar opening started). */
  burst: number
  startMs: number
  burstAtMs: number
}

export interface WindowDeadline {
  conversationId: string
  dueMs: number
  group: 'steady' | 'burst'
}

/**
 * The first `steady + burst` seeded conversations get a deadline inside the watched window: their warning already
 * given, the breach due at the planned instant, as a clock started `target` earlier would be. Not timed.
 */
export async function retimeWindow(database: Database, floor: SlaFloor, w: WindowPlan): Promise<WindowDeadline[]> {
  const { db } = database
  const targetMs = floor.targetSeconds * 1000
  const steady = Math.max(1, w.steady)
  const r = rows(
    await db.execute(sql`
      update conversations c
         set sla = ${storedSla(floor, sql`v.due - ${targetMs}::float8 * interval '1 millisecond'`, null, sql`v.due`, true)},
             sla_due_at = v.due, sla_fire_at = v.due
        from (select ${conversationIdSql(sql`g`)} as id, g, m.ms, ${fromMs(sql`m.ms`)} as due
                from generate_series(0, ${w.steady + w.burst - 1}::int) g
               cross join lateral (select case when g < ${w.steady}::int
                                               then ${w.startMs}::bigint + floor(g * ${w.steadySpreadMs}::float8 / ${steady}::int)::bigint
                                               else ${w.burstAtMs}::bigint end as ms) m) v
       where c.id = v.id
   returning c.id, v.g, v.ms::float8 as ms`),
  )
  await db.execute(sql`vacuum analyze conversations`)
  return r.map((x) => ({ conversationId: String(x.id), dueMs: Number(x.ms), group: Number(x.g) < w.steady ? 'steady' : 'burst' }))
}

export interface FiredCheck {
  /** Window conversations with exactly one `breached` event, none, or more than one. */
  once: number
  never: number
  twiceOrMore: number
  /** Warning or breach events on conversations whose deadlines were not due (must be 0). */
  strayEvents: number
  /** Window conversations whose row still has a deadline (must be 0: the clock's only one has fired). */
  stillArmed: number
  breachedFlag: number
}

export async function checkFired(database: Database, w: WindowPlan): Promise<FiredCheck> {
  const { db } = database
  const n = w.steady + w.burst
  const [a] = rows(
    await db.execute(sql`
      with win as (select ${conversationIdSql(sql`g`)} as id from generate_series(0, ${n - 1}::int) g),
           per as (select win.id, count(e.id) as n
                     from win left join events e on e.conversation_id = win.id and e.type = 'sla' and e.data ->> 'step' = 'breached'
                    group by win.id)
      select count(*) filter (where n = 1)::int as once, count(*) filter (where n = 0)::int as never,
             count(*) filter (where n > 1)::int as twice,
             (select count(*) from conversations c join win on win.id = c.id where c.sla_fire_at is not null)::int as armed,
             (select count(*) from conversations c join win on win.id = c.id where c.sla_breached)::int as flagged,
             (select count(*) from events e where e.type = 'sla' and e.data ->> 'step' in ('warning', 'breached')
                 and e.conversation_id not in (select id from win))::int as stray
        from per`),
  )
  if (!a) throw new Error('check returned nothing')
  return {
    once: Number(a.once),
    never: Number(a.never),
    twiceOrMore: Number(a.twice),
    strayEvents: Number(a.stray),
    stillArmed: Number(a.armed),
    breachedFlag: Number(a.flagged),
  }
}
