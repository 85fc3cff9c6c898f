// Signed Messenger webhook ingest on PostgreSQL: the real hub (Messenger channel on) against a bare server that checks
// the same HMAC and does a bare INSERT, each in a fresh child on a fresh database, driven by the same closed loop of
// pre-signed deliveries. Measures the time to the 200 and committed messages per second, then checks through each
// server's database that every message was stored exactly once.
import { randomBytes } from 'node:crypto'
import { Agent, request } from 'node:http'
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import postgres from 'postgres'
import { createBenchDatabase } from './bench-database.ts'
import { startChildServer, type ServerName } from './child-server.ts'
import { signedDelivery, type SignedDelivery, type WebhookMessage } from './messenger-webhook.ts'
import { summarise, type Summary } from './percentiles.ts'

export type SendersKind = 'new' | 'existing'

export interface IngestScenario {
  /** Entries (one message each) per webhook delivery. */
  batch: number
  /** `new`: every message is a new sender's first (a new contact and conversation); `existing`: `existingSenders` write again and again. */
  senders: SendersKind
  /** Measured deliveries. */
  requests: number
}

export interface MessengerIngestPlan {
  /** Deliveries in flight at once (closed loop: the next starts when one is answered). */
  concurrency: number
  /** `new`: deliveries of one message from new senders before the measured ones (not measured, but checked). */
  warmupRequests: number
  /** `existing`: how many senders; each sends a first message before the measured ones (not measured). */
  existingSenders: number
  requestTimeoutMs: number
  scenarios: IngestScenario[]
}

/**
 * Counters of the server's database over the whole child run (start-up, warm-up and measured deliveries), read once the
 * server has stopped (pg_stat_database; pg_stat_user_tables by table).
 */
export interface DatabaseWork {
  commits: number
  rollbacks: number
  inserted: number
  updated: number
  deleted: number
  /** Rows inserted + updated per table (the hub's tables; the bare server has one). */
  tables: Record<string, { inserted: number; updated: number }>
}

export interface IngestSide {
  /** Time from sending a delivery until its 200 has been read (ms). */
  toOk: Summary
  measuredMs: number
  messagesPerSecond: number
  requestsPerSecond: number
  /** Deliveries not answered 200, by status (or `timeout`, `network`). */
  failed: Record<string, number>
  /** Through the server's own database after the run: messages expected (warm-up included), rows stored, distinct mids. */
  stored: { expected: number; rows: number; distinct: number; exactlyOnce: boolean; conversations?: number }
  work: DatabaseWork
}

export interface IngestScenarioResult extends IngestScenario {
  messages: number
  hub: IngestSide
  baseline: IngestSide
  /** hub / baseline. */
  ratio: { messagesPerSecond: number; toOkP50: number; toOkP99: number }
}

export interface MessengerIngestResult {
  database: 'postgres'
  plan: MessengerIngestPlan
  /** How the bare server writes a delivery: one multi-row INSERT, or one INSERT per message. */
  bareInserts: 'multi-row' | 'each'
  scenarios: IngestScenarioResult[]
  /** os.loadavg() when the part started and ended. */
  loadAverage: { start: number[]; end: number[] }
}

const TEXTS = [
  'Dzien dobry, chcialbym zapytac o termin wyplaty zasilku za ten miesiac.',
  'Czy moge zlozyc wniosek przez internet, czy musze przyjsc do urzedu?',
  'Nie dostalem odpowiedzi na pismo z zeszlego tygodnia, co dalej?',
  'Prosze o informacje, jakie dokumenty sa potrzebne do wniosku.',
]

/** A PSID-like id (16 digits) and a mid-like id, distinct per run, scenario and index. */
function ids(runTag: string) {
  return {
    psid: (n: number) => `7${runTag.slice(0, 6).replace(/\D/g, '0').padEnd(6, '0')}${String(n).padStart(9, '0')}`,
    mid: (n: number) => `m_${runTag}${String(n).padStart(9, '0')}${randomBytes(24).toString('base64url')}`,
  }
}

