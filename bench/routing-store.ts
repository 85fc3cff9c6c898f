// Routing end to end: the real assign-waiting use case over the real drizzle store on a seeded floor, against bare SQL writes.
import { performance } from 'node:perf_hooks'
import { PGlite } from '@electric-sql/pglite'
import { openDatabase, type Database } from '../db/client.ts'
import { createAssignWaiting, PASS_LIMITS, type AssignWaiting } from '../inbox-server/app/assign-waiting.ts'
import { createChangeStatus } from '../inbox-server/app/change-status.ts'
import { createWaitEstimates } from '../inbox-server/app/wait-estimates.ts'
import type { ConsultantRecord, Logger, Store, TxStore } from '../inbox-server/app/ports.ts'
import { createInProcessBus } from '../inbox-server/bus/in-process-bus.ts'
import { planAssignments } from '../inbox-server/domain/routing/plan-assignments.ts'
import { createDrizzleStore } from '../inbox-server/store/drizzle-store.ts'
import { createSystemClock } from '../inbox-server/system-clock.ts'
import { createBenchDatabase } from './bench-database.ts'
import { barePglite, barePostgres, type BareDecision, type BareRouting } from './bare-routing.ts'
import { summarise, type Summary } from './percentiles.ts'
import { resetFloor, seedFloor, type Floor, type FloorShape } from './routing-floor.ts'

export interface RoutingStorePlan {
  floor: FloorShape
  /** Measured saturation runs per variant, after one warm-up run whose decisions the first baseline replays. */
  runs: number
  steadyWarmup: number
  steadyIterations: number
  emptyPasses: number
}

type Snapshot = Awaited<ReturnType<TxStore['routingSnapshot']>>

/** What one routing pass did and where its time went (ms). */
export interface PassRecord {
  run: number
  pass: number
  decisions: number
  /** Waiting conversations the pass read (at most the use case's pass limit). */
  waitingRead: number
  /** Pass start until its transaction committed: when its decisions become true. */
  commitAtMs: number
  /** Pass start until the trigger resolved (after the queue positions and offers are published). */
  totalMs: number
  beginMs: number
  lockMs: number
  snapshotMs: number
  /** Per decision, the guarded UPDATE of the conversation and the consultant's last_assigned_at (assign or offer). */
  decideMs: number
  /** Per decision, the assignment or offer event appended (seq bump and INSERT in one statement). */
  eventMs: number
  commitMs: number
  /** The rest until commit: planning and the use case's own code. */
  planAndGlueMs: number
  /** planAssignments alone on the same snapshot, re-run after the pass. */
  corePlanMs: number
}

/** Where a pass's time went: means over passes, ms. */
export interface PassBreakdown {
  begin: number
  lock: number
  snapshot: number
  planAndGlue: number
  /** assign or offer: the conversation's guarded UPDATE and the consultant's last_assigned_at. */
  decide: number
  /** The events appended. */
  events: number
  commit: number
  /** After the commit: queue positions, events and offers published on the bus. */
  published: number
}

export interface SaturationSide {
  decisions: number
  /** Passes that wrote at least one decision. */
  passes: number
  seconds: number
  decisionsPerSecond: number
  /** Per decision: start of its pass until the commit that wrote it. */
  decisionLatency: Summary
  /** Passes that wrote at least one decision, start until commit. */
  passLatency: Summary
}

export interface SaturationResult {
  variant: 'assign' | 'offer'
  runs: number
  /** Decisions of each measured run: how far the floor's capacity got used. */
  decisionsPerRun: number[]
  hub: SaturationSide & {
    /** The closing pass of each run, which found every consultant full. */
    emptyPass: Summary
    breakdown: PassBreakdown
    corePlan: Summary
  }
  /** The same decisions, pass by pass, as one bare guarded UPDATE each in one transaction per pass. */
  baseline: SaturationSide
  /** hub / baseline. */
  ratio: { decisionsPerSecond: number; decisionLatencyP50: number; decisionLatencyP99: number }
  passes: PassRecord[]
}

export interface SteadyResult {
  iterations: number
  waitingAtStart: number
  waitingAtEnd: number
  hub: {
    /** The real change-status use case resolving one chat, which awaits the re-route pass: finish → next chat committed. */
    resolveToNext: Summary
    /** The re-route pass alone, start until commit. */
    reroute: Summary
    /** Iterations whose re-route did not write exactly one decision. */
    misses: number
    breakdown: PassBreakdown
  }
  /** One bare resolve UPDATE, then one bare UPDATE that hands the consultant the next chat of their queues. */
  baseline: { resolveToNext: Summary; reroute: Summary; misses: number }
  ratio: { resolveToNextP50: number; resolveToNextP99: number; rerouteP50: number; rerouteP99: number }
  /** A pass on the full floor that finds nothing to do (what every arrival and the 15 s sweep cost then). */
  emptyPass: Summary
}

