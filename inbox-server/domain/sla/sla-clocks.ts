// SLA clocks of one conversation as a pure state machine: what happened in, new clock state and timeline steps out.
// Time is measured in business time through `BusinessTime` (a calendar, or round the clock), never read here.

export const CLOCK_KINDS = ['first_response', 'next_response', 'resolution'] as const
export type ClockKind = (typeof CLOCK_KINDS)[number]

/** Open time between instants and the instant after some open time, of the calendar the clocks run on. */
export interface BusinessTime {
  between(a: Date, b: Date): number
  /** Null when the calendar never opens again. */
  add(start: Date, ms: number): Date | null
}

export interface SlaTargets {
  firstResponseMs: number | null
  nextResponseMs: number | null
  resolutionMs: number | null
  /** Share of a target after which a warning is given, e.g. 0.8. */
  warnRatio: number
}

export interface Clock {
  kind: ClockKind
  status: 'running' | 'paused' | 'fulfilled' | 'stopped'
  targetMs: number
  /** Business time used before `since` (when it last started running); all of it while paused or stopped. */
  usedMs: number
  since: string | null
  /** While running: when the warning and the breach fall due (ISO); null when the calendar never opens again. */
  warnAt: string | null
  dueAt: string | null
  warned: boolean
  breached: boolean
}

export interface SlaState {
  clocks: Partial<Record<ClockKind, Clock>>
}

export const EMPTY_SLA: SlaState = { clocks: {} }

export type SlaInput =
  | { type: 'citizen_message' }
  /** A public reply by staff (not a private note, not an automatic message). */
  | { type: 'staff_reply' }
  /** The conversation went pending (waiting for the citizen) or snoozed. */
  | { type: 'paused' }
  /** Back from pending or snoozed. */
  | { type: 'resumed' }
  | { type: 'resolved' }
  | { type: 'reopened' }
  /** A timer the state asked for went off. */
  | { type: 'due' }

export type SlaStep = 'started' | 'paused' | 'resumed' | 'warning' | 'breached' | 'fulfilled' | 'stopped'

export interface SlaEvent {
  step: SlaStep
  clock: ClockKind
  /** When it falls due (started, resumed), or fell due (breached, fulfilled). */
  dueAt: string | null
  /** On fulfilled and stopped: whether it had breached. */
  breached?: boolean
  /** Business time used so far (paused, fulfilled, stopped). */
  usedMs?: number
  targetMs: number
}