/** The deliveries of one scenario: warm-up (first messages) and measured, pre-built and signed. */
export function buildDeliveries(s: IngestScenario, plan: MessengerIngestPlan): { warmup: SignedDelivery[]; measured: SignedDelivery[] } {
  const { psid, mid } = ids(randomBytes(6).toString('hex'))
  let t = Date.now() - 3_600_000
  let n = 0
  const message = (sender: number): WebhookMessage => ({ psid: psid(sender), mid: mid(n), text: TEXTS[n++ % TEXTS.length] as string, timestamp: t++ })
  if (s.senders === 'new') {
    let sender = 0
    const warmup = Array.from({ length: plan.warmupRequests }, () => signedDelivery([message(sender++)]))
    const measured = Array.from({ length: s.requests }, () => signedDelivery(Array.from({ length: s.batch }, () => message(sender++))))
    return { warmup, measured }
  }
  const k = plan.existingSenders
  const warmup = Array.from({ length: k }, (_, i) => signedDelivery([message(i)]))
  let next = 0
  // Batch 1: the senders in turn. A batch: consecutive senders, each delivery starting `batch` further on (with 100
  // senders and batches of 100, every delivery has each sender once, starting at a different one).
  const measured = Array.from({ length: s.requests }, (_, r) =>
    signedDelivery(Array.from({ length: s.batch }, (_, j) => message(s.batch === 1 ? next++ % k : (r * 13 + j) % k))),
  )
  return { warmup, measured }
}

interface PhaseRun {
  ms: number[]
  failed: Record<string, number>
  wallMs: number
}

/** Posts every delivery with at most `concurrency` in flight; records each time to an answered 200. */
async function drive(port: number, deliveries: readonly SignedDelivery[], concurrency: number, timeoutMs: number): Promise<PhaseRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  const ms: number[] = []
  const failed: Record<string, number> = {}
  const fail = (why: string) => (failed[why] = (failed[why] ?? 0) + 1)
  const post = (d: SignedDelivery) =>
    new Promise<void>((resolve) => {
      const start = performance.now()
      const req = request(
        {
          agent,
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/connectors/messenger',
          headers: { 'content-type': 'application/json', 'content-length': d.body.length, 'x-hub-signature-256': d.signature },
        },
        (res) => {
          res.resume()
          res.on('end', () => {
            if (res.statusCode === 200) ms.push(performance.now() - start)
            else fail(String(res.statusCode))
            resolve()
          })
          res.on('error', () => {
            fail('network')
            resolve()
          })
        },
      )
      req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')))
      req.on('error', (err) => {
        fail(err.message === 'timeout' ? 'timeout' : 'network')
        resolve()
      })
      req.end(d.body)
    })
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: Math.min(concurrency, deliveries.length) }, async () => {
      while (next < deliveries.length) await post(deliveries[next++] as SignedDelivery)
    }),
  )
  const wallMs = performance.now() - started
  agent.destroy()
  return { ms, failed, wallMs }
}

type Sql = ReturnType<typeof postgres>

/**
 * The database's counters after the server has stopped: its backends report their counts when they exit, whereas a
 * busy backend may hold them for up to 10 s, so a snapshot taken while the server runs would miss some.
 */
