// `npm run bench`: routing, SLA timers, round trips, idle-socket memory and Messenger webhook ingest of the hub, each against its bare baseline in the same run; writes bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { benchAdminUrl, postgresVersion } from './bench-database.ts'
import { runPendingCleanups } from './cleanup.ts'
import { withServer, type ChildServer } from './child-server.ts'
import { describeMachine } from './machine.ts'
import { measureRoutingCore } from './routing-core.ts'
import { measureRoutingStore, type RoutingStorePlan } from './routing-store.ts'
import { measureSlaTimers, type SlaTimersPlan } from './sla-timers.ts'
import { ingestFailed, measureMessengerIngest, type MessengerIngestPlan } from './messenger-ingest.ts'
import { summarise } from './percentiles.ts'
import { formatMachine, formatResults } from './report.ts'
import { BENCH_PARTS, judgeBudgets, type BenchPart, type BenchResults, type MemoryResult, type RoundTripResult, type RoundTripSide } from './results.ts'
import { measureRoundTrips, type PhaseRun, type RoundTripPlan, type RoundTripRun } from './round-trip.ts'
import { BENCH_ADMIN } from './servers/server-ipc.ts'
import { measureSocketMemory, openBareSocket, openHubVisitor } from './socket-memory.ts'

// BENCH_QUICK=1: a small smoke run of the same steps (figures not meaningful).
const quick = process.env.BENCH_QUICK === '1'
const WARMUP_TRIPS = quick ? 20 : 200
const TRIP_TIMEOUT_MS = 15_000
// Per visitor count: first one round trip at a time (the latency of one message on an otherwise idle server),
// then 32 in flight (a loaded server); both over the same sockets and conversations.
const ROUND_TRIP_PLANS: RoundTripPlan[] = (
  quick
    ? [{ visitors: 20, phases: [{ inFlight: 1, trips: 50 }, { inFlight: 32, trips: 200 }] }]
    : [
        { visitors: 100, phases: [{ inFlight: 1, trips: 300 }, { inFlight: 32, trips: 2_000 }] },
        // 100 round trips/s is 200 messages/s: several times the busiest hour a national hotline's 1,000 chats make.
        { visitors: 1_000, phases: [{ inFlight: 1, trips: 300 }, { inFlight: 256, trips: 3_000, ratePerSecond: 100 }, { inFlight: 32, trips: 3_000 }] },
      ]
).map((p) => ({ ...p, warmupTrips: WARMUP_TRIPS, tripTimeoutMs: TRIP_TIMEOUT_MS }))
const IDLE_SOCKETS = quick ? 200 : 1_000
// Routing end to end: a floor of 1,000 consultants (3,000 web chats at once) and 10,000 waiting, through the real use case.
const ROUTING_STORE_PLAN: RoutingStorePlan = quick
  ? { floor: { queues: 5, consultants: 100, waiting: 1_000 }, runs: 1, steadyWarmup: 5, steadyIterations: 30, emptyPasses: 10 }
  : { floor: { queues: 5, consultants: 1_000, waiting: 10_000 }, runs: 3, steadyWarmup: 20, steadyIterations: 500, emptyPasses: 100 }

// SLA timers: 100,000 armed deadlines (first-response warnings spread over 10 min – 6 h 10 min ahead); 2,000 fall due
// evenly over 15 s and then 1,000 at one instant (every clock a calendar opening started), fired by the real use case.
const SLA_TIMERS_PLAN: SlaTimersPlan = quick
  ? { floor: { deadlines: 10_000, targetSeconds: 8 * 3600, farFromMs: 10 * 60_000, farSpanMs: 6 * 3600_000 }, steady: 200, steadySpreadMs: 3_000, burst: 100, burstGapMs: 1_000, leadMs: 2_000, reloadWarmup: 1, reloadRuns: 2, memoryRounds: 1 }
  : { floor: { deadlines: 100_000, targetSeconds: 8 * 3600, farFromMs: 10 * 60_000, farSpanMs: 6 * 3600_000 }, steady: 2_000, steadySpreadMs: 15_000, burst: 1_000, burstGapMs: 3_000, leadMs: 5_000, reloadWarmup: 2, reloadRuns: 7, memoryRounds: 3 }

