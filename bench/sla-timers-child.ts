// Child of bench/sla-timers.ts (`--expose-gc`): seeds 100,000 armed deadlines, then times the timer service's reload,
// weighs its heap and lets it fire real deadlines with the real fire use case, each beside a bare baseline.
import { AsyncLocalStorage } from 'node:async_hooks'
import { loadavg } from 'node:os'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { PGlite } from '@electric-sql/pglite'
import postgres from 'postgres'
import { openDatabase, type Database } from '../db/client.ts'
import { createFireSla } from '../inbox-server/app/fire-sla.ts'
import type { Logger, Store } from '../inbox-server/app/ports.ts'
import { createSlaClocks } from '../inbox-server/app/sla-clocks.ts'
import { createSlaContexts } from '../inbox-server/app/sla-context.ts'
import { createInProcessBus } from '../inbox-server/bus/in-process-bus.ts'
import { DeadlineHeap } from '../inbox-server/jobs/deadline-heap.ts'
import { createSlaTimers, type SlaTimers } from '../inbox-server/jobs/sla-timers.ts'
import { createDrizzleStore } from '../inbox-server/store/drizzle-store.ts'
import { createSystemClock } from '../inbox-server/system-clock.ts'
import { summarise } from './percentiles.ts'
import { checkFired, retimeWindow, seedSlaFloor, type SlaFloor, type WindowDeadline, type WindowPlan } from './sla-floor.ts'
import type { FireBreakdown, FiringResult, FromSlaChild, LatenessGroup, MemoryRound, ReloadResult, SlaMemoryResult, SlaTimersPlan, SlaTimersResult, ToSlaChild } from './sla-timers.ts'
import { settledMemory } from './servers/server-ipc.ts'

const tell = (m: FromSlaChild) =>
  new Promise<void>((resolve) => {
    if (!process.send?.(m, undefined, {}, () => resolve())) resolve()
  })
const say = (text: string) => void tell({ type: 'log', text })
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const describe = (err: unknown) => (err instanceof Error ? (err.stack ?? err.message) : JSON.stringify(err))

function gc() {
  const f = globalThis.gc
  if (!f) throw new Error('run with --expose-gc')
  f()
}

/** Wall-clock milliseconds with sub-millisecond resolution, anchored to Date.now() when it ticks (deadlines are wall-clock instants). */
function wallClock(): () => number {
  const t = Date.now()
  while (Date.now() === t) {
    /* wait for the millisecond to turn */
  }
  const offset = Date.now() - performance.now()
  return () => offset + performance.now()
}

/** Reading deadlines back the way a bare client would: one plain query on its own connection. */
interface BareReader {
  selectDeadlines(): Promise<number>
  close(): Promise<void>
}

const LOOP_RESOLUTION_MS = 10

const BARE_QUERY = 'select id, sla_fire_at from conversations where sla_fire_at is not null'

function bareReader(databaseUrl: string | null, pglite: PGlite | null): BareReader {
  if (pglite) {
    return {
      selectDeadlines: async () => (await pglite.query(BARE_QUERY)).rows.length,
      close: async () => {},
    }
  }
  if (!databaseUrl) throw new Error('no database')
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
  return {
    selectDeadlines: async () => (await sql.unsafe(BARE_QUERY, [], { prepare: true })).length,
    close: () => sql.end({ timeout: 5 }),
  }
}

const quietLog = (errors: string[]): Logger => ({ info() {}, warn() {}, error: (obj, msg) => errors.push(`${msg ?? ''}: ${describe('err' in obj ? obj.err : obj)}`) })

/** A timer service whose deadlines must not fire (they are all far away while it is timed or weighed). */
function idleTimers(store: Store, errors: string[]): SlaTimers {
  const clock = createSystemClock()
  return createSlaTimers({
    clock,
    store,
    log: quietLog(errors),
    fire: async (ids) => {
      errors.push(`a far deadline fired: ${ids.join(', ')}`)
      return { skipped: [] }
    },
  })
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  gc()
  const t = performance.now()
  await f()
  return performance.now() - t
}

