// Routing administration: queues, offices, skills, consultants' routing profiles, presence reasons and entry rules.
// Each write is checked against what exists, stored, and followed by a routing pass when it can make a match.
import type {
  AdminConsultant,
  AdminOffice,
  AdminQueue,
  ConsultantCreate,
  ConsultantPatch,
  EntryRule,
  EntryRuleCreate,
  EntryRulePatch,
  OfficeCreate,
  OfficePatch,
  PresenceReason,
  Disposition,
  QueueCreate,
  QueuePatch,
  Skill,
} from '../../protocol/admin.ts'
import { checkEntryRule, checkQueue, type Known, type Problem } from '../domain/routing/check-routing-setup.ts'
import { addConsultant } from './add-consultant.ts'
import type { WriteResult } from './admin-ports.ts'
import type { AssignWaiting } from './assign-waiting.ts'
import type { Clock, ConsultantRecord, Store } from './ports.ts'

export type AdminOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: 'invalid'; problems: Problem[] }
  | { ok: false; error: 'not_found' | 'conflict' | 'forbidden' | 'in_use'; message: string }

/** Fields a supervisor may change on a consultant; the rest needs an administrator. */
const SUPERVISOR_FIELDS: ReadonlySet<keyof ConsultantPatch> = new Set(['capacity', 'skills', 'queueIds', 'voiceExclusive', 'voiceTarget'])

