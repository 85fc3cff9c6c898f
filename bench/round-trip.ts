// Drives visitor → console → visitor round trips over WebSockets with a bounded number in flight; the same code measures the hub and the bare relay.
import { performance } from 'node:perf_hooks'
import { BenchSocket, mapLimit, randomClientId, type Frame } from './bench-socket.ts'

export interface RoundTripPlan {
  visitors: number
  /** Round trips before the measured ones (JIT, pools, caches), not recorded. */
  warmupTrips: number
  /**
   * Measured phases, one after the other over the same sockets: `trips` round trips with at most `inFlight` at
   * once; with `ratePerSecond`, trips start on that fixed schedule (open loop) instead of as soon as one ends.
   */
  phases: { inFlight: number; trips: number; ratePerSecond?: number }[]
  tripTimeoutMs: number
}

export interface RoundTripTarget {
  /** ws://host:port; the driver appends /ws/visitor and /ws/staff. */
  wsBase: string
  staffHeaders: Record<string, string>
}

export interface PhaseRun {
  inFlight: number
  trips: number
  ratePerSecond?: number
  /** Visitor sends → the visitor receives the console's reply. */
  roundTripMs: number[]
  /** Visitor sends → the console receives the visitor's message (same clock: one process drives both). */
  toConsoleMs: number[]
  /** The console sends its reply → the console gets its `ack` (how long the server takes to take a reply). */
  consoleAckMs: number[]
  timeouts: number
  errors: Record<string, number>
  measuredMs: number
}

export interface RoundTripRun {
  /** Opening the sockets and conversations and subscribing the console. */
  setupMs: number
  phases: PhaseRun[]
}

// The hub limits a visitor socket to 1 send/s with a burst of 10. The driver keeps every visitor inside that,
// with one token to spare for jitter, so the hub's limiter never answers `rate_limited`; the baseline is paced the same.
const VISITOR_RATE_PER_S = 1
const VISITOR_BURST = 9
const SETUP_CONCURRENCY = 50

interface Visitor {
  socket: BenchSocket
  conversationId: string
  tokens: number
  tokensAt: number
  busy: boolean
}

interface Trip {
  visitor: Visitor
  clientId: string
  replyText: string
  sentAt: number
  atConsole: number | undefined
  run: PhaseRun | undefined
  timer: NodeJS.Timeout
  settle(): void
}

async function restUntilBucketsFull(visitors: Visitor[]) {
  const now = performance.now()
  const waitMs = Math.max(0, ...visitors.map((v) => ((VISITOR_BURST - v.tokens) / VISITOR_RATE_PER_S) * 1000 - (now - v.tokensAt)))
  await new Promise((r) => setTimeout(r, Math.ceil(waitMs)))
}

type EventFrame = Frame & { conversationId: string; event: { type?: string; direction?: string | null; text?: string | null; clientId?: string | null } }
const isEvent = (f: Frame): f is EventFrame => f.type === 'event' && typeof f.event === 'object' && f.event !== null

