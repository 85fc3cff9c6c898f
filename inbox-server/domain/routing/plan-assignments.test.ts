// Property tests of the routing core over random queues, consultants, presence, skills and loads.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CHANNEL_KINDS, type ChannelKind } from '../../../protocol/channel.ts'
import { isEligible } from './eligible.ts'
import { planAssignments } from './plan-assignments.ts'
import { DEFAULT_CAPACITY, PRESENCE_STATES, type Consultant, type Decision, type Waiting } from './routing-model.ts'

const QUEUES = ['q-benefits', 'q-offers', 'q-eures']
const SKILLS = ['uk', 'en', 'de', 'disability']
const kind = fc.constantFrom<ChannelKind>(...CHANNEL_KINDS)

const waitingArb = fc.uniqueArray(
  fc.record({
    id: fc.uuid(),
    queueId: fc.constantFrom(...QUEUES),
    channelKind: kind,
    priority: fc.integer({ min: 0, max: 2 }),
    enqueuedAt: fc.integer({ min: 0, max: 10_000 }),
    requiredSkills: fc.subarray(SKILLS, { maxLength: 1 }),
    declinedBy: fc.constant<string[]>([]),
  }),
  { selector: (w) => w.id, maxLength: 40 },
)

const consultantArb = fc.uniqueArray(
  fc.record({
    id: fc.uuid(),
    presence: fc.constantFrom(...PRESENCE_STATES, 'available', 'available'),
    queueIds: fc.subarray(QUEUES, { minLength: 1 }),
    skills: fc.subarray(SKILLS),
    capacity: fc.record(Object.fromEntries(CHANNEL_KINDS.map((k) => [k, fc.integer({ min: 0, max: DEFAULT_CAPACITY[k] })])) as Record<ChannelKind, fc.Arbitrary<number>>),
    load: fc.record(Object.fromEntries(CHANNEL_KINDS.map((k) => [k, fc.integer({ min: 0, max: 3 })])) as Record<ChannelKind, fc.Arbitrary<number>>),
    voiceExclusive: fc.boolean(),
    lastAssignedAt: fc.option(fc.integer({ min: 0, max: 10_000 })),
  }),
  { selector: (c) => c.id, maxLength: 8 },
)

/** The consultants as they are after the decisions are carried out. */
function afterDecisions(waiting: Waiting[], consultants: Consultant[], decisions: Decision[]): Consultant[] {
  const byId = new Map(waiting.map((w) => [w.id, w]))
  return consultants.map((c) => {
    const load = { ...c.load }
    for (const d of decisions.filter((d) => d.consultantId === c.id)) {
      const k = byId.get(d.conversationId)!.channelKind
      load[k] = (load[k] ?? 0) + 1
    }
    return { ...c, load }
  })
}

