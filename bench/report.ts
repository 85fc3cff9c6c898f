// Formats a bench run's results as plain-text tables for the terminal.
import { loadLabel, type BenchResults } from './results.ts'

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—')
const ratio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : '—')
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

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
  const m = r.memory
  out.push('', `Memory per idle visitor socket (${m.sockets} sockets opened in steps; slope of GC-settled readings)`)
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
  out.push('', 'Budgets')
  out.push(table(['what', 'budget', 'measured', 'met'], r.budgets.map((b) => [b.what, b.budget, b.measured, b.met === null ? 'n/a on this database' : b.met ? 'yes' : 'NO']), 4))
  return out.join('\n')
}