async function measureReload(store: Store, bare: BareReader, plan: SlaTimersPlan, errors: string[]): Promise<ReloadResult> {
  const hub: number[] = []
  const storeQuery: number[] = []
  const heapBuild: number[] = []
  const baseline: number[] = []
  for (let i = 0; i < plan.reloadWarmup + plan.reloadRuns; i++) {
    const keep = i >= plan.reloadWarmup
    // Alternating, so both see the same machine; each starts after a full GC.
    let n = 0
    const b = await timed(async () => {
      n = await bare.selectDeadlines()
    })
    if (n !== plan.floor.deadlines) throw new Error(`bare select read ${n} deadlines, not ${plan.floor.deadlines}`)
    // Each iteration's service, rows and heap are garbage by the next timed step's GC.
    const t = idleTimers(store, errors)
    const h = await timed(() => t.reload())
    if (t.size() !== plan.floor.deadlines) throw new Error(`reload holds ${t.size()} deadlines, not ${plan.floor.deadlines}`)
    t.stop()
    let rows: Awaited<ReturnType<Store['slaTimers']>> = []
    const q = await timed(async () => {
      rows = await store.slaTimers()
    })
    const r = rows
    const hb = await timed(async () => {
      const heap = new DeadlineHeap()
      for (const x of r) heap.set(x.conversationId, x.fireAt.getTime())
      if (heap.size !== r.length) throw new Error('heap lost deadlines')
    })
    if (keep) {
      baseline.push(b)
      hub.push(h)
      storeQuery.push(q)
      heapBuild.push(hb)
    }
  }
  const s = { hub: summarise(hub), storeQuery: summarise(storeQuery), heapBuild: summarise(heapBuild), baseline: summarise(baseline) }
  return { ...s, ratio: s.hub.p50 / s.baseline.p50 }
}

/** heapUsed held by what `build` returns, after full collections before and after. */
async function heldBytes<T>(build: () => Promise<T>, release: (x: T) => void): Promise<number> {
  const before = (await settledMemory()).heapUsed
  const held = await build()
  const after = (await settledMemory()).heapUsed
  release(held)
  return after - before
}

const median = (xs: number[]) => summarise(xs).p50

async function measureMemory(store: Store, plan: SlaTimersPlan, errors: string[]): Promise<SlaMemoryResult> {
  const rounds: MemoryRound[] = []
  const n = plan.floor.deadlines
  for (let i = 0; i < plan.memoryRounds; i++) {
    // The same source for all three: the store's query; only what keeps the deadlines differs.
    const timers = await heldBytes(
      async () => {
        const t = idleTimers(store, errors)
        await t.reload()
        return t
      },
      (t) => t.stop(),
    )
    const map = await heldBytes(
      async () => {
        const m = new Map<string, number>()
        for (const r of await store.slaTimers()) m.set(r.conversationId, r.fireAt.getTime())
        return m
      },
      (m) => m.clear(),
    )
    const setTimeouts = await heldBytes(
      async () => {
        const now = Date.now()
        const fired = (id: string) => errors.push(`a bare far timer fired: ${id}`)
        return (await store.slaTimers()).map((r) => {
          const id = r.conversationId
          return setTimeout(() => fired(id), r.fireAt.getTime() - now).unref()
        })
      },
      (ts) => {
        for (const t of ts) clearTimeout(t)
      },
    )
    rounds.push({ timers, map, setTimeouts })
  }
  const timers = median(rounds.map((r) => r.timers))
  const map = median(rounds.map((r) => r.map))
  const setTimeouts = median(rounds.map((r) => r.setTimeouts))
  return {
    timers,
    map,
    setTimeouts,
    perDeadline: { timers: timers / n, map: map / n, setTimeouts: setTimeouts / n },
    ratio: { map: timers / map, setTimeouts: timers / setTimeouts },
    rounds,
  }
}

/** Bare setTimeouts at the given instants; resolves with each one's lateness (ms) once all have run. */
function bareTimers(deadlines: WindowDeadline[], wall: () => number): Promise<Map<string, number>> {
  const late = new Map<string, number>()
  return new Promise((resolve) => {
    for (const d of deadlines) {
      setTimeout(() => {
        late.set(d.conversationId, wall() - d.dueMs)
        if (late.size === deadlines.length) resolve(late)
      }, d.dueMs - Date.now())
    }
  })
}