describe('planAssignments', () => {
  it('assigns each conversation at most once, only to consultants who were eligible when it was decided', () => {
    fc.assert(
      fc.property(waitingArb, consultantArb, (waiting, consultants) => {
        const decisions = planAssignments(waiting, consultants, 20_000)
        expect(new Set(decisions.map((d) => d.conversationId)).size).toBe(decisions.length)
        // Replaying the decisions one by one, each must be eligible against the loads so far.
        let state: Consultant[] = consultants
        for (const d of decisions) {
          const w = waiting.find((x) => x.id === d.conversationId)!
          const c = state.find((x) => x.id === d.consultantId)!
          expect(isEligible(w, c)).toBe(true)
          state = afterDecisions(waiting, state, [d])
        }
      }),
    )
  })

  it('never puts anyone over capacity, and never gives anything to someone on an exclusive call', () => {
    fc.assert(
      fc.property(waitingArb, consultantArb, (waiting, consultants) => {
        const decisions = planAssignments(waiting, consultants, 20_000)
        const after = afterDecisions(waiting, consultants, decisions)
        for (const c of after) {
          const before = consultants.find((x) => x.id === c.id)!
          for (const k of CHANNEL_KINDS) {
            const gained = (c.load[k] ?? 0) - (before.load[k] ?? 0)
            if (gained > 0) expect(c.load[k]).toBeLessThanOrEqual(c.capacity[k])
          }
          if (before.voiceExclusive && (before.load.voice ?? 0) > 0) expect(decisions.some((d) => d.consultantId === c.id)).toBe(false)
        }
      }),
    )
  })

  it('leaves nothing waiting while an eligible consultant has room', () => {
    fc.assert(
      fc.property(waitingArb, consultantArb, (waiting, consultants) => {
        const decisions = planAssignments(waiting, consultants, 20_000)
        const assigned = new Set(decisions.map((d) => d.conversationId))
        const after = afterDecisions(waiting, consultants, decisions)
        for (const w of waiting.filter((x) => !assigned.has(x.id))) {
          expect(after.some((c) => isEligible(w, c))).toBe(false)
        }
      }),
    )
  })

  it('serves the oldest first among conversations that compete for the same consultants', () => {
    fc.assert(
      fc.property(waitingArb, consultantArb, (waiting, consultants) => {
        const decisions = planAssignments(waiting, consultants, 20_000)
        const assigned = new Set(decisions.map((d) => d.conversationId))
        // Same queue, kind, skills and priority: a younger one may be served only if every older one is.
        for (const young of waiting.filter((w) => assigned.has(w.id))) {
          for (const old of waiting) {
            const same =
              old.queueId === young.queueId &&
              old.channelKind === young.channelKind &&
              old.priority === young.priority &&
              old.requiredSkills.join() === young.requiredSkills.join()
            if (same && old.enqueuedAt < young.enqueuedAt) expect(assigned.has(old.id)).toBe(true)
          }
        }
      }),
    )
  })

  it('gives the same decisions for the same inputs in any order', () => {
    fc.assert(
      fc.property(waitingArb, consultantArb, fc.infiniteStream(fc.nat()), (waiting, consultants, rnd) => {
        const shuffle = <T,>(xs: T[]) => xs.map((x) => [rnd.next().value, x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x)
        const a = planAssignments(waiting, consultants, 20_000)
        const b = planAssignments(shuffle(waiting), shuffle(consultants), 20_000)
        expect(b).toEqual(a)
      }),
    )
  })

  it('does not offer a conversation again to a consultant who declined it or let it ring out', () => {
    const c = (id: string, lastAssignedAt: number): Consultant => ({
      id,
      presence: 'available',
      queueIds: ['q'],
      skills: [],
      capacity: DEFAULT_CAPACITY,
      load: {},
      voiceExclusive: true,
      lastAssignedAt,
    })
    const waiting: Waiting = { id: 'w', queueId: 'q', channelKind: 'webchat', priority: 0, enqueuedAt: 0, requiredSkills: [], declinedBy: ['idle'] }
    expect(planAssignments([waiting], [c('idle', 0), c('other', 500)], 1_000)).toEqual([{ conversationId: 'w', consultantId: 'other' }])
    expect(planAssignments([waiting], [c('idle', 0)], 1_000)).toEqual([])
  })

  it('lets the consultants of the overflow queue take a conversation once it overflowed there', () => {
    const eures: Consultant = { id: 'eures', presence: 'available', queueIds: ['eures'], skills: [], capacity: DEFAULT_CAPACITY, load: {}, voiceExclusive: true, lastAssignedAt: null }
    const base: Waiting = { id: 'w', queueId: 'offers', channelKind: 'webchat', priority: 0, enqueuedAt: 0, requiredSkills: [], declinedBy: [] }
    expect(planAssignments([base], [eures], 1_000)).toEqual([])
    expect(planAssignments([{ ...base, alsoQueueIds: ['eures'] }], [eures], 1_000)).toEqual([{ conversationId: 'w', consultantId: 'eures' }])
  })

  it('serves higher priority first and gives the longest idle consultant the next conversation', () => {
    const base: Omit<Consultant, 'id' | 'lastAssignedAt'> = {
      presence: 'available',
      queueIds: ['q'],
      skills: [],
      capacity: { ...DEFAULT_CAPACITY, webchat: 1 },
      load: {},
      voiceExclusive: true,
    }
    const w = (id: string, priority: number, enqueuedAt: number): Waiting => ({ id, queueId: 'q', channelKind: 'webchat', priority, enqueuedAt, requiredSkills: [], declinedBy: [] })
    const decisions = planAssignments(
      [w('old-normal', 0, 1), w('new-urgent', 5, 9), w('newer-normal', 0, 5)],
      [
        { ...base, id: 'busy-recently', lastAssignedAt: 900 },
        { ...base, id: 'idle-longest', lastAssignedAt: 100 },
      ],
      1_000,
    )
    expect(decisions).toEqual([
      { conversationId: 'new-urgent', consultantId: 'idle-longest' },
      { conversationId: 'old-normal', consultantId: 'busy-recently' },
    ])
  })
})