// Messenger webhook ingest: signed deliveries of 1 and of 100 entries, 8 in flight, from new senders (each message a
// new contact's first) and from 100 senders writing again and again (existing conversations).
const MESSENGER_INGEST_PLAN: MessengerIngestPlan = quick
  ? { concurrency: 8, warmupRequests: 20, existingSenders: 100, requestTimeoutMs: 60_000, scenarios: [
      { batch: 1, senders: 'new', requests: 200 }, { batch: 100, senders: 'new', requests: 4 },
      { batch: 1, senders: 'existing', requests: 200 }, { batch: 100, senders: 'existing', requests: 4 }] }
  : { concurrency: 8, warmupRequests: 100, existingSenders: 100, requestTimeoutMs: 60_000, scenarios: [
      { batch: 1, senders: 'new', requests: 3_000 }, { batch: 100, senders: 'new', requests: 100 },
      { batch: 1, senders: 'existing', requests: 4_000 }, { batch: 100, senders: 'existing', requests: 100 }] }

/** BENCH_ONLY=routing-e2e (comma-separated parts; `routing` means both routing parts) runs only those parts. */
function selectedParts(): BenchPart[] {
  const only = process.env.BENCH_ONLY?.trim()
  if (!only) return [...BENCH_PARTS]
  const wanted = new Set(only.split(',').flatMap((x) => (x.trim() === 'routing' ? ['routing-core', 'routing-e2e'] : [x.trim()])))
  const unknown = [...wanted].filter((x) => !(BENCH_PARTS as readonly string[]).includes(x))
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown part ${unknown.join(', ')}; parts: ${BENCH_PARTS.join(', ')}, routing`)
  return BENCH_PARTS.filter((p) => wanted.has(p))
}

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`)

async function login(server: ChildServer): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${server.port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  })
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${await r.text()}`)
  return ((await r.json()) as { token: string }).token
}

function side(run: RoundTripRun, phase: PhaseRun): RoundTripSide {
  return {
    roundTrip: summarise(phase.roundTripMs),
    toConsole: summarise(phase.toConsoleMs),
    consoleAck: summarise(phase.consoleAckMs),
    timeouts: phase.timeouts,
    errors: phase.errors,
    setupMs: Math.round(run.setupMs),
    measuredMs: Math.round(phase.measuredMs),
    tripsPerSecond: phase.roundTripMs.length / (phase.measuredMs / 1000),
  }
}

async function roundTrips(adminUrl: string | undefined, plan: RoundTripPlan): Promise<RoundTripResult[]> {
  log(`round trips, ${plan.visitors} visitors: bare relay…`)
  const bareRun = await withServer('bare-relay', adminUrl, (s) => measureRoundTrips({ wsBase: `ws://127.0.0.1:${s.port}`, staffHeaders: {} }, plan))
  log(`round trips, ${plan.visitors} visitors: hub…`)
  const hubRun = await withServer('hub-server', adminUrl, async (s) =>
    measureRoundTrips({ wsBase: `ws://127.0.0.1:${s.port}`, staffHeaders: { authorization: `Bearer ${await login(s)}` } }, plan),
  )
  return plan.phases.map((p, i) => {
    const hub = side(hubRun, hubRun.phases[i] as PhaseRun)
    const baseline = side(bareRun, bareRun.phases[i] as PhaseRun)
    return {
      visitors: plan.visitors,
      inFlight: p.inFlight,
      ...(p.ratePerSecond ? { ratePerSecond: p.ratePerSecond } : {}),
      trips: p.trips,
      hub,
      baseline,
      ratio: {
        roundTripP50: hub.roundTrip.p50 / baseline.roundTrip.p50,
        roundTripP99: hub.roundTrip.p99 / baseline.roundTrip.p99,
        roundTripMean: hub.roundTrip.mean / baseline.roundTrip.mean,
        toConsoleP50: hub.toConsole.p50 / baseline.toConsole.p50,
        toConsoleP99: hub.toConsole.p99 / baseline.toConsole.p99,
        tripsPerSecond: hub.tripsPerSecond / baseline.tripsPerSecond,
      },
    }
  })
}

async function socketMemory(adminUrl: string | undefined): Promise<MemoryResult> {
  log(`memory, ${IDLE_SOCKETS} idle sockets: bare ws…`)
  const baseline = await withServer('bare-ws', undefined, (s) => measureSocketMemory(s, openBareSocket, IDLE_SOCKETS))
  log(`memory, ${IDLE_SOCKETS} idle sockets: hub…`)
  const hub = await withServer('hub-server', adminUrl, (s) => measureSocketMemory(s, openHubVisitor, IDLE_SOCKETS))
  return { sockets: IDLE_SOCKETS, hub, baseline, ratio: { rss: hub.rssPerSocket / baseline.rssPerSocket, heap: hub.heapPerSocket / baseline.heapPerSocket } }
}