function windowFrom(plan: SlaTimersPlan, startMs: number): WindowPlan {
  return {
    steady: plan.steady,
    steadySpreadMs: plan.steadySpreadMs,
    burst: plan.burst,
    startMs,
    burstAtMs: startMs + plan.steadySpreadMs + plan.burstGapMs,
  }
}

/** The same instants as the firing run, relative to a start, for the bare setTimeouts on their own. */
function plannedInstants(w: WindowPlan): WindowDeadline[] {
  const out: WindowDeadline[] = []
  for (let g = 0; g < w.steady; g++) out.push({ conversationId: `s${g}`, dueMs: w.startMs + Math.floor((g * w.steadySpreadMs) / Math.max(1, w.steady)), group: 'steady' })
  for (let g = 0; g < w.burst; g++) out.push({ conversationId: `b${g}`, dueMs: w.burstAtMs, group: 'burst' })
  return out
}

/** Where one fire's time went (wall-clock instants and ms), recorded through the store it is given. */
interface FireTrace {
  started: number
  entryContextMs: number
  txCalled: number
  fnStart: number
  lockMs: number
  readSlaMs: number
  writeSlaMs: number
  appendMs: number
  fnEnd: number
  committed: number
}

const newTrace = (started: number): FireTrace => ({
  started,
  entryContextMs: 0,
  txCalled: Number.NaN,
  fnStart: Number.NaN,
  lockMs: 0,
  readSlaMs: 0,
  writeSlaMs: 0,
  appendMs: 0,
  fnEnd: Number.NaN,
  committed: Number.NaN,
})

/** The store, with the calls a fire makes timed into the current fire's trace; the statements are the store's own. */
function traced(store: Store, trace: () => FireTrace | undefined, wall: () => number): Store {
  const time = async <T>(key: 'entryContextMs' | 'lockMs' | 'readSlaMs' | 'writeSlaMs' | 'appendMs', f: () => Promise<T>): Promise<T> => {
    const t = trace()
    const t0 = wall()
    try {
      return await f()
    } finally {
      if (t) t[key] += wall() - t0
    }
  }
  return {
    ...store,
    entryContext: () => time('entryContextMs', () => store.entryContext()),
    async transaction(fn) {
      const t = trace()
      if (t) t.txCalled = wall()
      const r = await store.transaction(async (tx) => {
        if (t) t.fnStart = wall()
        const out = await fn({
          ...tx,
          lockConversation: (id) => time('lockMs', () => tx.lockConversation(id)),
          readSla: (id) => time('readSlaMs', () => tx.readSla(id)),
          writeSla: (id, c) => time('writeSlaMs', () => tx.writeSla(id, c)),
          appendEvent: (target, e, now) => time('appendMs', () => tx.appendEvent(target, e, now)),
        })
        if (t) t.fnEnd = wall()
        return out
      })
      if (t) t.committed = wall()
      return r
    },
  }
}

const tenth = (x: number) => Math.round(x * 10) / 10
const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

function breakdown(ts: FireTrace[]): FireBreakdown {
  const m = (f: (t: FireTrace) => number) => meanOf(ts.map(f))
  return {
    contextAndGlue: m((t) => t.txCalled - t.started - t.entryContextMs),
    entryContext: m((t) => t.entryContextMs),
    begin: m((t) => t.fnStart - t.txCalled),
    lock: m((t) => t.lockMs),
    readSla: m((t) => t.readSlaMs),
    domain: m((t) => t.fnEnd - t.fnStart - t.lockMs - t.readSlaMs - t.writeSlaMs - t.appendMs),
    writeSla: m((t) => t.writeSlaMs),
    appendEvent: m((t) => t.appendMs),
    commit: m((t) => t.committed - t.fnEnd),
  }
}

