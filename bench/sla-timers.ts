// SLA timers with 100,000 armed deadlines: start-up reload, memory and firing lateness of the real timer service,
// measured in a child process (`--expose-gc`) on a fresh database, against bare baselines in the same child.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createBenchDatabase } from './bench-database.ts'
import { onAbort } from './cleanup.ts'
import type { Summary } from './percentiles.ts'
import type { FiredCheck, SlaFloorShape } from './sla-floor.ts'

export interface SlaTimersPlan {
  floor: SlaFloorShape
  /** Deadlines falling due evenly over `steadySpreadMs`, and then `burst` more at one instant `burstGapMs` later. */
  steady: number
  steadySpreadMs: number
  burst: number
  burstGapMs: number
  /** From the start of the firing run (its reload) to the first deadline. */
  leadMs: number
  reloadWarmup: number
  reloadRuns: number
  memoryRounds: number
}

export interface ReloadResult {
  /** `createSlaTimers(…).reload()`: the store's query through drizzle and the heap built from it (ms). */
  hub: Summary
  /** Its parts, timed separately: `store.slaTimers()` alone, and the heap fed from rows already in memory. */
  storeQuery: Summary
  heapBuild: Summary
  /** A bare `select id, sla_fire_at from conversations where sla_fire_at is not null` on its own connection. */
  baseline: Summary
  /** hub / baseline, p50. */
  ratio: number
}

export interface MemoryRound {
  /** heapUsed held after GC (bytes) for the same 100k deadlines. */
  timers: number
  map: number
  setTimeouts: number
}

export interface SlaMemoryResult {
  /** Medians over the rounds, bytes. */
  timers: number
  map: number
  setTimeouts: number
  perDeadline: { timers: number; map: number; setTimeouts: number }
  /** timers / baseline. */
  ratio: { map: number; setTimeouts: number }
  rounds: MemoryRound[]
}

/** Where a fire's time goes, mean ms per fire; the store's calls timed from the use case's side. */
export interface FireBreakdown {
  /** Before the transaction, apart from the entry context: the policy cache (warm) and the use case's own code. */
  contextAndGlue: number
  /** `store.entryContext()`: every queue and enabled entry rule, read on each fire (for a breach that re-routes). */
  entryContext: number
  /** Transaction called until its callback runs: a pooled connection and BEGIN. */
  begin: number
  lock: number
  readSla: number
  /** The clocks' `due` step and the rest of the callback. */
  domain: number
  writeSla: number
  appendEvent: number
  commit: number
}

export interface LatenessGroup {
  group: 'steady' | 'burst'
  count: number
  /** The deadlines' spread (0: all at one instant). */
  spreadMs: number
  /** Lateness after the deadline, ms: the service calling the fire function, and the fire's transaction committed. */
  started: Summary
  committed: Summary
  /** Fire call until commit: the policy cache and entry context look-ups, then the locked transaction. */
  fireDuration: Summary
  /** Fire call until the transaction began (the look-ups before it). */
  beforeTransaction: Summary
  breakdown: FireBreakdown
  /** A bare setTimeout per deadline, armed in the same process while the service fires ("beside") and on its own. */
  setTimeoutBeside: Summary
  setTimeoutAlone: Summary
  /** committed / setTimeout beside. */
  ratio: { p50: number; p99: number }
  /** Fires committed per second from the first deadline to the last commit of the group. */
  firesPerSecond: number
  /** Per deadline in due order (ms, 0.1 ms): due after the group's first, and lateness started, committed, bare beside. */
  samples: { dueMs: number[]; started: number[]; committed: number[]; beside: number[] }
}

export interface FiringResult {
  /** The firing run's own start-up reload (ms). */
  reloadMs: number
  /** How far ahead the first deadline still was once that reload was done. */
  marginMs: number
  /** Calls of the fire function (each window deadline once, if none fired early or twice). */
  fireCalls: number
  groups: LatenessGroup[]
  check: FiredCheck
  /** Event loop delay while the service fired (perf_hooks histogram, ms). */
  eventLoopDelay: { p50: number; p99: number; max: number }
  errors: string[]
}

export interface SlaTimersResult {
  database: 'postgres' | 'pglite'
  deadlines: number
  seedSeconds: number
  plan: SlaTimersPlan
  reload: ReloadResult
  memory: SlaMemoryResult
  firing: FiringResult
  /** os.loadavg() (1, 5, 15 min) when the part started and ended: other work on the shared cores shows here. */
  loadAverage: { start: number[]; end: number[] }
}

export type ToSlaChild = { type: 'run'; plan: SlaTimersPlan; databaseUrl: string | null }
export type FromSlaChild = { type: 'log'; text: string } | { type: 'result'; result: SlaTimersResult } | { type: 'failed'; message: string }

const repoRoot = fileURLToPath(new URL('..', import.meta.url))

/** Runs the measurement in a fresh child on a fresh database (PostgreSQL) or an in-memory PGlite; always stops and drops both. */
export async function measureSlaTimers(adminUrl: string | undefined, plan: SlaTimersPlan, log: (s: string) => void): Promise<SlaTimersResult> {
  const database = await createBenchDatabase(adminUrl)
  try {
    const script = fileURLToPath(new URL('./sla-timers-child.ts', import.meta.url))
    const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', script], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
    const forget = onAbort({ sync: kill })
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.once('error', () => resolve())
    })
    try {
      return await new Promise<SlaTimersResult>((resolve, reject) => {
        child.on('message', (m: FromSlaChild) => {
          if (m.type === 'log') log(m.text)
          else if (m.type === 'result') resolve(m.result)
          else reject(new Error(`SLA timer bench failed: ${m.message}`))
        })
        child.once('exit', (code, signal) => reject(new Error(`SLA timer bench child exited (${code ?? signal}) without a result`)))
        child.once('error', reject)
        const run: ToSlaChild = { type: 'run', plan, databaseUrl: database.url ?? null }
        child.send(run)
      })
    } finally {
      // The child closes its connections and exits after its answer; it is killed if it does not.
      const timer = setTimeout(kill, 10_000)
      await exited
      clearTimeout(timer)
      forget()
    }
  } finally {
    await database.drop()
  }
}
