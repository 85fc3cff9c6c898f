// Administration of service levels: business calendars and SLA policies, checked before they are stored; every
// change refreshes this node's SLA context at once (other nodes within 30 s).
import type { Calendar, SlaPolicy, SlaPolicyCreate, SlaPolicyPatch } from '../../protocol/sla.ts'
import { parseBusinessCalendar } from '../domain/calendar/parse-business-calendar.ts'
import type { Problem } from '../domain/routing/check-routing-setup.ts'
import type { AdminOutcome } from './administer-routing.ts'
import type { Store } from './ports.ts'

type PolicySettings = Omit<SlaPolicy, 'id'>

/** A policy needs a target, and what it points at must exist. */
function checkPolicy(p: PolicySettings, queueIds: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = []
  if (p.firstResponseSeconds === null && p.nextResponseSeconds === null && p.resolutionSeconds === null) {
    problems.push({ path: 'firstResponseSeconds', message: 'give at least one target: first response, next response or resolution' })
  }
  if (p.queueId !== null && !queueIds.has(p.queueId)) problems.push({ path: 'queueId', message: 'no such queue' })
  if (p.onBreach === 'reroute' && p.rerouteQueueId === null) problems.push({ path: 'rerouteQueueId', message: 'a policy that re-routes needs the queue to re-route to' })
  if (p.rerouteQueueId !== null && !queueIds.has(p.rerouteQueueId)) problems.push({ path: 'rerouteQueueId', message: 'no such queue' })
  if (p.onBreach === 'raise_priority' && p.breachPriorityBoost <= 0) problems.push({ path: 'breachPriorityBoost', message: 'a policy that raises the priority needs a boost above 0' })
  return problems
}

export function createSlaAdministration(deps: { store: Store; invalidate: () => void }) {
  const { store } = deps
  const invalid = (problems: Problem[]) => ({ ok: false as const, error: 'invalid' as const, problems })
  const queueIds = async () => new Set((await store.listAdminQueues()).map((q) => q.id))

  function done<T>(w: { ok: true; value: T } | { ok: false; error: 'conflict' | 'not_found' }, what: string): AdminOutcome<T> {
    if (!w.ok) return { ok: false, error: w.error, message: w.error === 'conflict' ? `${what}: the name is already taken` : `No such ${what}` }
    deps.invalidate()
    return { ok: true, value: w.value }
  }

  return {
    async createCalendar(c: Omit<Calendar, 'id'>): Promise<AdminOutcome<Calendar>> {
      const parsed = parseBusinessCalendar(c.definition)
      if (!parsed.ok) return invalid(parsed.problems.map((p) => ({ path: `definition.${p.path}`, message: p.message })))
      return done(await store.insertCalendar(c), 'calendar')
    },
    async patchCalendar(id: string, p: Partial<Omit<Calendar, 'id'>>): Promise<AdminOutcome<Calendar>> {
      if (p.definition) {
        const parsed = parseBusinessCalendar(p.definition)
        if (!parsed.ok) return invalid(parsed.problems.map((x) => ({ path: `definition.${x.path}`, message: x.message })))
      }
      return done(await store.patchCalendar(id, p), 'calendar')
    },
    async deleteCalendar(id: string): Promise<AdminOutcome<null>> {
      const r = await store.deleteCalendar(id)
      if (r.ok) {
        deps.invalidate()
        return { ok: true, value: null }
      }
      return r.error === 'not_found' ? { ok: false, error: 'not_found', message: 'No such calendar' } : { ok: false, error: 'in_use', message: 'A queue or an office keeps this calendar' }
    },

    async createPolicy(p: SlaPolicyCreate): Promise<AdminOutcome<SlaPolicy>> {
      const problems = checkPolicy(p, await queueIds())
      if (problems.length) return invalid(problems)
      return done(await store.insertSlaPolicy(p), 'SLA policy')
    },
    async patchPolicy(id: string, p: SlaPolicyPatch): Promise<AdminOutcome<SlaPolicy>> {
      const current = (await store.listSlaPolicies()).find((x) => x.id === id)
      if (!current) return { ok: false, error: 'not_found', message: 'No such SLA policy' }
      const problems = checkPolicy({ ...current, ...p }, await queueIds())
      if (problems.length) return invalid(problems)
      return done(await store.patchSlaPolicy(id, p), 'SLA policy')
    },
    async deletePolicy(id: string): Promise<AdminOutcome<null>> {
      if (!(await store.deleteSlaPolicy(id))) return { ok: false, error: 'not_found', message: 'No such SLA policy' }
      deps.invalidate()
      return { ok: true, value: null }
    },
  }
}

export type SlaAdministration = ReturnType<typeof createSlaAdministration>