export interface RoutingStoreResult {
  database: 'postgres' | 'pglite'
  floor: FloorShape & { capacity: number; passLimit: number }
  seedSeconds: number
  saturation: SaturationResult[]
  steady: SteadyResult
  /** Bus messages the use case published, by type (in-process bus, one counting subscriber, no sockets). */
  published: Record<string, number>
}

const MAX_PASSES = 200

interface Probe {
  beginMs: number
  lockMs: number
  snapshotMs: number
  decideMs: number
  eventMs: number
  commitMs: number
  commitAt: number
  decisions: BareDecision[]
  snapshot: Snapshot | null
}

const newProbe = (): Probe => ({ beginMs: 0, lockMs: 0, snapshotMs: 0, decideMs: 0, eventMs: 0, commitMs: 0, commitAt: 0, decisions: [], snapshot: null })

/** The store, with the routing transaction's steps timed into the current probe; the queries are the store's own. */
function instrument(store: Store, probe: () => Probe): Store {
  const timed = async <T>(p: Probe, key: 'lockMs' | 'snapshotMs' | 'decideMs' | 'eventMs', f: () => Promise<T>): Promise<T> => {
    const t = performance.now()
    try {
      return await f()
    } finally {
      p[key] += performance.now() - t
    }
  }
  const tx = (inner: TxStore, p: Probe): TxStore => ({
    ...inner,
    lockRouting: () => timed(p, 'lockMs', () => inner.lockRouting()),
    async routingSnapshot(limit, now) {
      p.snapshot = await timed(p, 'snapshotMs', () => inner.routingSnapshot(limit, now))
      return p.snapshot
    },
    async assign(conversationId, consultantId, now) {
      const ok = await timed(p, 'decideMs', () => inner.assign(conversationId, consultantId, now))
      if (ok) p.decisions.push({ conversationId, consultantId })
      return ok
    },
    async offer(conversationId, consultantId, expiresAt, now) {
      const ok = await timed(p, 'decideMs', () => inner.offer(conversationId, consultantId, expiresAt, now))
      if (ok) p.decisions.push({ conversationId, consultantId })
      return ok
    },
    appendEvent: (target, e, now) => timed(p, 'eventMs', () => inner.appendEvent(target, e, now)),
  })
  return {
    ...store,
    async transaction(fn) {
      const p = probe()
      const t0 = performance.now()
      let fnStart = t0
      let fnEnd = t0
      const r = await store.transaction(async (inner) => {
        fnStart = performance.now()
        const out = await fn(tx(inner, p))
        fnEnd = performance.now()
        return out
      })
      const t1 = performance.now()
      p.beginMs += fnStart - t0
      p.commitMs += t1 - fnEnd
      p.commitAt = t1
      return r
    },
  }
}

function median3(f: () => void): number {
  const xs: number[] = []
  for (let i = 0; i < 3; i++) {
    const t = performance.now()
    f()
    xs.push(performance.now() - t)
  }
  return xs.sort((a, b) => a - b)[1] ?? Number.NaN
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN)

interface Harness {
  database: Database
  store: Store
  bare: BareRouting
  floor: Floor
  assignWaiting: AssignWaiting
  changeStatus: ReturnType<typeof createChangeStatus>["changeStatus"]
  /** Runs one pass through the use case's trigger and returns what it did. */
  pass(run: number, index: number): Promise<PassRecord>
  /** The pass the last change-status triggered. */
  lastReroute(): PassRecord | undefined
  published: Record<string, number>
  seedSeconds: number
  close(): Promise<void>
}