async function measureFiring(database: Database, store: Store, floor: SlaFloor, plan: SlaTimersPlan): Promise<FiringResult> {
  const wall = wallClock()
  // The bare setTimeouts on their own first, at the same pattern of instants, in this otherwise idle process.
  const alonePlan = windowFrom(plan, Date.now() + plan.leadMs)
  const alone = await bareTimers(plannedInstants(alonePlan), wall)
  const aloneOf = (group: 'steady' | 'burst') => [...alone].filter(([k]) => k.startsWith(group === 'steady' ? 's' : 'b')).map(([, v]) => v)
  say(`SLA timers: bare setTimeouts alone done (${alone.size})`)

  const w = windowFrom(plan, Date.now() + plan.leadMs)
  const deadlines = (await retimeWindow(database, floor, w)).sort((a, b) => a.dueMs - b.dueMs)
  if (deadlines.length !== plan.steady + plan.burst) throw new Error(`re-timed ${deadlines.length} deadlines, not ${plan.steady + plan.burst}`)
  const left = w.startMs - Date.now()
  if (left < 500) throw new Error(`re-timing took too long: the first deadline is ${left} ms away`)

  // Wired as hub.ts wires them (in-process bus, system clock, the hub's pool); routing is a no-op here.
  const errors: string[] = []
  const log = quietLog(errors)
  const clock = createSystemClock()
  const bus = createInProcessBus((err) => errors.push(`bus handler: ${describe(err)}`))
  const traces = new Map<string, FireTrace>()
  const current = new AsyncLocalStorage<FireTrace>()
  let fireCalls = 0
  const measured = traced(store, () => current.getStore(), wall)
  const contexts = createSlaContexts({ store, clock, log })
  let timers: SlaTimers | null = null
  const sla = createSlaClocks({
    contexts,
    onArmed: (conversationId, fireAt) => {
      timers?.arm(conversationId, fireAt)
      bus.publish({ type: 'sla_timer', conversationId, fireAt: fireAt?.toISOString() ?? null })
    },
  })
  const fire = createFireSla({ store: measured, bus, clock, sla, assignWaiting: async () => {} })
  const service = createSlaTimers({
    clock,
    store,
    log,
    fire: (ids) => {
      // One trace per group: its deadlines share the group's transaction and commit.
      fireCalls += ids.length
      const trace = newTrace(wall())
      for (const id of ids) traces.set(id, trace)
      return current.run(trace, () => fire(ids))
    },
  })
  timers = service
  const unsubscribe = bus.subscribe((m) => {
    if (m.type === 'sla_timer') service.arm(m.conversationId, m.fireAt ? new Date(m.fireAt) : null)
  })
  // The policy cache is warm on a running hub; its 30 s refresh costs one fire a few look-ups.
  await contexts.get()
  const besidePromise = bareTimers(deadlines, wall)
  const r0 = performance.now()
  await service.reload()
  const reloadMs = performance.now() - r0
  // The run measures firing, not a start-up with deadlines already past: the first must still be ahead.
  const marginMs = w.startMs - Date.now()
  if (marginMs < 200) throw new Error(`the first deadline was ${marginMs} ms ahead once the service had reloaded; raise leadMs`)
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS })
  loop.enable()
  say(`SLA timers: firing run started, ${service.size()} deadlines armed (reload ${reloadMs.toFixed(0)} ms); ${deadlines.length} fall due in the next ${((w.burstAtMs - Date.now()) / 1000).toFixed(0)} s`)

  const lastDue = Math.max(...deadlines.map((d) => d.dueMs))
  const giveUpAt = lastDue + 60_000
  const ids = new Set(deadlines.map((d) => d.conversationId))
  const committedAt = (id: string) => traces.get(id)?.committed ?? Number.NaN
  const done = () => [...ids].every((id) => Number.isFinite(committedAt(id)))
  while (!done() && Date.now() < giveUpAt && errors.length === 0) await sleep(100)
  const beside = await Promise.race([besidePromise, sleep(5_000).then(() => new Map<string, number>())])
  await sleep(500)
  loop.disable()
  service.stop()
  unsubscribe()
  if (errors.length > 0) throw new Error(`firing failed: ${errors[0]}`)
  if (!done()) throw new Error(`only ${[...ids].filter((id) => Number.isFinite(committedAt(id))).length} of ${ids.size} deadlines fired within 60 s of the last`)
  const check = await checkFired(database, w)

  const groups: LatenessGroup[] = (['steady', 'burst'] as const)
    .map((group) => {
      const ds = deadlines.filter((d) => d.group === group)
      const ts = ds.map((d) => traces.get(d.conversationId) ?? newTrace(Number.NaN))
      const besideSummary = summarise(ds.map((d) => beside.get(d.conversationId) ?? Number.NaN))
      const committedSummary = summarise(ds.map((d) => committedAt(d.conversationId) - d.dueMs))
      const first = Math.min(...ds.map((d) => d.dueMs))
      const lastCommit = Math.max(...ds.map((d) => committedAt(d.conversationId)))
      return {
        group,
        count: ds.length,
        spreadMs: group === 'steady' ? plan.steadySpreadMs : 0,
        started: summarise(ds.map((d) => (traces.get(d.conversationId)?.started ?? Number.NaN) - d.dueMs)),
        committed: committedSummary,
        fireDuration: summarise(ts.map((t) => t.committed - t.started)),
        beforeTransaction: summarise(ts.map((t) => t.txCalled - t.started)),
        breakdown: breakdown(ts),
        setTimeoutBeside: besideSummary,
        setTimeoutAlone: summarise(aloneOf(group)),
        ratio: { p50: committedSummary.p50 / besideSummary.p50, p99: committedSummary.p99 / besideSummary.p99 },
        firesPerSecond: ds.length / ((lastCommit - first) / 1000),
        samples: {
          dueMs: ds.map((d) => d.dueMs - first),
          started: ds.map((d) => tenth((traces.get(d.conversationId)?.started ?? Number.NaN) - d.dueMs)),
          committed: ds.map((d) => tenth(committedAt(d.conversationId) - d.dueMs)),
          beside: ds.map((d) => tenth(beside.get(d.conversationId) ?? Number.NaN)),
        },
      }
    })
    .filter((g) => g.count > 0)
  // The histogram records each whole sampling interval: what exceeds the interval is the delay.
  const ns = (x: number) => Math.max(0, x / 1e6 - LOOP_RESOLUTION_MS)
  return {
    reloadMs,
    marginMs,
    fireCalls,
    groups,
    check,
    eventLoopDelay: { p50: ns(loop.percentile(50)), p99: ns(loop.percentile(99)), max: ns(loop.max) },
    errors,
  }
}