async function main() {
  const started = performance.now()
  const parts = selectedParts()
  const adminUrl = benchAdminUrl()
  const machine = { ...describeMachine(adminUrl ? 'postgres' : 'pglite'), ...(adminUrl ? { postgresVersion: await postgresVersion(adminUrl) } : {}) }
  console.log(formatMachine(machine) + '\n')

  if (parts.length < BENCH_PARTS.length) log(`only: ${parts.join(', ')}`)
  let routingCore
  if (parts.includes('routing-core')) {
    log('routing core: 1,000 consultants, 10,000 waiting…')
    routingCore = measureRoutingCore(quick ? 5 : 30)
  }
  // Before the server children: the database and both cores are otherwise idle.
  const routingStore = parts.includes('routing-e2e') ? await measureRoutingStore(adminUrl, ROUTING_STORE_PLAN, log) : undefined
  let slaTimers
  if (parts.includes('sla-timers')) {
    log(`SLA timers: ${SLA_TIMERS_PLAN.floor.deadlines.toLocaleString('en-GB')} armed deadlines…`)
    slaTimers = await measureSlaTimers(adminUrl, SLA_TIMERS_PLAN, log)
  }
  const memory = parts.includes('memory') ? await socketMemory(adminUrl) : undefined
  const roundTrip: RoundTripResult[] = []
  if (parts.includes('round-trips')) for (const plan of ROUND_TRIP_PLANS) roundTrip.push(...(await roundTrips(adminUrl, plan)))
  let messengerIngest
  if (parts.includes('messenger-ingest')) {
    if (adminUrl) messengerIngest = await measureMessengerIngest(adminUrl, MESSENGER_INGEST_PLAN, log)
    else log('Messenger ingest: PostgreSQL only (set DATABASE_URL); skipped')
  }

  const partial = {
    machine,
    parts,
    plan: { warmupTrips: WARMUP_TRIPS, tripTimeoutMs: TRIP_TIMEOUT_MS, idleSockets: IDLE_SOCKETS },
    roundTrip,
    ...(memory ? { memory } : {}),
    ...(routingCore ? { routingCore } : {}),
    ...(routingStore ? { routingStore } : {}),
    ...(slaTimers ? { slaTimers } : {}),
    ...(messengerIngest ? { messengerIngest } : {}),
  }
  const results: BenchResults = { ...partial, budgets: judgeBudgets(partial), totalSeconds: Math.round((performance.now() - started) / 1000) }
  console.log(formatResults(results))
  const rc = routingCore
  if (rc) {
    console.log(
      `\nRouting core (pure): ${rc.consultants} consultants, ${rc.waiting} waiting, ${rc.decisionsPerPlan} decisions a plan: ` +
        `plan p50 ${rc.plan.p50.toFixed(1)} ms, p99 ${rc.plan.p99.toFixed(1)} ms (${Math.round(rc.decisionsPerSecond)} decisions/s); ` +
        `sorting alone p50 ${rc.sortOnly.p50.toFixed(1)} ms; plan / sort ${rc.ratio.toFixed(2)}x`,
    )
  }

  const dir = fileURLToPath(new URL('./results/', import.meta.url))
  mkdirSync(dir, { recursive: true })
  writeFileSync(`${dir}latest.json`, JSON.stringify(results, null, 2) + '\n')
  console.log(`\nresults: bench/results/latest.json (${results.totalSeconds} s)`)
  const failed = roundTrip.some((x) => [x.hub, x.baseline].some((s) => s.timeouts > 0 || Object.keys(s.errors).length > 0))
  if (failed) {
    console.error('Some round trips failed (see "failed"): the figures are not trustworthy.')
    process.exitCode = 1
  }
  if (messengerIngest && ingestFailed(messengerIngest)) {
    console.error('Some Messenger deliveries failed or were not stored exactly once (see "failed" and "stored"): the figures are not trustworthy.')
    process.exitCode = 1
  }
}

try {
  await main()
} catch (err) {
  console.error(err)
  process.exitCode = 1
} finally {
  await runPendingCleanups()
}
