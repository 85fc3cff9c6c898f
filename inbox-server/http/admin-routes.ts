// REST for routing administration (/api/admin/*), the presence reasons and call dispositions every consultant may
// pick, and the supervisor's queue board. Administrators may do everything; supervisors read, and change consultants' routing.
import { Hono, type Context } from 'hono'
import {
  ConsultantCreate,
  ConsultantPatch,
  EntryRuleCreate,
  EntryRulePatch,
  Key,
  OfficeCreate,
  OfficePatch,
  PresenceReasonCreate,
  Disposition,
  DispositionCreate,
  DispositionPatch,
  PresenceReasonPatch,
  QueueCreate,
  QueuePatch,
  Skill,
  SkillPatch,
} from '../../protocol/admin.ts'
import { Id } from '../../protocol/rest.ts'
import type { AdminOutcome, Administration } from '../app/administer-routing.ts'
import type { SlaAdministration } from '../app/administer-sla.ts'
import { CalendarCreate, CalendarPatch, SlaPolicyCreate, SlaPolicyPatch } from '../../protocol/sla.ts'
import type { Store } from '../app/ports.ts'
import type { QueueBoard } from '../../protocol/admin.ts'
import type { Wallboard } from '../../protocol/wallboard.ts'
import { SupervisorPresenceBody } from '../../protocol/admin.ts'
import type { ConsultantRecord } from '../app/ports.ts'
import type { Presence } from '../domain/routing/routing-model.ts'
import { apiError } from './api-error.ts'
import { readJson } from './request-body.ts'
import type { StaffEnv } from './staff-auth-middleware.ts'
import type { z } from 'zod'

type C = Context<StaffEnv>

function answer<T>(c: C, r: AdminOutcome<T>, created = false) {
  if (r.ok) return r.value === null ? c.body(null, 204) : c.json(r.value as object, created ? 201 : 200)
  if (r.error === 'invalid') return apiError(c, 'bad_request', 'The settings are not consistent', r.problems)
  return apiError(c, r.error === 'in_use' ? 'conflict' : r.error, r.message)
}