async function openHarness(adminUrl: string | undefined, shape: FloorShape): Promise<Harness> {
  const benchDb = await createBenchDatabase(adminUrl)
  let database: Database | undefined
  let bare: BareRouting | undefined
  try {
    if (benchDb.url) {
      // The hub's own pool size.
      database = await openDatabase({ kind: 'postgres', url: benchDb.url, max: 10 })
      bare = barePostgres(benchDb.url)
    } else {
      const pglite = await PGlite.create()
      database = await openDatabase({ kind: 'pglite', client: pglite })
      bare = barePglite(pglite)
    }
    // The trigger catches a failed pass and only logs it: the bench fails on the first one.
    const errors: string[] = []
    const describe = (err: unknown) => (err instanceof Error ? (err.stack ?? err.message) : JSON.stringify(err))
    const log: Logger = { info() {}, warn() {}, error: (obj, msg) => errors.push(`${msg ?? ''}: ${describe('err' in obj ? obj.err : obj)}`) }
    const bus = createInProcessBus((err) => errors.push(`bus handler: ${describe(err)}`))
    const published: Record<string, number> = {}
    bus.subscribe((m) => {
      published[m.type] = (published[m.type] ?? 0) + 1
    })
    const clock = createSystemClock()
    let current = newProbe()
    const plain = createDrizzleStore(database)
    const store = instrument(plain, () => current)
    const t0 = performance.now()
    const floor = await seedFloor(database, plain, shape)
    const seedSeconds = (performance.now() - t0) / 1000
    // Wired as in hub.ts, except offer timers: they are the offer-timers job's and would fire after 30 s, after a run.
    const estimateWait = createWaitEstimates({ store: plain, clock })
    // One call, one pass: the hub follows a pass that left some out with the next at once, which the bench
    // drives itself so that it can time each pass.
    const assignWaiting = createAssignWaiting({ store, bus, clock, log, onOffered: () => {}, estimateWait, followUp: false })
    let lastReroute: PassRecord | undefined
    const pass = async (run: number, index: number): Promise<PassRecord> => {
      current = newProbe()
      const p = current
      const t0 = performance.now()
      await assignWaiting()
      const t1 = performance.now()
      current = newProbe()
      if (errors.length > 0) throw new Error(`routing pass failed: ${errors[0]}`)
      const s = p.snapshot
      const commitAtMs = p.commitAt - t0
      const record: PassRecord = {
        run,
        pass: index,
        decisions: p.decisions.length,
        waitingRead: s?.waiting.length ?? 0,
        commitAtMs,
        totalMs: t1 - t0,
        beginMs: p.beginMs,
        lockMs: p.lockMs,
        snapshotMs: p.snapshotMs,
        decideMs: p.decideMs,
        eventMs: p.eventMs,
        commitMs: p.commitMs,
        planAndGlueMs: commitAtMs - p.beginMs - p.lockMs - p.snapshotMs - p.decideMs - p.eventMs - p.commitMs,
        corePlanMs: s ? median3(() => planAssignments(s.waiting, s.consultants, Date.now())) : Number.NaN,
      }
      decided.set(record, p.decisions)
      lastReroute = record
      return record
    }
    // change-status awaits the re-route pass it triggers; this trigger times it as one pass.
    const timedTrigger: AssignWaiting = async () => {
      await pass(-1, -1)
    }
    const changeStatus = createChangeStatus({ store, bus, clock, assignWaiting: timedTrigger })
    const db = database
    const b = bare
    return {
      database: db,
      store,
      bare: b,
      floor,
      assignWaiting,
      changeStatus: changeStatus.changeStatus,
      pass,
      lastReroute: () => lastReroute,
      published,
      seedSeconds,
      async close() {
        await b.close()
        await db.close()
        await benchDb.drop()
      },
    }
  } catch (err) {
    await bare?.close().catch(() => {})
    await database?.close().catch(() => {})
    await benchDb.drop()
    throw err
  }
}

/** The decisions each pass wrote, kept beside its record (not in the JSON). */
const decided = new WeakMap<PassRecord, BareDecision[]>()

/** Passes until one finds nothing more to assign. */
async function saturate(h: Harness, run: number): Promise<PassRecord[]> {
  const passes: PassRecord[] = []
  for (let i = 0; i < MAX_PASSES; i++) {
    const p = await h.pass(run, i)
    passes.push(p)
    if (p.decisions === 0) return passes
  }
  throw new Error(`routing did not settle in ${MAX_PASSES} passes`)
}

function side(decisionsPerPass: number[], latencyPerPass: number[], wallPerPass: number[]): SaturationSide {
  const busy = decisionsPerPass.map((d, i) => ({ d, latency: latencyPerPass[i] ?? Number.NaN, wall: wallPerPass[i] ?? Number.NaN })).filter((x) => x.d > 0)
  const decisions = busy.reduce((s, x) => s + x.d, 0)
  const seconds = busy.reduce((s, x) => s + x.wall, 0) / 1000
  return {
    decisions,
    passes: busy.length,
    seconds,
    decisionsPerSecond: decisions / seconds,
    decisionLatency: summarise(busy.flatMap((x) => Array<number>(x.d).fill(x.latency))),
    passLatency: summarise(busy.map((x) => x.latency)),
  }
}