async function databaseWork(sql: Sql): Promise<DatabaseWork> {
  await sql`select pg_stat_clear_snapshot()`
  const [d] = await sql<{ c: string; r: string; i: string; u: string; d: string }[]>`
    select xact_commit as c, xact_rollback as r, tup_inserted as i, tup_updated as u, tup_deleted as d
    from pg_stat_database where datname = current_database()`
  const rows = await sql<{ relname: string; i: string; u: string }[]>`
    select relname, n_tup_ins as i, n_tup_upd as u from pg_stat_user_tables where n_tup_ins + n_tup_upd > 0`
  return {
    commits: Number(d?.c ?? 0),
    rollbacks: Number(d?.r ?? 0),
    inserted: Number(d?.i ?? 0),
    updated: Number(d?.u ?? 0),
    deleted: Number(d?.d ?? 0),
    tables: Object.fromEntries(rows.map((r) => [r.relname, { inserted: Number(r.i), updated: Number(r.u) }])),
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const STATS_SETTLE_MS = 500

/** One server, one scenario: a fresh database and child; warm-up, measured run, then the stored-once check. */
async function runSide(name: ServerName, adminUrl: string, s: IngestScenario, plan: MessengerIngestPlan): Promise<IngestSide> {
  const { warmup, measured } = buildDeliveries(s, plan)
  const expected = [...warmup, ...measured].reduce((n, d) => n + d.messages, 0)
  const database = await createBenchDatabase(adminUrl)
  try {
    const server = await startChildServer(name, database.url)
    let run: PhaseRun
    let work: DatabaseWork
    const sql = postgres(database.url as string, { max: 1, onnotice: () => {} })
    try {
      try {
        const w = await drive(server.port, warmup, plan.concurrency, plan.requestTimeoutMs)
        const warmFailed = Object.entries(w.failed)
        if (warmFailed.length > 0) throw new Error(`${name}: warm-up deliveries failed: ${JSON.stringify(w.failed)}`)
        run = await drive(server.port, measured, plan.concurrency, plan.requestTimeoutMs)
      } finally {
        await server.stop()
      }
      await sleep(STATS_SETTLE_MS)
      work = await databaseWork(sql)
      const stored =
        name === 'bare-webhook'
          ? await storedBare(sql, expected)
          : await storedHub(sql, expected)
      const messages = run.ms.length === measured.length ? measured.reduce((n, d) => n + d.messages, 0) : Number.NaN
      return {
        toOk: summarise(run.ms),
        measuredMs: Math.round(run.wallMs),
        messagesPerSecond: messages / (run.wallMs / 1000),
        requestsPerSecond: run.ms.length / (run.wallMs / 1000),
        failed: run.failed,
        stored,
        work,
      }
    } finally {
      await sql.end({ timeout: 5 })
    }
  } finally {
    await database.drop()
  }
}

async function storedHub(sql: Sql, expected: number): Promise<IngestSide['stored']> {
  const [e] = await sql<{ rows: string; distinct: string }[]>`
    select count(*) as rows, count(distinct external_id) as distinct from events where external_id like 'messenger:%'`
  const [c] = await sql<{ n: string }[]>`select count(*) as n from conversations where channel_kind = 'messenger'`
  const rows = Number(e?.rows)
  const distinct = Number(e?.distinct)
  return { expected, rows, distinct, exactlyOnce: rows === expected && distinct === expected, conversations: Number(c?.n) }
}

async function storedBare(sql: Sql, expected: number): Promise<IngestSide['stored']> {
  const [e] = await sql<{ rows: string; distinct: string }[]>`select count(*) as rows, count(distinct mid) as distinct from webhook_messages`
  const rows = Number(e?.rows)
  const distinct = Number(e?.distinct)
  return { expected, rows, distinct, exactlyOnce: rows === expected && distinct === expected }
}

/** Every scenario on the bare server and then on the hub, each in a fresh child on a fresh database. PostgreSQL only. */
export async function measureMessengerIngest(adminUrl: string, plan: MessengerIngestPlan, log: (s: string) => void): Promise<MessengerIngestResult> {
  const start = os.loadavg()
  const scenarios: IngestScenarioResult[] = []
  for (const s of plan.scenarios) {
    const what = `Messenger ingest, batch ${s.batch}, ${s.senders} senders, ${s.requests} deliveries`
    log(`${what}: bare webhook…`)
    const baseline = await runSide('bare-webhook', adminUrl, s, plan)
    log(`${what}: hub…`)
    const hub = await runSide('messenger-hub-server', adminUrl, s, plan)
    scenarios.push({
      ...s,
      messages: s.requests * s.batch,
      hub,
      baseline,
      ratio: {
        messagesPerSecond: hub.messagesPerSecond / baseline.messagesPerSecond,
        toOkP50: hub.toOk.p50 / baseline.toOk.p50,
        toOkP99: hub.toOk.p99 / baseline.toOk.p99,
      },
    })
  }
  return {
    database: 'postgres',
    plan,
    bareInserts: process.env.BENCH_BARE_WEBHOOK_INSERTS === 'each' ? 'each' : 'multi-row',
    scenarios,
    loadAverage: { start, end: os.loadavg() },
  }
}

/** True when something in the run failed: a delivery not answered 200, or a message not stored exactly once. */
export function ingestFailed(r: MessengerIngestResult): boolean {
  return r.scenarios.some((x) => [x.hub, x.baseline].some((s) => Object.keys(s.failed).length > 0 || !s.stored.exactlyOnce))
}
