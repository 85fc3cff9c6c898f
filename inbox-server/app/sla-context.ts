// What SLA clocks run on, cached per node: policies, calendars and which queue or office keeps which calendar.
// Read before a transaction (PGlite has one connection), refreshed every 30 s and at once after an admin change here.
import type { ChannelKind } from '../../protocol/channel.ts'
import type { SlaPolicy } from '../../protocol/sla.ts'
import { DEFAULT_CALENDAR, ROUND_THE_CLOCK, type BusinessCalendar } from '../domain/calendar/business-calendar.ts'
import { addBusinessTime, businessTimeBetween } from '../domain/calendar/business-time.ts'
import { parseBusinessCalendar } from '../domain/calendar/parse-business-calendar.ts'
import { choosePolicy } from '../domain/sla/choose-policy.ts'
import type { BusinessTime, SlaTargets } from '../domain/sla/sla-clocks.ts'
import type { Clock, Logger, Store } from './ports.ts'

const REFRESH_MS = 30_000

export interface SlaRules {
  policy: SlaPolicy
  targets: SlaTargets
  time: BusinessTime
  /** The calendar the business time follows. */
  calendar: BusinessCalendar
}

export interface SlaContext {
  /** No policy at all: nothing to keep (no reads on the hot path). */
  empty: boolean
  /** Some policy re-routes on a breach (the timer then needs the queues). */
  reroutes: boolean
  policyById(id: string): SlaPolicy | undefined
  /** The policy for a conversation as it is now (queue, channel, priority), or null: no clocks. */
  choose(c: { queueId: string | null; channelKind: ChannelKind; priority: number }): SlaPolicy | null
  /** The calendar a queue keeps (its opening hours), or null when it keeps none. */
  queueCalendar(queueId: string): BusinessCalendar | null
  /** Targets and business time of a policy for a conversation: the office's calendar once escalated, else the queue's. */
  rules(policy: SlaPolicy, c: { queueId: string | null; officeId: string | null }): SlaRules
}

function businessTime(cal: BusinessCalendar): BusinessTime {
  return { between: (a, b) => businessTimeBetween(a, b, cal), add: (s, ms) => addBusinessTime(s, ms, cal) }
}

const seconds = (s: number | null) => (s === null ? null : s * 1000)

export function createSlaContexts(deps: { store: Store; clock: Clock; log: Logger }) {
  let cached: { at: number; value: Promise<SlaContext> } | null = null

  async function load(): Promise<SlaContext> {
    const [policies, calendars, assigned] = await Promise.all([deps.store.listSlaPolicies(), deps.store.listCalendars(), deps.store.calendarAssignments()])
    const byId = new Map<string, BusinessCalendar>()
    for (const c of calendars) {
      const parsed = parseBusinessCalendar(c.definition)
      if (parsed.ok) byId.set(c.id, parsed.calendar)
      else deps.log.warn({ calendarId: c.id, problems: parsed.problems }, 'stored calendar is invalid; the default applies')
    }
    const times = new Map<BusinessCalendar, BusinessTime>()
    const timeOf = (cal: BusinessCalendar) => times.get(cal) ?? (times.set(cal, businessTime(cal)), times.get(cal)!)
    const policyById = new Map(policies.map((p) => [p.id, p]))
    return {
      empty: policies.length === 0,
      reroutes: policies.some((p) => p.onBreach === 'reroute'),
      policyById: (id) => policyById.get(id),
      choose: (c) => choosePolicy(policies, c),
      queueCalendar(queueId) {
        const calId = assigned.queues.get(queueId)
        return calId ? (byId.get(calId) ?? null) : null
      },
      rules(policy, c) {
        const calId = (c.officeId ? assigned.offices.get(c.officeId) : undefined) ?? (c.queueId ? assigned.queues.get(c.queueId) : undefined)
        const cal = !policy.businessHours ? ROUND_THE_CLOCK : ((calId ? byId.get(calId) : undefined) ?? DEFAULT_CALENDAR)
        return {
          policy,
          targets: {
            firstResponseMs: seconds(policy.firstResponseSeconds),
            nextResponseMs: seconds(policy.nextResponseSeconds),
            resolutionMs: seconds(policy.resolutionSeconds),
            warnRatio: policy.warnPercent / 100,
          },
          time: timeOf(cal),
          calendar: cal,
        }
      },
    }
  }

  return {
    get(): Promise<SlaContext> {
      const now = deps.clock.now().getTime()
      if (!cached || now - cached.at > REFRESH_MS) {
        const value = load()
        cached = { at: now, value }
        value.catch(() => (cached = null))
      }
      return cached.value
    },
    /** After an administrator changed policies or calendars on this node. */
    invalidate() {
      cached = null
    },
  }
}

export type SlaContexts = ReturnType<typeof createSlaContexts>