export async function measureRoundTrips(target: RoundTripTarget, plan: RoundTripPlan): Promise<RoundTripRun> {
  const sockets: BenchSocket[] = []
  const t0 = performance.now()
  try {
    const staff = await BenchSocket.open(`${target.wsBase}/ws/staff`, target.staffHeaders, (f) => f.type === 'welcome')
    sockets.push(staff)

    // Each visitor says hello and opens its conversation with a first message; the console then subscribes to it.
    const visitors = await mapLimit(Array.from({ length: plan.visitors }), SETUP_CONCURRENCY, async (): Promise<Visitor> => {
      const socket = await BenchSocket.open(`${target.wsBase}/ws/visitor`, { origin: 'http://bench.example.test' })
      sockets.push(socket)
      await socket.request({ type: 'hello', lang: 'pl' }, (f) => f.type === 'welcome')
      const clientId = randomClientId()
      const ack = await socket.request({ type: 'send', clientId, text: 'Dzień dobry, mam pytanie.' }, (f) => (f.type === 'ack' || f.type === 'error') && f.clientId === clientId)
      if (ack.type !== 'ack' || typeof ack.conversationId !== 'string') throw new Error(`opening message refused: ${JSON.stringify(ack)}`)
      return { socket, conversationId: ack.conversationId, tokens: VISITOR_BURST - 1, tokensAt: performance.now(), busy: false }
    })
    await mapLimit(visitors, SETUP_CONCURRENCY, (v) =>
      staff.request({ type: 'subscribe', conversationId: v.conversationId, afterSeq: 0 }, (f) => f.type === 'synced' && f.conversationId === v.conversationId, 60_000),
    )
    const setupMs = performance.now() - t0

    const pending = new Map<string, Trip>()
    const replies = new Map<string, { trip: Trip; sentAt: number }>()

    const finish = (trip: Trip, failure?: string) => {
      const now = performance.now()
      clearTimeout(trip.timer)
      pending.delete(trip.clientId)
      trip.visitor.busy = false
      const run = trip.run
      if (run && failure === 'timeout') run.timeouts++
      else if (run && failure) run.errors[failure] = (run.errors[failure] ?? 0) + 1
      else if (run) {
        run.roundTripMs.push(now - trip.sentAt)
        if (trip.atConsole !== undefined) run.toConsoleMs.push(trip.atConsole - trip.sentAt)
      }
      trip.settle()
    }

    // The console answers every measured visitor message as soon as its event arrives.
    staff.onFrame((f) => {
      if (isEvent(f)) {
        if (f.event.type !== 'message' || f.event.direction !== 'in' || !f.event.clientId) return
        const trip = pending.get(f.event.clientId)
        if (!trip || trip.atConsole !== undefined) return
        trip.atConsole = performance.now()
        const clientId = randomClientId()
        replies.set(clientId, { trip, sentAt: performance.now() })
        staff.send({ type: 'send', clientId, conversationId: f.conversationId, text: trip.replyText })
      } else if (f.type === 'ack' && typeof f.clientId === 'string') {
        const reply = replies.get(f.clientId)
        replies.delete(f.clientId)
        if (reply) reply.trip.run?.consoleAckMs.push(performance.now() - reply.sentAt)
      } else if (f.type === 'error' && typeof f.clientId === 'string') {
        const reply = replies.get(f.clientId)
        replies.delete(f.clientId)
        if (reply && pending.has(reply.trip.clientId)) finish(reply.trip, `console:${String(f.code)}`)
      }
    })
    for (const v of visitors) {
      v.socket.onFrame((f) => {
        if (isEvent(f)) {
          if (f.event.direction !== 'out' || typeof f.event.text !== 'string') return
          const trip = pending.get(f.event.text.slice(3))
          if (trip && trip.visitor === v && trip.replyText === f.event.text) finish(trip)
        } else if (f.type === 'error' && typeof f.clientId === 'string') {
          const trip = pending.get(f.clientId)
          if (trip) finish(trip, `visitor:${String(f.code)}`)
        }
      })
    }

    let cursor = 0
    /** The next idle visitor with a send token, round robin; otherwise how long until one has a token. */
    const pick = (now: number): Visitor | number => {
      let wait = Number.POSITIVE_INFINITY
      for (let k = 0; k < visitors.length; k++) {
        const i = (cursor + k) % visitors.length
        const v = visitors[i] as Visitor
        if (v.busy) continue
        const tokens = Math.min(VISITOR_BURST, v.tokens + ((now - v.tokensAt) / 1000) * VISITOR_RATE_PER_S)
        if (tokens >= 1) {
          v.tokens = tokens - 1
          v.tokensAt = now
          cursor = (i + 1) % visitors.length
          return v
        }
        wait = Math.min(wait, ((1 - tokens) / VISITOR_RATE_PER_S) * 1000)
      }
      return Number.isFinite(wait) ? Math.ceil(wait) + 1 : 5
    }

    const phase = (count: number, inFlightBound: number, run: PhaseRun | undefined, ratePerSecond?: number) =>
      new Promise<void>((resolve) => {
        const phaseStart = performance.now()
        let started = 0
        let settled = 0
        let inFlight = 0
        let wake: NodeJS.Timeout | undefined
        const pump = () => {
          while (inFlight < inFlightBound && started < count) {
            if (ratePerSecond) {
              // Open loop: trips start on a fixed schedule, whatever the server's answers are doing.
              const due = Math.floor(((performance.now() - phaseStart) / 1000) * ratePerSecond) + 1
              if (started >= due) {
                wake ??= setTimeout(() => {
                  wake = undefined
                  pump()
                }, Math.max(1, Math.floor(1000 / ratePerSecond)))
                return
              }
            }
            const v = pick(performance.now())
            if (typeof v === 'number') {
              wake ??= setTimeout(() => {
                wake = undefined
                pump()
              }, v)
              return
            }
            started++
            inFlight++
            v.busy = true
            const clientId = randomClientId()
            const trip: Trip = {
              visitor: v,
              clientId,
              replyText: `re ${clientId}`,
              sentAt: 0,
              atConsole: undefined,
              run,
              timer: setTimeout(() => finish(trip, 'timeout'), plan.tripTimeoutMs),
              settle: () => {
                inFlight--
                if (++settled === count) resolve()
                else pump()
              },
            }
            pending.set(clientId, trip)
            trip.sentAt = performance.now()
            v.socket.send({ type: 'send', clientId, conversationId: v.conversationId, text: `Pytanie ${clientId}` })
          }
        }
        pump()
      })

    await phase(plan.warmupTrips, Math.max(...plan.phases.map((p) => p.inFlight)), undefined)
    const phases: PhaseRun[] = []
    for (const p of plan.phases) {
      // Every phase starts with full send buckets, so hub and baseline start it from the same state whatever the phase before took.
      await restUntilBucketsFull(visitors)
      const run: PhaseRun = { ...p, roundTripMs: [], toConsoleMs: [], consoleAckMs: [], timeouts: 0, errors: {}, measuredMs: 0 }
      const m0 = performance.now()
      await phase(p.trips, p.inFlight, run, p.ratePerSecond)
      run.measuredMs = performance.now() - m0
      phases.push(run)
    }
    return { setupMs, phases }
  } finally {
    await mapLimit(sockets, 200, (s) => s.close())
  }
}