async function saturation(h: Harness, variant: 'assign' | 'offer', runs: number, log: (s: string) => void): Promise<SaturationResult> {
  const autoAccept = variant === 'assign'
  await resetFloor(h.database, autoAccept)
  let previous = await saturate(h, 0)
  log(`routing end to end, ${variant}: warm-up run ${previous.reduce((s, p) => s + p.decisions, 0)} decisions in ${previous.length} passes`)
  const hubPasses: PassRecord[] = []
  const bareDecisions: number[] = []
  const bareMs: number[] = []
  const decisionsPerRun: number[] = []
  for (let run = 1; run <= runs; run++) {
    // Baseline first, replaying the previous run's decisions pass by pass, then the hub: the hub's run leaves the floor full.
    await resetFloor(h.database, autoAccept)
    const expiresAt = new Date(Date.now() + 30_000)
    for (const p of previous) {
      const ds = decided.get(p) ?? []
      if (ds.length === 0) continue
      const t0 = performance.now()
      const n = await h.bare.writePass(ds, variant, expiresAt)
      bareMs.push(performance.now() - t0)
      bareDecisions.push(n)
      if (n !== ds.length) throw new Error(`baseline wrote ${n} of ${ds.length} decisions`)
    }
    await resetFloor(h.database, autoAccept)
    previous = await saturate(h, run)
    hubPasses.push(...previous)
    decisionsPerRun.push(previous.reduce((s, p) => s + p.decisions, 0))
    log(`routing end to end, ${variant}: run ${run}/${runs}: ${decisionsPerRun.at(-1)} decisions in ${previous.length - 1} passes + 1 empty`)
  }
  const busy = hubPasses.filter((p) => p.decisions > 0)
  const hub = side(
    hubPasses.map((p) => p.decisions),
    hubPasses.map((p) => p.commitAtMs),
    hubPasses.map((p) => p.totalMs),
  )
  const baseline = side(bareDecisions, bareMs, bareMs)
  return {
    variant,
    runs,
    decisionsPerRun,
    hub: {
      ...hub,
      emptyPass: summarise(hubPasses.filter((p) => p.decisions === 0).map((p) => p.commitAtMs)),
      breakdown: breakdown(busy),
      corePlan: summarise(busy.map((p) => p.corePlanMs)),
    },
    baseline,
    ratio: {
      decisionsPerSecond: hub.decisionsPerSecond / baseline.decisionsPerSecond,
      decisionLatencyP50: hub.decisionLatency.p50 / baseline.decisionLatency.p50,
      decisionLatencyP99: hub.decisionLatency.p99 / baseline.decisionLatency.p99,
    },
    passes: hubPasses,
  }
}

function breakdown(ps: PassRecord[]): PassBreakdown {
  return {
    begin: mean(ps.map((p) => p.beginMs)),
    lock: mean(ps.map((p) => p.lockMs)),
    snapshot: mean(ps.map((p) => p.snapshotMs)),
    planAndGlue: mean(ps.map((p) => p.planAndGlueMs)),
    decide: mean(ps.map((p) => p.decideMs)),
    events: mean(ps.map((p) => p.eventMs)),
    commit: mean(ps.map((p) => p.commitMs)),
    published: mean(ps.map((p) => p.totalMs - p.commitAtMs)),
  }
}

async function countWaiting(store: Store): Promise<number> {
  let n = 0
  await store.transaction(async (tx) => {
    n = (await tx.routingSnapshot({ perQueue: 1_000_000, total: 1_000_000 }, new Date())).waiting.length
  })
  return n
}

/**
 * On the floor the last saturation run filled: resolve the chat assigned longest ago and let routing give its
 * consultant the next one, alternately through the hub's use cases and through bare SQL (so both see the same
 * machine and the same tables), oldest assignment first.
 */