export interface SlaResult {
  state: SlaState
  events: SlaEvent[]
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

function used(c: Clock, now: Date, time: BusinessTime): number {
  return c.status === 'running' && c.since ? c.usedMs + time.between(new Date(c.since), now) : c.usedMs
}

/** A clock running from `now` with `usedMs` already gone: its warning and breach instants. */
function run(c: Omit<Clock, 'status' | 'since' | 'warnAt' | 'dueAt'>, now: Date, time: BusinessTime, warnRatio: number): Clock {
  const warnMs = Math.floor(c.targetMs * warnRatio)
  return {
    ...c,
    status: 'running',
    since: now.toISOString(),
    warnAt: c.warned || warnMs <= 0 ? null : iso(time.add(now, Math.max(0, warnMs - c.usedMs))),
    dueAt: iso(time.add(now, Math.max(0, c.targetMs - c.usedMs))),
  }
}

function start(kind: ClockKind, targetMs: number | null, now: Date, time: BusinessTime, warnRatio: number): Clock | null {
  if (targetMs === null || targetMs <= 0) return null
  return run({ kind, targetMs, usedMs: 0, warned: false, breached: false }, now, time, warnRatio)
}

const event = (step: SlaStep, c: Clock, extra: Partial<SlaEvent> = {}): SlaEvent => ({ step, clock: c.kind, dueAt: c.dueAt, targetMs: c.targetMs, ...extra })

/** What a badge shows: the clock that falls due first, and its business time left (negative: overdue). */
export interface SlaBadge {
  clock: ClockKind
  dueAt: string | null
  leftMs: number
  targetMs: number
  paused: boolean
  warned: boolean
  breached: boolean
}

export function slaBadge(state: SlaState, now: Date, time: BusinessTime): SlaBadge | null {
  let best: SlaBadge | null = null
  for (const k of CLOCK_KINDS) {
    const c = state.clocks[k]
    if (!c || (c.status !== 'running' && c.status !== 'paused')) continue
    const leftMs = c.targetMs - used(c, now, time)
    const badge = { clock: k, dueAt: c.dueAt, leftMs, targetMs: c.targetMs, paused: c.status === 'paused', warned: c.warned, breached: c.breached }
    if (!best || before(badge, best)) best = badge
  }
  return best
}

/** A breached clock first (so "breached only" lists agree with the badge), then a running one, then the least time left. */
function before(a: SlaBadge, b: SlaBadge): boolean {
  if (a.breached !== b.breached) return a.breached
  if (a.paused !== b.paused) return !a.paused
  return a.leftMs < b.leftMs
}

/** Applies one input at `now`. Same inputs, same outputs: the clocks never read a clock. */
export function slaStep(state: SlaState, input: SlaInput, now: Date, targets: SlaTargets, time: BusinessTime): SlaResult {
  const clocks = { ...state.clocks }
  const events: SlaEvent[] = []
  const live = (k: ClockKind) => {
    const c = clocks[k]
    return c && (c.status === 'running' || c.status === 'paused') ? c : null
  }
  const begin = (k: ClockKind, target: number | null) => {
    const c = start(k, target, now, time, targets.warnRatio)
    if (!c) return
    clocks[k] = c
    events.push(event('started', c))
  }
  const finish = (k: ClockKind, step: 'fulfilled' | 'stopped') => {
    const c = live(k)
    if (!c) return
    const done: Clock = { ...c, status: step, usedMs: used(c, now, time), since: null, warnAt: null }
    clocks[k] = done
    events.push(event(step, done, { breached: done.breached, usedMs: done.usedMs }))
  }

  switch (input.type) {
    case 'citizen_message': {
      if (!clocks.first_response) {
        begin('first_response', targets.firstResponseMs)
        if (!clocks.resolution) begin('resolution', targets.resolutionMs)
      } else if (!live('first_response') && !live('next_response')) {
        // The first reply was given (or the first clock stopped): each new question after a reply waits anew.
        begin('next_response', targets.nextResponseMs)
      }
      break
    }
    case 'staff_reply':
      finish('first_response', 'fulfilled')
      finish('next_response', 'fulfilled')
      break
    case 'paused':
      for (const k of CLOCK_KINDS) {
        const c = clocks[k]
        if (c?.status !== 'running') continue
        const p: Clock = { ...c, status: 'paused', usedMs: used(c, now, time), since: null, warnAt: null, dueAt: null }
        clocks[k] = p
        events.push(event('paused', p, { usedMs: p.usedMs }))
      }
      break
    case 'resumed':
      for (const k of CLOCK_KINDS) {
        const c = clocks[k]
        if (c?.status !== 'paused') continue
        const r = run(c, now, time, targets.warnRatio)
        clocks[k] = r
        events.push(event('resumed', r))
      }
      break
    case 'resolved':
      finish('resolution', 'fulfilled')
      // Resolved without a reply (spam, a duplicate): the response clocks stop without being met.
      finish('first_response', 'stopped')
      finish('next_response', 'stopped')
      break
    case 'reopened':
      // A new cycle: a fresh resolution clock, never one that breaches at once; the citizen's message starts
      // the response clock that follows.
      begin('resolution', targets.resolutionMs)
      break
    case 'due':
      for (const k of CLOCK_KINDS) {
        const c = clocks[k]
        if (c?.status !== 'running') continue
        let next = c
        if (!next.warned && next.warnAt && Date.parse(next.warnAt) <= now.getTime()) {
          next = { ...next, warned: true, warnAt: null }
          events.push(event('warning', next))
        }
        if (!next.breached && next.dueAt && Date.parse(next.dueAt) <= now.getTime()) {
          next = { ...next, breached: true, warned: true, warnAt: null }
          events.push(event('breached', next))
        }
        clocks[k] = next
      }
      break
  }
  return { state: { clocks }, events }
}

/** The next instant a timer must go off for this state (the earliest warning or breach still to come), or null. */
export function nextFireAt(state: SlaState): Date | null {
  let next: number | null = null
  for (const k of CLOCK_KINDS) {
    const c = state.clocks[k]
    if (c?.status !== 'running') continue
    for (const at of [c.warned ? null : c.warnAt, c.breached ? null : c.dueAt]) {
      if (at === null) continue
      const t = Date.parse(at)
      if (next === null || t < next) next = t
    }
  }
  return next === null ? null : new Date(next)
}

/**
 * The earliest deadline of a running clock, past ones (breached) included, so "due soonest" puts the overdue first;
 * and whether any clock has breached while still live.
 */
export function slaSummary(state: SlaState): { dueAt: Date | null; breached: boolean } {
  let due: number | null = null
  let breached = false
  for (const k of CLOCK_KINDS) {
    const c = state.clocks[k]
    if (!c || (c.status !== 'running' && c.status !== 'paused')) continue
    if (c.breached) breached = true
    if (c.status === 'running' && c.dueAt) {
      const t = Date.parse(c.dueAt)
      if (due === null || t < due) due = t
    }
  }
  return { dueAt: due === null ? null : new Date(due), breached }
}
