import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EMPTY_SLA, nextFireAt, slaBadge, slaStep, slaSummary, type BusinessTime, type SlaInput, type SlaState, type SlaTargets } from './sla-clocks.ts'

const MIN = 60_000
const roundTheClock: BusinessTime = {
  between: (a, b) => Math.max(0, b.getTime() - a.getTime()),
  add: (s, ms) => new Date(s.getTime() + ms),
}
const targets: SlaTargets = { firstResponseMs: 10 * MIN, nextResponseMs: 5 * MIN, resolutionMs: 60 * MIN, warnRatio: 0.8 }
const t0 = Date.parse('2026-11-30T09:00:00Z')
const at = (min: number) => new Date(t0 + min * MIN)

/** Feeds inputs at minutes; returns the final state and every step as `clock:step`. */
function run(inputs: [number, SlaInput['type']][], time = roundTheClock): { state: SlaState; steps: string[] } {
  let state = EMPTY_SLA
  const steps: string[] = []
  for (const [m, type] of inputs) {
    const r = slaStep(state, { type } as SlaInput, at(m), targets, time)
    state = r.state
    steps.push(...r.events.map((e) => `${e.clock}:${e.step}`))
  }
  return { state, steps }
}

describe('SLA clocks', () => {
  it('starts first response and resolution with the first citizen message, due at their targets', () => {
    const { state, steps } = run([[0, 'citizen_message']])
    expect(steps).toEqual(['first_response:started', 'resolution:started'])
    expect(state.clocks.first_response).toMatchObject({ dueAt: at(10).toISOString(), warnAt: at(8).toISOString() })
    expect(nextFireAt(state)).toEqual(at(8))
  })

  it('stops first response at the first public reply, and starts next response at the citizen message after it', () => {
    const { state, steps } = run([[0, 'citizen_message'], [3, 'citizen_message'], [4, 'staff_reply'], [6, 'citizen_message'], [7, 'citizen_message'], [9, 'staff_reply']])
    expect(steps).toEqual(['first_response:started', 'resolution:started', 'first_response:fulfilled', 'next_response:started', 'next_response:fulfilled'])
    expect(state.clocks.first_response).toMatchObject({ status: 'fulfilled', usedMs: 4 * MIN, breached: false })
    // The second unanswered message did not restart it: it ran from minute 6.
    expect(state.clocks.next_response).toMatchObject({ status: 'fulfilled', usedMs: 3 * MIN })
  })

  it('warns at 80 % and breaches at the target, each once, and a late reply is fulfilled as breached', () => {
    let s = run([[0, 'citizen_message']]).state
    const fire = (m: number) => {
      const r = slaStep(s, { type: 'due' }, at(m), targets, roundTheClock)
      s = r.state
      return r.events.map((e) => `${e.clock}:${e.step}`)
    }
    expect(fire(7)).toEqual([])
    expect(fire(8)).toEqual(['first_response:warning'])
    expect(fire(9)).toEqual([])
    expect(fire(10)).toEqual(['first_response:breached'])
    expect(fire(11)).toEqual([])
    expect(nextFireAt(s)).toEqual(at(48)) // the resolution clock's warning
    expect(slaSummary(s)).toEqual({ dueAt: at(10), breached: true })
    expect(slaBadge(s, at(11), roundTheClock)).toEqual({ clock: 'first_response', dueAt: at(10).toISOString(), leftMs: -MIN, targetMs: 10 * MIN, paused: false, warned: true, breached: true })
    const late = slaStep(s, { type: 'staff_reply' }, at(12), targets, roundTheClock)
    expect(late.events).toEqual([expect.objectContaining({ clock: 'first_response', step: 'fulfilled', breached: true, usedMs: 12 * MIN })])
  })

  it('pauses while pending and resumes with the time left', () => {
    const { state, steps } = run([[0, 'citizen_message'], [4, 'paused'], [100, 'resumed']])
    expect(steps).toEqual(['first_response:started', 'resolution:started', 'first_response:paused', 'resolution:paused', 'first_response:resumed', 'resolution:resumed'])
    // 4 minutes were used before the pause: 6 left from minute 100.
    expect(state.clocks.first_response).toMatchObject({ status: 'running', usedMs: 4 * MIN, dueAt: at(106).toISOString(), warnAt: at(104).toISOString() })
    expect(state.clocks.resolution).toMatchObject({ dueAt: at(156).toISOString() })
  })

  it('does not fire while paused', () => {
    const { state } = run([[0, 'citizen_message'], [4, 'paused']])
    expect(nextFireAt(state)).toBeNull()
    expect(slaBadge(state, at(500), roundTheClock)).toMatchObject({ clock: 'first_response', leftMs: 6 * MIN, paused: true })
    expect(slaStep(state, { type: 'due' }, at(500), targets, roundTheClock).events).toEqual([])
  })

  it('fulfils resolution on resolve and stops unanswered response clocks', () => {
    const { steps } = run([[0, 'citizen_message'], [30, 'resolved']])
    expect(steps.slice(2)).toEqual(['resolution:fulfilled', 'first_response:stopped'])
  })

  it('does not breach a reopened conversation at once: it gets a fresh resolution clock', () => {
    const { state, steps } = run([[0, 'citizen_message'], [2, 'staff_reply'], [30, 'resolved'], [500, 'reopened'], [500, 'citizen_message']])
    expect(steps.slice(2)).toEqual(['first_response:fulfilled', 'resolution:fulfilled', 'resolution:started', 'next_response:started'])
    expect(state.clocks.resolution).toMatchObject({ status: 'running', usedMs: 0, breached: false, dueAt: at(560).toISOString() })
    expect(state.clocks.next_response).toMatchObject({ status: 'running', dueAt: at(505).toISOString() })
    expect(slaStep(state, { type: 'due' }, at(501), targets, roundTheClock).events).toEqual([])
  })

  it('counts business time only: a calendar closed at night moves the deadline past it', () => {
    // Open 08:00–16:00 UTC every day (a simple calendar for the rule; real calendars are tested in domain/calendar).
    const day = 24 * 60 * MIN
    const open = (t: number) => {
      const d = Math.floor(t / day) * day
      return [d + 8 * 60 * MIN, d + 16 * 60 * MIN]
    }
    const office: BusinessTime = {
      between(a, b) {
        let sum = 0
        for (let d = Math.floor(a.getTime() / day) * day; d < b.getTime(); d += day) {
          const [s, e] = open(d)
          sum += Math.max(0, Math.min(e!, b.getTime()) - Math.max(s!, a.getTime()))
        }
        return sum
      },
      add(s, ms) {
        let left = ms
        for (let d = Math.floor(s.getTime() / day) * day; ; d += day) {
          const [o, e] = open(d)
          const from = Math.max(o!, s.getTime())
          if (from < e! && e! - from >= left) return new Date(from + left)
          if (from < e!) left -= e! - from
        }
      },
    }
    // 15:55 UTC: 5 minutes today, 5 tomorrow from 08:00.
    const start = new Date('2026-11-30T15:55:00Z')
    const r = slaStep(EMPTY_SLA, { type: 'citizen_message' }, start, targets, office)
    expect(r.state.clocks.first_response?.dueAt).toBe('2026-12-01T08:05:00.000Z')
  })

  it('gives the same steps for the same inputs, and never more than one warning and one breach per clock', () => {
    const input = fc.constantFrom<SlaInput['type']>('citizen_message', 'staff_reply', 'paused', 'resumed', 'resolved', 'reopened', 'due')
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), input), { maxLength: 40 }), (raw) => {
        let m = 0
        const seq = raw.map(([d, type]) => [(m += d), type] as [number, SlaInput['type']])
        const a = run(seq)
        expect(run(seq)).toEqual(a)
        // Between two starts of a clock, at most one warning and one breach.
        for (const k of ['first_response', 'next_response', 'resolution']) {
          const cycles = a.steps.filter((s) => s.startsWith(k)).join(' ').split(`${k}:started`)
          for (const c of cycles) {
            expect(c.split(`${k}:warning`).length - 1).toBeLessThanOrEqual(1)
            expect(c.split(`${k}:breached`).length - 1).toBeLessThanOrEqual(1)
          }
        }
      }),
    )
  })
})