export function adminRoutes(deps: {
  store: Store
  admin: Administration
  sla: SlaAdministration
  queueBoard: () => Promise<QueueBoard>
  wallboard: () => Promise<Wallboard>
  setPresence: (c: ConsultantRecord, state: Presence, reason: string | null) => Promise<{ ok: true } | { ok: false; error: string }>
}) {
  const app = new Hono<StaffEnv>()
  const role = (c: C) => c.get('consultant').role

  /** Reads: administrators and supervisors. Writes: administrators (consultants' routing: supervisors too). */
  app.use('/admin/*', async (c, next) => {
    const r = role(c)
    if (r === 'admin' || (r === 'supervisor' && (c.req.method === 'GET' || /^\/api\/admin\/consultants\/[^/]+$/.test(c.req.path)))) return next()
    return apiError(c, 'forbidden', 'Routing administration needs an administrator')
  })
  app.use('/supervisor/*', async (c, next) =>
    role(c) === 'admin' || role(c) === 'supervisor' ? next() : apiError(c, 'forbidden', 'The queue board is for supervisors'),
  )

  /** A JSON body validated by `schema`, handed to `fn`; a bad body is answered with 400/415 and nothing changes. */
  async function withBody<S extends z.ZodType, T>(c: C, schema: S, fn: (v: z.infer<S>) => Promise<AdminOutcome<T>>, created = false) {
    const b = await readJson(c, schema)
    if (!b.ok) return apiError(c, b.code, b.message, b.details)
    return answer(c, await fn(b.value), created)
  }
  const idOf = (c: C) => (Id.safeParse(c.req.param('id')).success ? c.req.param('id')! : null)
  const keyOf = (c: C, name: string) => (Key.safeParse(c.req.param(name)).success ? c.req.param(name)! : null)
  const notFound = (c: C) => apiError(c, 'not_found', 'No such item')

  const { admin } = deps
  app.get('/admin/queues', async (c) => c.json({ items: await deps.store.listAdminQueues() }))
  app.post('/admin/queues', (c) => withBody(c, QueueCreate, admin.createQueue, true))
  app.patch('/admin/queues/:id', (c) => {
    const id = idOf(c)
    return id ? withBody(c, QueuePatch, (p) => admin.patchQueue(id, p)) : notFound(c)
  })
  app.delete('/admin/queues/:id', async (c) => {
    const id = idOf(c)
    return id ? answer(c, await admin.deleteQueue(id)) : notFound(c)
  })

  app.get('/admin/offices', async (c) => c.json({ items: await deps.store.listAdminOffices() }))
  app.post('/admin/offices', (c) => withBody(c, OfficeCreate, admin.createOffice, true))
  app.patch('/admin/offices/:id', (c) => {
    const id = idOf(c)
    return id ? withBody(c, OfficePatch, (p) => admin.patchOffice(id, p)) : notFound(c)
  })

  app.get('/admin/skills', async (c) => c.json({ items: await deps.store.listSkills() }))
  app.post('/admin/skills', (c) => withBody(c, Skill, admin.createSkill, true))
  app.patch('/admin/skills/:key', (c) => {
    const key = keyOf(c, 'key')
    return key ? withBody(c, SkillPatch, (p) => admin.patchSkill(key, p.name)) : notFound(c)
  })
  app.delete('/admin/skills/:key', async (c) => {
    const key = keyOf(c, 'key')
    return key ? answer(c, await admin.deleteSkill(key)) : notFound(c)
  })

  app.get('/admin/consultants', async (c) => c.json({ items: await deps.store.listAdminConsultants() }))
  app.post('/admin/consultants', (c) => withBody(c, ConsultantCreate, admin.createConsultant, true))
  app.patch('/admin/consultants/:id', (c) => {
    const id = idOf(c)
    return id ? withBody(c, ConsultantPatch, (p) => admin.patchConsultant(c.get('consultant'), id, p)) : notFound(c)
  })

  app.get('/admin/presence-reasons', async (c) => c.json({ items: await deps.store.listPresenceReasons() }))
  app.post('/admin/presence-reasons', (c) => withBody(c, PresenceReasonCreate, admin.createPresenceReason, true))
  app.patch('/admin/presence-reasons/:code', (c) => {
    const code = keyOf(c, 'code')
    return code ? withBody(c, PresenceReasonPatch, (p) => admin.patchPresenceReason(code, p)) : notFound(c)
  })

  app.get('/admin/dispositions', async (c) => c.json({ items: await deps.store.listDispositions() }))
  app.post('/admin/dispositions', (c) => withBody(c, DispositionCreate, admin.createDisposition, true))
  app.patch('/admin/dispositions/:code', (c) => {
    const code = Disposition.shape.code.safeParse(c.req.param('code')).success ? c.req.param('code') : null
    return code ? withBody(c, DispositionPatch, (p) => admin.patchDisposition(code, p)) : notFound(c)
  })

  app.get('/admin/entry-rules', async (c) => c.json({ items: await deps.store.listEntryRules() }))
  app.post('/admin/entry-rules', (c) => withBody(c, EntryRuleCreate, admin.createEntryRule, true))
  app.patch('/admin/entry-rules/:id', (c) => {
    const id = idOf(c)
    return id ? withBody(c, EntryRulePatch, (p) => admin.patchEntryRule(id, p)) : notFound(c)
  })
  app.delete('/admin/entry-rules/:id', async (c) => {
    const id = idOf(c)
    return id ? answer(c, await admin.deleteEntryRule(id)) : notFound(c)
  })

  const { sla } = deps
  app.get('/admin/calendars', async (c) => c.json({ items: await deps.store.listCalendars() }))
  app.post('/admin/calendars', (c) => withBody(c, CalendarCreate, sla.createCalendar, true))
  app.patch('/admin/calendars/:id', (c) => {
    const id = idOf(c)
    return id ? withBody(c, CalendarPatch, (p) => sla.patchCalendar(id, p)) : notFound(c)
  })
  app.delete('/admin/calendars/:id', async (c) => {
    const id = idOf(c)
    return id ? answer(c, await sla.deleteCalendar(id)) : notFound(c)
  })

  app.get('/admin/sla-policies', async (c) => c.json({ items: await deps.store.listSlaPolicies() }))
  app.post('/admin/sla-policies', (c) => withBody(c, SlaPolicyCreate, sla.createPolicy, true))
  app.patch('/admin/sla-policies/:id', (c) => {
    const id = idOf(c)
    return id ? withBody(c, SlaPolicyPatch, (p) => sla.patchPolicy(id, p)) : notFound(c)
  })
  app.delete('/admin/sla-policies/:id', async (c) => {
    const id = idOf(c)
    return id ? answer(c, await sla.deletePolicy(id)) : notFound(c)
  })

  app.get('/me/routing', async (c) => {
    const me = c.get('consultant')
    const [all, load] = await Promise.all([deps.store.listAdminConsultants(), deps.store.consultantLoad(me.id)])
    const mine = all.find((x) => x.id === me.id)
    if (!mine) return apiError(c, 'not_found', 'No such consultant')
    return c.json({ presence: mine.presence, presenceReason: mine.presenceReason, capacity: mine.capacity, load, skills: mine.skills, queueIds: mine.queueIds })
  })
  app.get('/dispositions', async (c) => c.json({ items: (await deps.store.listDispositions()).filter((d) => d.active) }))
  app.get('/presence-reasons', async (c) => c.json({ items: (await deps.store.listPresenceReasons()).filter((r) => r.active) }))
  app.get('/supervisor/queues', async (c) => c.json(await deps.queueBoard()))
  app.get('/supervisor/wallboard', async (c) => c.json(await deps.wallboard()))
  app.post('/supervisor/consultants/:id/presence', async (c) => {
    const id = idOf(c)
    const who = id ? await deps.store.findConsultantById(id) : null
    if (!who || who.disabled) return notFound(c)
    const b = await readJson(c, SupervisorPresenceBody)
    if (!b.ok) return apiError(c, b.code, b.message, b.details)
    const r = await deps.setPresence(who, b.value.state, b.value.reason ?? null)
    return r.ok ? c.json({ id: who.id, state: b.value.state }) : apiError(c, 'bad_request', 'No such active reason for that presence')
  })
  return app
}
