// Formats a bench run's results as plain-text tables for the terminal.
import type { MessengerIngestResult } from './messenger-ingest.ts'
import { loadLabel, type BenchResults } from './results.ts'
import type { RoutingStoreResult } from './routing-store.ts'
import type { SlaTimersResult } from './sla-timers.ts'

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—')
const ratio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : '—')
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const int = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-GB') : '—')

/** The first `left` columns are left-aligned (labels), the rest right-aligned (figures). */
function table(head: string[], rows: string[][], left = 2): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => cells.map((c, i) => (i < left ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

export function formatMachine(m: BenchResults['machine']): string {
  return [
    `date      ${m.date}`,
    `cpu       ${m.cpu} × ${m.cores} cores, ${(m.totalMemoryBytes / 2 ** 30).toFixed(1)} GiB`,
    `node      ${m.node} on ${m.os}`,
    `database  ${m.database}${m.postgresVersion ? ` ${m.postgresVersion}` : ' (in memory)'}`,
  ].join('\n')
}

export function formatResults(r: BenchResults): string {
  const out: string[] = []
  if (r.routingStore) out.push(formatRoutingStore(r.routingStore), '')
  if (r.slaTimers) out.push(formatSlaTimers(r.slaTimers), '')
  if (r.roundTrip.length > 0) out.push(...formatRoundTrips(r), '')
  if (r.memory) out.push(...formatMemory(r.memory), '')
  if (r.messengerIngest) out.push(formatMessengerIngest(r.messengerIngest), '')
  if (r.budgets.length > 0) {
    out.push('Budgets')
    out.push(table(['what', 'budget', 'measured', 'met'], r.budgets.map((b) => [b.what, b.budget, b.measured, b.met === null ? 'n/a on this database' : b.met ? 'yes' : 'NO']), 4))
  }
  return out.join('\n').trimEnd()
}

function formatRoundTrips(r: BenchResults): string[] {
  const out: string[] = []
  out.push('Round trips visitor → console → visitor (ms); baseline: a bare ws relay doing one INSERT per message')
  out.push(
    table(
      ['visitors', 'load', 'server', 'p50', 'p99', 'mean', 'max', '→console p50', '→console p99', 'console ack p50', 'trips/s', 'failed'],
      r.roundTrip.flatMap((x) => {
        const head = [String(x.visitors), loadLabel(x)]
        const row = (name: string, s: typeof x.hub) => [
          ...head,
          name,
          ms(s.roundTrip.p50),
          ms(s.roundTrip.p99),
          ms(s.roundTrip.mean),
          ms(s.roundTrip.max),
          ms(s.toConsole.p50),
          ms(s.toConsole.p99),
          ms(s.consoleAck.p50),
          s.tripsPerSecond.toFixed(0),
          String(s.timeouts + Object.values(s.errors).reduce((a, b) => a + b, 0)),
        ]
        const q = x.ratio
        return [
          row('bare relay', x.baseline),
          row('hub', x.hub),
          [...head, 'hub / bare', ratio(q.roundTripP50), ratio(q.roundTripP99), ratio(q.roundTripMean), '', ratio(q.toConsoleP50), ratio(q.toConsoleP99), '', ratio(q.tripsPerSecond), ''],
        ]
      }),
      3,
    ),
  )
  return out
}

function formatMemory(m: NonNullable<BenchResults['memory']>): string[] {
  const out: string[] = []
  out.push(`Memory per idle visitor socket (${m.sockets} sockets opened in steps; slope of GC-settled readings)`)
  out.push(
    table(
      ['server', 'rss / socket', 'heap+external / socket', 'rss (last−first)/N', 'heap (last−first)/N'],
      [
        ['bare ws', kb(m.baseline.rssPerSocket), kb(m.baseline.heapPerSocket), kb(m.baseline.rssDeltaPerSocket), kb(m.baseline.heapDeltaPerSocket)],
        ['hub', kb(m.hub.rssPerSocket), kb(m.hub.heapPerSocket), kb(m.hub.rssDeltaPerSocket), kb(m.hub.heapDeltaPerSocket)],
        ['hub / bare', ratio(m.ratio.rss), ratio(m.ratio.heap), '', ''],
      ],
      1,
    ),
  )
  return out
}

export function formatRoutingStore(r: RoutingStoreResult): string {
  const f = r.floor
  const out: string[] = []
  out.push(
    `Routing end to end on ${r.database}: createAssignWaiting over the drizzle store; ${int(f.consultants)} consultants ` +
      `(room for ${int(f.capacity)} web chats), ${int(f.waiting)} waiting in ${f.queues} queues, passes read at most ${f.passLimit}. ` +
      `Baseline: the same decisions as bare guarded UPDATEs, one transaction per pass. Latency of a decision: its pass's start until the commit (ms).`,
  )
  out.push(
    table(
      ['queues', 'writer', 'decisions', 'busy passes', 'decisions/s', 'decision p50', 'decision p99', 'per decision'],
      r.saturation.flatMap((x) => {
        const label = x.variant === 'assign' ? 'auto-accept' : 'offers'
        const row = (name: string, s: typeof x.baseline) => [
          label,
          name,
          int(s.decisions),
          String(s.passes),
          int(s.decisionsPerSecond),
          ms(s.decisionLatency.p50),
          ms(s.decisionLatency.p99),
          `${((s.seconds * 1e6) / s.decisions).toFixed(0)} µs`,
        ]
        return [
          row('bare UPDATEs', x.baseline),
          row('hub', x.hub),
          [label, 'hub / bare', '', '', ratio(x.ratio.decisionsPerSecond), ratio(x.ratio.decisionLatencyP50), ratio(x.ratio.decisionLatencyP99), ''],
        ]
      }),
    ),
  )
  out.push('', 'Where a busy pass goes (mean ms; decisions = mean per busy pass); core plan = planAssignments alone on the same snapshot; empty = the closing pass, every consultant full')
  out.push(
    table(
      ['queues', 'decisions', 'begin', 'lock', 'snapshot', 'plan+glue', 'assign/offer', 'events', 'commit', 'publish', 'core plan p50', 'empty pass p50'],
      r.saturation.map((x) => {
        const b = x.hub.breakdown
        return [
          x.variant === 'assign' ? 'auto-accept' : 'offers',
          (x.hub.decisions / x.hub.passes).toFixed(0),
          ms(b.begin),
          ms(b.lock),
          ms(b.snapshot),
          ms(b.planAndGlue),
          ms(b.decide),
          ms(b.events),
          ms(b.commit),
          ms(b.published),
          ms(x.hub.corePlan.p50),
          ms(x.hub.emptyPass.p50),
        ]
      }),
      1,
    ),
  )
  const st = r.steady
  out.push(
    '',
    `Steady state: resolve the oldest assigned chat, routing gives its consultant the next (${st.iterations} each, alternating; ` +
      `${int(st.waitingAtStart)} → ${int(st.waitingAtEnd)} waiting). Hub: change-status use case, which awaits the pass; bare: two UPDATEs.`,
  )
  out.push(
    table(
      ['writer', 'resolve → next p50', 'resolve → next p99', 're-route p50', 're-route p99', 'misses'],
      [
        ['bare UPDATEs', ms(st.baseline.resolveToNext.p50), ms(st.baseline.resolveToNext.p99), ms(st.baseline.reroute.p50), ms(st.baseline.reroute.p99), String(st.baseline.misses)],
        ['hub', ms(st.hub.resolveToNext.p50), ms(st.hub.resolveToNext.p99), ms(st.hub.reroute.p50), ms(st.hub.reroute.p99), String(st.hub.misses)],
        ['hub / bare', ratio(st.ratio.resolveToNextP50), ratio(st.ratio.resolveToNextP99), ratio(st.ratio.rerouteP50), ratio(st.ratio.rerouteP99), ''],
      ],
      1,
    ),
  )
  const sb = st.hub.breakdown
  out.push(
    `re-route pass (mean ms): lock ${ms(sb.lock)}, snapshot ${ms(sb.snapshot)}, plan+glue ${ms(sb.planAndGlue)}, assign ${ms(sb.decide)}, event ${ms(sb.events)}, commit ${ms(sb.commit)}; ` +
      `empty pass on the full floor p50 ${ms(st.emptyPass.p50)}, p99 ${ms(st.emptyPass.p99)}`,
  )
  return out.join('\n')
}

export function formatSlaTimers(r: SlaTimersResult): string {
  const out: string[] = []
  const n = int(r.deadlines)
  const rl = r.reload
  const load = (xs: number[]) => xs.map((x) => x.toFixed(1)).join('/')
  out.push(
    `SLA timers on ${r.database}: ${n} armed deadlines (open conversations with a running first-response clock), seeded in ${r.seedSeconds.toFixed(1)} s; ` +
      `load average ${load(r.loadAverage.start)} at the start, ${load(r.loadAverage.end)} at the end`,
  )
  out.push(
    table(
      ['start-up reload (ms)', 'p50', 'p99', 'min', 'max'],
      [
        ['bare select id, sla_fire_at', ms(rl.baseline.p50), ms(rl.baseline.p99), ms(rl.baseline.min), ms(rl.baseline.max)],
        ['slaTimers.reload()', ms(rl.hub.p50), ms(rl.hub.p99), ms(rl.hub.min), ms(rl.hub.max)],
        ['  store.slaTimers() alone', ms(rl.storeQuery.p50), ms(rl.storeQuery.p99), ms(rl.storeQuery.min), ms(rl.storeQuery.max)],
        ['  heap fed from memory', ms(rl.heapBuild.p50), ms(rl.heapBuild.p99), ms(rl.heapBuild.min), ms(rl.heapBuild.max)],
        ['reload / bare', ratio(rl.ratio), '', '', ''],
      ],
      1,
    ),
  )
  const m = r.memory
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`
  out.push('', `Heap held by ${n} deadlines (heapUsed after GC, median of ${m.rounds.length} rounds)`)
  out.push(
    table(
      ['holder', 'heap', 'per deadline', 'timers / this'],
      [
        ['Map<string, number>', mb(m.map), `${m.perDeadline.map.toFixed(0)} B`, ratio(m.ratio.map)],
        ['a bare setTimeout each', mb(m.setTimeouts), `${m.perDeadline.setTimeouts.toFixed(0)} B`, ratio(m.ratio.setTimeouts)],
        ['SLA timer service', mb(m.timers), `${m.perDeadline.timers.toFixed(0)} B`, ''],
      ],
      1,
    ),
  )
  const f = r.firing
  out.push(
    '',
    `Firing lateness after the deadline (ms), real fire use case; service reload in the firing run ${ms(f.reloadMs)} ms, ${int(f.fireCalls)} fire calls; ` +
      `baseline: a bare setTimeout per deadline, beside the service and alone`,
  )
  out.push(
    table(
      ['due', 'measure', 'p50', 'p99', 'max', 'mean'],
      f.groups.flatMap((g) => {
        const label = g.spreadMs > 0 ? `${int(g.count)} over ${g.spreadMs / 1000} s` : `${int(g.count)} at once`
        const row = (name: string, s: typeof g.committed) => [label, name, ms(s.p50), ms(s.p99), ms(s.max), ms(s.mean)]
        return [
          row('setTimeout alone', g.setTimeoutAlone),
          row('setTimeout beside', g.setTimeoutBeside),
          row('fire started', g.started),
          row('fire committed', g.committed),
          // At one instant the bare timers are all on time and the ratio says nothing; the rate does.
          ...(g.spreadMs > 0 ? [[label, 'committed / beside', ratio(g.ratio.p50), ratio(g.ratio.p99), '', '']] : []),
          row('  fire: call → commit', g.fireDuration),
          row('  fire: look-ups before tx', g.beforeTransaction),
          ...(g.spreadMs === 0 ? [[label, 'fires committed/s', int(g.firesPerSecond), '', '', '']] : []),
        ]
      }),
    ),
  )
  out.push('', 'Where a fire goes (mean ms per fire; the store calls timed from the use case; 8 fires run at once)')
  out.push(
    table(
      ['due', 'cache+glue', 'entryContext', 'begin', 'lock row', 'readSla', 'due step', 'writeSla', 'appendEvent', 'commit'],
      f.groups.map((g) => {
        const b = g.breakdown
        return [g.spreadMs > 0 ? `${int(g.count)} over ${g.spreadMs / 1000} s` : `${int(g.count)} at once`, ms(b.contextAndGlue), ms(b.entryContext), ms(b.begin), ms(b.lock), ms(b.readSla), ms(b.domain), ms(b.writeSla), ms(b.appendEvent), ms(b.commit)]
      }),
      1,
    ),
  )
  const c = f.check
  out.push(
    `events table: ${int(c.once)} fired exactly once, ${int(c.never)} never, ${int(c.twiceOrMore)} twice or more; ` +
      `${int(c.strayEvents)} stray warnings/breaches; ${int(c.stillArmed)} still armed; event loop delay while firing p50 ${ms(f.eventLoopDelay.p50)} ms, p99 ${ms(f.eventLoopDelay.p99)} ms, max ${ms(f.eventLoopDelay.max)} ms`,
  )
  return out.join('\n')
}

export function formatMessengerIngest(r: MessengerIngestResult): string {
  const out: string[] = []
  const p = r.plan
  out.push(
    `Messenger webhook ingest on ${r.database}: signed deliveries (one entry per message), ${p.concurrency} in flight, closed loop; time to the 200 (ms). ` +
      `Baseline: node:http, the same HMAC check, ${r.bareInserts === 'each' ? 'one bare INSERT per message' : 'one bare multi-row INSERT per delivery'}. ` +
      `Load average ${r.loadAverage.start.map((x) => x.toFixed(1)).join('/')} at the start, ${r.loadAverage.end.map((x) => x.toFixed(1)).join('/')} at the end`,
  )
  const failed = (f: Record<string, number>) => String(Object.values(f).reduce((a, b) => a + b, 0))
  out.push(
    table(
      ['batch', 'senders', 'server', 'deliveries', 'p50', 'p99', 'mean', 'max', 'messages/s', 'failed', 'stored once'],
      r.scenarios.flatMap((x) => {
        const head = [String(x.batch), x.senders === 'new' ? 'new' : `${p.existingSenders} again`]
        const row = (name: string, s: typeof x.hub) => [
          ...head,
          name,
          int(x.requests),
          ms(s.toOk.p50),
          ms(s.toOk.p99),
          ms(s.toOk.mean),
          ms(s.toOk.max),
          int(s.messagesPerSecond),
          failed(s.failed),
          `${s.stored.exactlyOnce ? 'yes' : 'NO'} (${int(s.stored.distinct)}/${int(s.stored.expected)})`,
        ]
        return [
          row('bare webhook', x.baseline),
          row('hub', x.hub),
          [...head, 'hub / bare', '', ratio(x.ratio.toOkP50), ratio(x.ratio.toOkP99), '', '', ratio(x.ratio.messagesPerSecond), '', ''],
        ]
      }),
      3,
    ),
  )
  out.push('', 'Database work per message stored, whole child run: start-up, warm-up and measured (pg_stat_database; rows inserted+updated by table)')
  out.push(
    table(
      ['batch', 'senders', 'server', 'commits', 'rollbacks', 'inserted', 'updated', 'by table'],
      r.scenarios.flatMap((x) =>
        (['baseline', 'hub'] as const).map((k) => {
          const w = x[k].work
          const per = (n: number) => (n / x[k].stored.expected).toFixed(2)
          const tables = Object.entries(w.tables)
            .filter(([, c]) => (c.inserted + c.updated) / x[k].stored.expected >= 0.01)
            .sort(([, a], [, b]) => b.inserted + b.updated - (a.inserted + a.updated))
            .map(([t, c]) => `${t} ${per(c.inserted)}+${per(c.updated)}`)
            .join(', ')
          return [String(x.batch), x.senders === 'new' ? 'new' : `${p.existingSenders} again`, k === 'hub' ? 'hub' : 'bare webhook', per(w.commits), per(w.rollbacks), per(w.inserted), per(w.updated), tables]
        }),
      ),
      3,
    ),
  )
  return out.join('\n')
}
