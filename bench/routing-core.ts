// The pure routing core on a big floor: 1,000 consultants and 10,000 waiting conversations, against sorting them alone.
import { performance } from 'node:perf_hooks'
import { planAssignments } from '../inbox-server/domain/routing/plan-assignments.ts'
import { DEFAULT_CAPACITY, type Consultant, type Waiting } from '../inbox-server/domain/routing/routing-model.ts'
import { compareWaiting } from '../inbox-server/domain/routing/routing-order.ts'
import { summarise, type Summary } from './percentiles.ts'

export interface RoutingCoreResult {
  consultants: number
  waiting: number
  decisionsPerPlan: number
  plan: Summary
  /** Baseline: only sorting the waiting conversations into serving order, which any planner must do. */
  sortOnly: Summary
  decisionsPerSecond: number
  ratio: number
}

function floor(consultantCount: number, waitingCount: number) {
  const queues = Array.from({ length: 20 }, (_, i) => `queue-${i}`)
  const consultants: Consultant[] = Array.from({ length: consultantCount }, (_, i) => ({
    id: `c${i}`,
    presence: 'available',
    queueIds: [queues[i % 20]!, queues[(i + 7) % 20]!],
    skills: i % 10 === 0 ? ['uk'] : [],
    capacity: DEFAULT_CAPACITY,
    load: { webchat: i % 3 },
    voiceExclusive: true,
    lastAssignedAt: i * 10,
  }))
  const waiting: Waiting[] = Array.from({ length: waitingCount }, (_, i) => ({
    id: `w${i}`,
    queueId: queues[i % 20]!,
    channelKind: i % 7 === 0 ? 'email' : 'webchat',
    priority: i % 3,
    enqueuedAt: i,
    requiredSkills: i % 50 === 0 ? ['uk'] : [],
    declinedBy: i % 97 === 0 ? [`c${i % consultantCount}`] : [],
  }))
  return { consultants, waiting }
}

export function measureRoutingCore(runs = 30, consultantCount = 1_000, waitingCount = 10_000): RoutingCoreResult {
  const { consultants, waiting } = floor(consultantCount, waitingCount)
  const planMs: number[] = []
  const sortMs: number[] = []
  let decisions = 0
  for (let i = 0; i < runs + 5; i++) {
    const s0 = performance.now()
    ;[...waiting].sort(compareWaiting)
    const s1 = performance.now()
    decisions = planAssignments(waiting, consultants, 1e12).length
    const s2 = performance.now()
    if (i >= 5) {
      sortMs.push(s1 - s0)
      planMs.push(s2 - s1)
    }
  }
  const plan = summarise(planMs)
  const sortOnly = summarise(sortMs)
  return { consultants: consultantCount, waiting: waitingCount, decisionsPerPlan: decisions, plan, sortOnly, decisionsPerSecond: decisions / (plan.mean / 1000), ratio: plan.p50 / sortOnly.p50 }
}