async function steady(h: Harness, last: PassRecord[], plan: RoutingStorePlan, log: (s: string) => void): Promise<SteadyResult> {
  const consultants = new Map<string, ConsultantRecord>((await h.store.listConsultants()).map((c) => [c.id, c]))
  const fifo: BareDecision[] = last.flatMap((p) => decided.get(p) ?? [])
  const waitingAtStart = await countWaiting(h.store)
  const hubTotal: number[] = []
  const hubReroute: PassRecord[] = []
  const bareTotal: number[] = []
  const bareReroute: number[] = []
  let hubMisses = 0
  let bareMisses = 0
  const total = plan.steadyWarmup + plan.steadyIterations
  for (let i = 0; i < total; i++) {
    const measured = i >= plan.steadyWarmup
    const a = fifo.shift()
    if (!a) throw new Error('nothing assigned left to resolve')
    const consultant = consultants.get(a.consultantId)
    if (!consultant) throw new Error(`unknown consultant ${a.consultantId}`)
    const before = h.lastReroute()
    const t0 = performance.now()
    const r = await h.changeStatus({ consultant, conversationId: a.conversationId, status: { status: 'resolved' } })
    const t1 = performance.now()
    if (!r.ok) throw new Error(`resolve failed: ${r.error}`)
    const reroute = h.lastReroute()
    if (reroute === before) throw new Error('change-status did not run a routing pass')
    const ds = reroute ? (decided.get(reroute) ?? []) : []
    fifo.push(...ds)
    if (measured) {
      hubTotal.push(t1 - t0)
      if (reroute) hubReroute.push(reroute)
      if (ds.length !== 1) hubMisses++
    }

    const b = fifo.shift()
    if (!b) throw new Error('nothing assigned left to resolve')
    const u0 = performance.now()
    await h.bare.resolve(b.conversationId)
    const u1 = performance.now()
    const next = await h.bare.assignNext(b.consultantId)
    const u2 = performance.now()
    if (next) fifo.push({ conversationId: next, consultantId: b.consultantId })
    if (measured) {
      bareTotal.push(u2 - u0)
      bareReroute.push(u2 - u1)
      if (!next) bareMisses++
    }
  }
  const waitingAtEnd = await countWaiting(h.store)
  log(`routing end to end, steady: ${plan.steadyIterations} re-routes each way; ${plan.emptyPasses} empty passes…`)
  const empty: number[] = []
  for (let i = 0; i < plan.emptyPasses; i++) {
    const p = await h.pass(-2, i)
    if (p.decisions !== 0) throw new Error('an empty pass assigned something')
    empty.push(p.commitAtMs)
  }
  const hub = { resolveToNext: summarise(hubTotal), reroute: summarise(hubReroute.map((p) => p.commitAtMs)), misses: hubMisses, breakdown: breakdown(hubReroute) }
  const baseline = { resolveToNext: summarise(bareTotal), reroute: summarise(bareReroute), misses: bareMisses }
  return {
    iterations: plan.steadyIterations,
    waitingAtStart,
    waitingAtEnd,
    hub,
    baseline,
    ratio: {
      resolveToNextP50: hub.resolveToNext.p50 / baseline.resolveToNext.p50,
      resolveToNextP99: hub.resolveToNext.p99 / baseline.resolveToNext.p99,
      rerouteP50: hub.reroute.p50 / baseline.reroute.p50,
      rerouteP99: hub.reroute.p99 / baseline.reroute.p99,
    },
    emptyPass: summarise(empty),
  }
}

export async function measureRoutingStore(adminUrl: string | undefined, plan: RoutingStorePlan, log: (s: string) => void): Promise<RoutingStoreResult> {
  const h = await openHarness(adminUrl, plan.floor)
  try {
    log(`routing end to end: seeded ${plan.floor.consultants} consultants, ${plan.floor.waiting} waiting in ${h.seedSeconds.toFixed(1)} s`)
    const offers = await saturation(h, 'offer', plan.runs, log)
    const assign = await saturation(h, 'assign', plan.runs, log)
    const passLimit = Math.max(...assign.passes.map((p) => p.waitingRead))
    const expected = Math.min(PASS_LIMITS.total, PASS_LIMITS.perQueue * plan.floor.queues, plan.floor.waiting)
    if (passLimit !== expected) log(`note: passes read at most ${passLimit} waiting conversations (expected ${expected})`)
    const steadyResult = await steady(h, assign.passes.filter((p) => p.run === plan.runs), plan, log)
    return {
      database: h.database.kind,
      floor: { ...plan.floor, capacity: h.floor.capacity, passLimit },
      seedSeconds: h.seedSeconds,
      saturation: [assign, offers],
      steady: steadyResult,
      published: { ...h.published },
    }
  } finally {
    await h.close()
  }
}
