// Memory per idle socket in a server child: GC-settled process.memoryUsage() read as N idle sockets are opened in steps.
import { BenchSocket, mapLimit } from './bench-socket.ts'
import type { ChildServer } from './child-server.ts'

export interface MemoryReading {
  sockets: number
  usage: NodeJS.MemoryUsage
}

export interface SocketMemory {
  sockets: number
  /** Readings at 0, N/steps, …, N open sockets. */
  readings: MemoryReading[]
  /** Resident set size per socket (bytes): least-squares slope over the readings. */
  rssPerSocket: number
  /** (heapUsed + external) per socket (bytes), the same way; `external` already includes `arrayBuffers`. */
  heapPerSocket: number
  /** The plain (last − first) / N figures, for comparison with the slopes. */
  rssDeltaPerSocket: number
  heapDeltaPerSocket: number
}

/** How a client makes one idle socket: bare ws just opens; a hub visitor also completes hello/welcome. */
export type OpenIdle = (wsBase: string) => Promise<BenchSocket>

export const openBareSocket: OpenIdle = (wsBase) => BenchSocket.open(`${wsBase}/`, {})

export const openHubVisitor: OpenIdle = async (wsBase) => {
  const s = await BenchSocket.open(`${wsBase}/ws/visitor`, { origin: 'http://bench.example.test' })
  await s.request({ type: 'hello', lang: 'pl' }, (f) => f.type === 'welcome')
  return s
}

const WARMUP_SOCKETS = 50
const heap = (u: NodeJS.MemoryUsage) => u.heapUsed + u.external

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length
  const mx = points.reduce((s, [x]) => s + x, 0) / n
  const my = points.reduce((s, [, y]) => s + y, 0) / n
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0)
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0)
  return den === 0 ? Number.NaN : num / den
}

export async function measureSocketMemory(server: ChildServer, open: OpenIdle, n: number, steps = 4): Promise<SocketMemory> {
  const wsBase = `ws://127.0.0.1:${server.port}`
  // Load and compile every code path a socket touches first, so the first reading already includes them.
  const warm = await mapLimit(Array.from({ length: WARMUP_SOCKETS }), 25, () => open(wsBase))
  await mapLimit(warm, 25, (s) => s.close())
  const sockets: BenchSocket[] = []
  try {
    // The first settle after start-up lets V8 give back heap pages it no longer needs; only then start reading.
    await server.memory()
    const readings: MemoryReading[] = [{ sockets: 0, usage: await server.memory() }]
    for (let step = 1; step <= steps; step++) {
      const target = Math.round((n * step) / steps)
      await mapLimit(Array.from({ length: target - sockets.length }), 50, async () => {
        sockets.push(await open(wsBase))
      })
      readings.push({ sockets: sockets.length, usage: await server.memory() })
    }
    const first = readings[0] as MemoryReading
    const last = readings.at(-1) as MemoryReading
    return {
      sockets: n,
      readings,
      rssPerSocket: slope(readings.map((r) => [r.sockets, r.usage.rss])),
      heapPerSocket: slope(readings.map((r) => [r.sockets, heap(r.usage)])),
      rssDeltaPerSocket: (last.usage.rss - first.usage.rss) / n,
      heapDeltaPerSocket: (heap(last.usage) - heap(first.usage)) / n,
    }
  } finally {
    await mapLimit(sockets, 200, (s) => s.close())
  }
}
