// Property test over random sequences of arrivals, presence changes, declines, time-outs and resolutions:
// after every step the routing plan keeps the invariants, on the state the earlier plans left behind.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isEligible } from './eligible.ts'
import { planAssignments } from './plan-assignments.ts'
import { DEFAULT_CAPACITY, type Consultant, type Presence, type Waiting } from './routing-model.ts'

const QUEUES = ['q1', 'q2']
const PEOPLE = ['c1', 'c2', 'c3', 'c4']

type Step =
  | { kind: 'arrive'; queue: string; priority: number; skill: boolean }
  | { kind: 'presence'; who: number; presence: Presence }
  | { kind: 'resolve'; pick: number }
  | { kind: 'decline'; pick: number }
  | { kind: 'tick'; ms: number }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('arrive' as const), queue: fc.constantFrom(...QUEUES), priority: fc.integer({ min: 0, max: 1 }), skill: fc.boolean() }),
  fc.record({ kind: fc.constant('presence' as const), who: fc.nat(PEOPLE.length - 1), presence: fc.constantFrom<Presence>('available', 'available', 'break', 'offline') }),
  fc.record({ kind: fc.constant('resolve' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('decline' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 5_000 }) }),
)

interface Floor {
  now: number
  waiting: Waiting[]
  held: { id: string; consultantId: string; queueId: string }[]
  people: Consultant[]
  seq: number
}

function start(): Floor {
  return {
    now: 0,
    waiting: [],
    held: [],
    seq: 0,
    people: PEOPLE.map((id, i) => ({
      id,
      presence: 'offline',
      queueIds: i % 2 ? ['q1', 'q2'] : ['q1'],
      skills: i === 0 ? ['uk'] : [],
      capacity: { ...DEFAULT_CAPACITY, webchat: 2 },
      load: {},
      voiceExclusive: true,
      lastAssignedAt: null,
    })),
  }
}

function loadOf(f: Floor, id: string): number {
  return f.held.filter((h) => h.consultantId === id).length
}

function apply(f: Floor, s: Step): void {
  if (s.kind === 'arrive') {
    f.waiting.push({ id: `w${f.seq++}`, queueId: s.queue, channelKind: 'webchat', priority: s.priority, enqueuedAt: f.now, requiredSkills: s.skill ? ['uk'] : [], declinedBy: [] })
  } else if (s.kind === 'presence') {
    f.people[s.who]!.presence = s.presence
  } else if (s.kind === 'tick') {
    f.now += s.ms
  } else if (f.held.length > 0) {
    const h = f.held.splice(s.pick % f.held.length, 1)[0]!
    // Declined or rung out: back to its queue at its old place, never to the same consultant.
    if (s.kind === 'decline') f.waiting.push({ id: h.id, queueId: h.queueId, channelKind: 'webchat', priority: 0, enqueuedAt: -1, requiredSkills: [], declinedBy: [h.consultantId] })
  }
}

describe('routing over sequences of events', () => {
  it('keeps every invariant after every step', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const f = start()
        for (const s of steps) {
          apply(f, s)
          const people = f.people.map((p) => ({ ...p, load: { webchat: loadOf(f, p.id) } }))
          const decisions = planAssignments(f.waiting, people, f.now)
          // Same inputs, same decisions.
          expect(planAssignments([...f.waiting].reverse(), [...people].reverse(), f.now)).toEqual(decisions)
          for (const d of decisions) {
            const w = f.waiting.find((x) => x.id === d.conversationId)!
            const c = people.find((x) => x.id === d.consultantId)!
            expect(c.presence).toBe('available')
            expect(isEligible(w, { ...c, load: { webchat: loadOf(f, c.id) } })).toBe(true)
            f.held.push({ id: w.id, consultantId: c.id, queueId: w.queueId })
            f.people.find((p) => p.id === c.id)!.lastAssignedAt = f.now
          }
          const taken = new Set(decisions.map((d) => d.conversationId))
          f.waiting = f.waiting.filter((w) => !taken.has(w.id))
          for (const p of f.people) expect(loadOf(f, p.id)).toBeLessThanOrEqual(p.capacity.webchat)
          // Nothing waits that someone available with room could take.
          const after = f.people.map((p) => ({ ...p, load: { webchat: loadOf(f, p.id) } }))
          for (const w of f.waiting) expect(after.some((p) => isEligible(w, p))).toBe(false)
        }
      }),
      { numRuns: 200 },
    )
  })
})