export function createAdministration(deps: { store: Store; clock: Clock; assignWaiting: AssignWaiting; onCalendarsChanged?: () => void }) {
  const { store } = deps

  async function known(): Promise<Known> {
    const [skills, offices, consultants, queues, calendars] = await Promise.all([
      store.listSkills(),
      store.listAdminOffices(),
      store.listAdminConsultants(),
      store.listAdminQueues(),
      store.listCalendars(),
    ])
    return {
      skills: new Set(skills.map((s) => s.key)),
      officeIds: new Set(offices.map((o) => o.id)),
      consultantIds: new Set(consultants.map((c) => c.id)),
      queueIds: new Set(queues.map((q) => q.id)),
      calendarIds: new Set(calendars.map((c) => c.id)),
    }
  }

  /** A stored write as an outcome; `reroute`: look for matches afterwards (capacity, membership or skills changed). */
  async function stored<T>(w: WriteResult<T>, what: string, reroute: boolean): Promise<AdminOutcome<T>> {
    if (!w.ok) {
      return w.error === 'conflict'
        ? { ok: false, error: 'conflict', message: `${what}: the name, key, topic or IVR digits are already taken` }
        : { ok: false, error: 'not_found', message: `${what}: not found, or it points at something that does not exist` }
    }
    if (reroute) await deps.assignWaiting()
    return { ok: true, value: w.value }
  }

  const invalid = (problems: Problem[]) => ({ ok: false as const, error: 'invalid' as const, problems })

  return {
    async createQueue(q: QueueCreate): Promise<AdminOutcome<AdminQueue>> {
      const problems = checkQueue({ ...q, id: null }, await known())
      if (problems.length) return invalid(problems)
      return stored(await store.insertQueue(q), 'queue', true)
    },
    async patchQueue(id: string, p: QueuePatch): Promise<AdminOutcome<AdminQueue>> {
      const current = (await store.listAdminQueues()).find((q) => q.id === id)
      if (!current) return { ok: false, error: 'not_found', message: 'No such queue' }
      const problems = checkQueue({ ...current, ...p }, await known())
      if (problems.length) return invalid(problems)
      const r = await stored(await store.patchQueue(id, p), 'queue', true)
      if (r.ok && p.calendarId !== undefined) deps.onCalendarsChanged?.()
      return r
    },
    async deleteQueue(id: string): Promise<AdminOutcome<null>> {
      const r = await store.deleteQueue(id)
      if (r.ok) return { ok: true, value: null }
      return r.error === 'not_found'
        ? { ok: false, error: 'not_found', message: 'No such queue' }
        : { ok: false, error: 'in_use', message: 'The queue has open conversations, is a channel’s default or an office’s queue' }
    },

    async createOffice(o: OfficeCreate): Promise<AdminOutcome<AdminOffice>> {
      if (o.calendarId && !(await known()).calendarIds.has(o.calendarId)) return invalid([{ path: 'calendarId', message: 'no such calendar' }])
      return stored(await store.insertOffice(o), 'office', false)
    },
    async patchOffice(id: string, p: OfficePatch): Promise<AdminOutcome<AdminOffice>> {
      if (p.calendarId && !(await known()).calendarIds.has(p.calendarId)) return invalid([{ path: 'calendarId', message: 'no such calendar' }])
      const r = await stored(await store.patchOffice(id, p), 'office', false)
      if (r.ok && p.calendarId !== undefined) deps.onCalendarsChanged?.()
      return r
    },

    createSkill: async (s: Skill): Promise<AdminOutcome<Skill>> => stored(await store.insertSkill(s), 'skill', false),
    patchSkill: async (key: string, name: string): Promise<AdminOutcome<Skill>> => stored(await store.patchSkill(key, name), 'skill', false),
    async deleteSkill(key: string): Promise<AdminOutcome<null>> {
      if (!(await store.deleteSkill(key))) return { ok: false, error: 'not_found', message: 'No such skill' }
      // Queues that required it no longer do: someone may now take what waits there.
      await deps.assignWaiting()
      return { ok: true, value: null }
    },

    async createConsultant(c: ConsultantCreate): Promise<AdminOutcome<AdminConsultant>> {
      const r = await addConsultant(store, c)
      if (!r.ok) return r.error === 'exists' ? { ok: false, error: 'conflict', message: r.message } : invalid([{ path: '', message: r.message }])
      const made = (await store.listAdminConsultants()).find((x) => x.id === r.consultant.id)
      return made ? { ok: true, value: made } : { ok: false, error: 'not_found', message: 'The account vanished' }
    },
    async patchConsultant(by: ConsultantRecord, id: string, p: ConsultantPatch): Promise<AdminOutcome<AdminConsultant>> {
      if (by.role !== 'admin') {
        const extra = Object.keys(p).filter((k) => !SUPERVISOR_FIELDS.has(k as keyof ConsultantPatch))
        if (by.role !== 'supervisor' || extra.length) return { ok: false, error: 'forbidden', message: `Only an administrator may change ${extra.join(', ') || 'consultants'}` }
      }
      if (by.id === id && (p.disabled === true || (p.role !== undefined && p.role !== 'admin' && by.role === 'admin'))) {
        return { ok: false, error: 'forbidden', message: 'You cannot disable yourself or give up your own administrator role' }
      }
      const k = await known()
      const problems: Problem[] = [
        ...(p.skills ?? []).filter((s) => !k.skills.has(s)).map((s) => ({ path: 'skills', message: `no such skill: ${s}` })),
        ...(p.queueIds ?? []).filter((q) => !k.queueIds.has(q)).map((q) => ({ path: 'queueIds', message: `no such queue: ${q}` })),
        ...(p.officeId && !k.officeIds.has(p.officeId) ? [{ path: 'officeId', message: 'no such office' }] : []),
      ]
      if (problems.length) return invalid(problems)
      const { disabled, ...rest } = p
      const update = { ...rest, ...(disabled === undefined ? {} : { disabledAt: disabled ? deps.clock.now() : null }) }
      return stored(await store.updateConsultant(id, update), 'consultant', true)
    },

    createPresenceReason: async (r: PresenceReason): Promise<AdminOutcome<PresenceReason>> => stored(await store.insertPresenceReason(r), 'presence reason', false),
    patchPresenceReason: async (code: string, p: Partial<Omit<PresenceReason, 'code'>>): Promise<AdminOutcome<PresenceReason>> =>
      stored(await store.patchPresenceReason(code, p), 'presence reason', false),

    createDisposition: async (d: Disposition): Promise<AdminOutcome<Disposition>> => stored(await store.insertDisposition(d), 'disposition', false),
    patchDisposition: async (code: string, p: Partial<Omit<Disposition, 'code'>>): Promise<AdminOutcome<Disposition>> =>
      stored(await store.patchDisposition(code, p), 'disposition', false),

    async createEntryRule(r: EntryRuleCreate): Promise<AdminOutcome<EntryRule>> {
      const problems = checkEntryRule(r, await known())
      if (problems.length) return invalid(problems)
      return stored(await store.insertEntryRule(r), 'entry rule', false)
    },
    async patchEntryRule(id: string, p: EntryRulePatch): Promise<AdminOutcome<EntryRule>> {
      const current = (await store.listEntryRules()).find((r) => r.id === id)
      if (!current) return { ok: false, error: 'not_found', message: 'No such entry rule' }
      const problems = checkEntryRule({ ...current, ...p }, await known())
      if (problems.length) return invalid(problems)
      return stored(await store.patchEntryRule(id, p), 'entry rule', false)
    },
    async deleteEntryRule(id: string): Promise<AdminOutcome<null>> {
      return (await store.deleteEntryRule(id)) ? { ok: true, value: null } : { ok: false, error: 'not_found', message: 'No such entry rule' }
    },
  }
}

export type Administration = ReturnType<typeof createAdministration>