async function run(plan: SlaTimersPlan, databaseUrl: string | null): Promise<SlaTimersResult> {
  const pglite = databaseUrl ? null : await PGlite.create()
  // The hub's own pool size on PostgreSQL.
  const database = databaseUrl ? await openDatabase({ kind: 'postgres', url: databaseUrl, max: 10 }) : await openDatabase({ kind: 'pglite', client: pglite! })
  const bare = bareReader(databaseUrl, pglite)
  const loadStart = loadavg()
  try {
    const store = createDrizzleStore(database)
    const t0 = performance.now()
    const floor = await seedSlaFloor(database, store, plan.floor, Date.now())
    const seedSeconds = (performance.now() - t0) / 1000
    say(`SLA timers: seeded ${plan.floor.deadlines.toLocaleString('en-GB')} armed conversations in ${seedSeconds.toFixed(1)} s`)
    const errors: string[] = []
    const reload = await measureReload(store, bare, plan, errors)
    say(`SLA timers: reload p50 ${reload.hub.p50.toFixed(0)} ms (bare select ${reload.baseline.p50.toFixed(0)} ms)`)
    const memory = await measureMemory(store, plan, errors)
    say(`SLA timers: memory ${memory.perDeadline.timers.toFixed(0)} B a deadline (Map ${memory.perDeadline.map.toFixed(0)} B)`)
    if (errors.length > 0) throw new Error(errors[0])
    const firing = await measureFiring(database, store, floor, plan)
    return { database: database.kind, deadlines: plan.floor.deadlines, seedSeconds, plan, reload, memory, firing, loadAverage: { start: loadStart, end: loadavg() } }
  } finally {
    await bare.close()
    await database.close()
  }
}

if (!process.send) throw new Error('bench/sla-timers-child.ts is started by bench/sla-timers.ts with an IPC channel')
// If the parent dies, so do we: nothing left holding the bench database.
process.on('disconnect', () => process.exit(1))
process.once('message', (m: ToSlaChild) => {
  run(m.plan, m.databaseUrl)
    .then(
      (result) => tell({ type: 'result', result }),
      (err: unknown) => {
        process.exitCode = 1
        return tell({ type: 'failed', message: describe(err) })
      },
    )
    .finally(() => process.exit())
})
