// REST v1 over conversations: lists, one conversation, its timeline, and staff messages.
import { PriorityBody, SetLabelsBody } from '../../protocol/workflow.ts'
import type { ConversationAttributes } from '../app/conversation-attributes.ts'
import { viewFilter } from '../domain/list-views.ts'
import { Hono } from 'hono'
import type { WrapUpOutcome } from '../app/after-call-work.ts'
import { WrapUpBody, AssignBody, ChangeStatusBody, ConversationListQuery, EscalateBody, EventListQuery, HandBackBody, Id, PostMessage, TransferBody } from '../../protocol/rest.ts'
import type { createEscalation } from '../app/escalate-conversation.ts'
import type { TransferOutcome, TransferTarget } from '../app/transfer-conversation.ts'
import type { ChangeStatusOutcome } from '../app/change-status.ts'
import type { PickOutcome } from '../app/pick-conversation.ts'
import type { StaffStatusTarget } from '../domain/staff-status-change.ts'
import type { ConsultantRecord, SendOutcome, Store } from '../app/ports.ts'
import { canSeeConversation, officeScope } from '../domain/access-policy.ts'
import type { StaffMessage } from '../app/send-staff-message.ts'
import type { PresentConversations } from '../app/present-conversations.ts'
import { apiError } from './api-error.ts'
import { readJson, validate } from './request-body.ts'
import type { StaffEnv } from './staff-auth-middleware.ts'

export function conversationRoutes(deps: {
  store: Store
  sendStaffMessage: (m: StaffMessage) => Promise<SendOutcome>
  changeStatus: (m: { consultant: ConsultantRecord; conversationId: string; status: StaffStatusTarget }) => Promise<ChangeStatusOutcome>
  pick: (m: { consultant: ConsultantRecord; conversationId: string }) => Promise<PickOutcome>
  transfer: (m: { by: ConsultantRecord; conversationId: string; to: TransferTarget; note: string | null; onlyIfWaiting?: boolean }) => Promise<TransferOutcome>
  escalation: ReturnType<typeof createEscalation>
  present: PresentConversations
  wrapUp: (by: ConsultantRecord, conversationId: string, disposition: string, note: string | null) => Promise<WrapUpOutcome>
  attributes: ConversationAttributes
}) {
  const app = new Hono<StaffEnv>()

  /** The conversation if this consultant may see it; otherwise null, answered as 404 so its existence stays hidden. */
  async function visible(c: { get(k: 'consultant'): ConsultantRecord }, raw: string) {
    const id = Id.safeParse(raw)
    const conv = id.success ? await deps.store.getConversation(id.data) : null
    return conv && canSeeConversation(c.get('consultant'), conv) ? conv : null
  }

  app.get('/', async (c) => {
    const q = validate(ConversationListQuery, c.req.query())
    if (!q.ok) return apiError(c, q.code, q.message, q.details)
    const scope = officeScope(c.get('consultant'))
    if (scope === null) return c.json({ items: [], next: null })
    const { view, assignee, status, channel, queue, cursor, limit, sort, breached, label, q: search } = q.value
    const me = c.get('consultant')
    // A view sets its own defaults; the filters given beside it narrow it further.
    const byView = view ? viewFilter(view, me) : {}
    const r = await deps.store.listConversationViews(
      {
        ...byView,
        ...(status ? { status } : {}),
        channel,
        queueId: queue,
        ...(assignee ? { assigneeId: assignee === 'me' ? me.id : assignee === 'none' ? null : assignee } : {}),
        ...(scope === 'all' ? {} : { officeId: scope }),
        ...(breached === undefined ? {} : { slaBreached: breached === 'true' }),
        ...(label ? { labelId: label } : {}),
        ...(search ? { search } : {}),
      },
      { cursor: cursor ?? null, limit, sort },
    )
    if ('error' in r) return apiError(c, 'bad_cursor', 'The cursor is not one this server gave out')
    return c.json({ items: await deps.present(r.items), next: r.next })
  })

  app.post('/:id/wrap-up', async (c) => {
    const id = Id.safeParse(c.req.param('id'))
    if (!id.success || !(await visible(c, id.data))) return apiError(c, 'not_found', 'No such conversation')
    const body = await readJson(c, WrapUpBody)
    if (!body.ok) return apiError(c, body.code, body.message, body.details)
    const r = await deps.wrapUp(c.get('consultant'), id.data, body.value.disposition, body.value.note ?? null)
    if (r.ok) return c.json({ items: r.events }, 201)
    if (r.error === 'not_found') return apiError(c, 'not_found', 'No such conversation')
    if (r.error === 'not_a_call') return apiError(c, 'conflict', 'Only calls are wrapped up')
    if (r.error === 'unknown_disposition') return apiError(c, 'bad_request', 'No such active disposition code (GET /api/dispositions lists them)')
    return apiError(c, 'forbidden', 'Only the consultant who took the call (or a supervisor) wraps it up')
  })

  app.get('/:id', async (c) => {
    const conv = (await visible(c, c.req.param('id'))) ? await deps.store.getConversationView(c.req.param('id')) : null
    return conv ? c.json((await deps.present([conv]))[0]) : apiError(c, 'not_found', 'No such conversation')
  })

  // Every write below goes through the same check first.
  app.on(['POST', 'PUT'], '/:id/*', async (c, next) => {
    if (!(await visible(c, c.req.param('id')))) return apiError(c, 'not_found', 'No such conversation')
    await next()
  })

  app.get('/:id/events', async (c) => {
    const id = Id.safeParse(c.req.param('id'))
    const q = validate(EventListQuery, c.req.query())
    if (!q.ok) return apiError(c, q.code, q.message, q.details)
    if (!id.success || !(await visible(c, id.data))) return apiError(c, 'not_found', 'No such conversation')
    return c.json({ items: await deps.store.listEvents(id.data, q.value.after, q.value.limit) })
  })

  app.post('/:id/messages', async (c) => {
    const id = Id.safeParse(c.req.param('id'))
    if (!id.success) return apiError(c, 'not_found', 'No such conversation')
    const body = await readJson(c, PostMessage)
    if (!body.ok) return apiError(c, body.code, body.message, body.details)
    const r = await deps.sendStaffMessage({
      consultant: c.get('consultant'),
      conversationId: id.data,
      clientId: body.value.clientId,
      text: body.value.text,
      private: body.value.private ?? false,
      ...(body.value.mentions ? { mentions: body.value.mentions } : {}),
      ...(body.value.attachmentIds ? { attachmentIds: body.value.attachmentIds } : {}),
    })
    if (!r.ok) return apiError(c, r.error, r.message ?? 'No such conversation')
    return c.json(r.event, r.duplicate ? 200 : 201)
  })

  app.put('/:id/labels', async (c) => {
    const body = await readJson(c, SetLabelsBody)
    if (!body.ok) return apiError(c, body.code, body.message, body.details)
    const r = await deps.attributes.setLabels(c.get('consultant'), c.req.param('id'), body.value.labelIds)
    if (r.ok) return c.json({ event: r.event })
    return r.error === 'unknown_label' ? apiError(c, 'bad_request', 'No such label (GET /api/labels lists them)') : apiError(c, 'not_found', 'No such conversation')
  })

  app.post('/:id/priority', async (c) => {
    const body = await readJson(c, PriorityBody)
    if (!body.ok) return apiError(c, body.code, body.message, body.details)
    const r = await deps.attributes.setPriority(c.get('consultant'), c.req.param('id'), body.value.priority)
    return r.ok ? c.json({ event: r.event }) : apiError(c, 'not_found', 'No such conversation')
  })

  app.post('/:id/pick', async (c) => {
    const id = Id.safeParse(c.req.param('id'))
    if (!id.success) return apiError(c, 'not_found', 'No such conversation')
    const r = await deps.pick({ consultant: c.get('consultant'), conversationId: id.data })
    if (r.ok) return c.json(r.event, 201)
    if (r.error === 'not_found') return apiError(c, 'not_found', 'No such conversation')
    return apiError(c, 'conflict', 'The conversation is no longer waiting: someone else has it')
  })

  app.post('/:id/transfer', async (c) => {
    const id = Id.safeParse(c.req.param('id'))
    if (!id.success) return apiError(c, 'not_found', 'No such conversation')
    const body = await readJson(c, TransferBody)
    if (!body.ok) return apiError(c, body.code, body.message, body.details)
    const { queueId, consultantId, note } = body.value
    const r = await deps.transfer({
      by: c.get('consultant'),
      conversationId: id.data,
      to: queueId ? { queueId } : { consultantId: consultantId! },
      note: note || null,
    })
    if (r.ok) return c.json(r.event, 201)
    if (r.error === 'not_found') return apiError(c, 'not_found', 'No such conversation')
    if (r.error === 'target_not_found') return apiError(c, 'not_found', 'No such queue or active consultant to transfer to')
    return apiError(c, 'conflict', 'A resolved conversation cannot be transferred')
  })

  app.post('/:id/assign', async (c) => {
    const by = c.get('consultant')
    if (by.role !== 'supervisor' && by.role !== 'admin') return apiError(c, 'forbidden', 'Assigning by hand is for supervisors')
    const body = await readJson(c, AssignBody)
    if (!body.ok) return apiError(c, body.code, body.message, body.details)
    const r = await deps.transfer({ by, conversationId: c.req.param('id'), to: { consultantId: body.value.consultantId }, note: body.value.note || null, onlyIfWaiting: true })
    if (r.ok) return c.json(r.event, 201)
    if (r.error === 'not_found') return apiError(c, 'not_found', 'No such conversation')
    if (r.error === 'target_not_found') return apiError(c, 'not_found', 'No such active consultant')
    return apiError(c, 'conflict', 'It is no longer waiting: someone took it, or it was resolved')
  })

  app.post('/:id/escalate', async (c) => {
    const body = await readJson(c, EscalateBody)
    if (!body.ok) return apiError(c, body.code, body.message, body.details)
    const { officeId, region, note } = body.value
    const r = await deps.escalation.escalate({
      by: c.get('consultant'),
      conversationId: c.req.param('id'),
      ...(officeId ? { officeId } : {}),
      ...(region ? { region } : {}),
      note: note || null,
    })
    if (r.ok) return c.json(r.event, 201)
    if (r.error === 'not_found') return apiError(c, 'not_found', 'No such conversation')
    if (r.error === 'no_region') return apiError(c, 'bad_request', 'The citizen’s region is not known: give a TERYT region or an office')
    if (r.error === 'no_office') return apiError(c, 'not_found', 'No local office serves that region (or no such office)')
    return apiError(c, 'conflict', 'A resolved conversation cannot be escalated')
  })

  app.post('/:id/hand-back', async (c) => {
    const body = await readJson(c, HandBackBody)
    if (!body.ok) return apiError(c, body.code, body.message, body.details)
    const r = await deps.escalation.handBack({ by: c.get('consultant'), conversationId: c.req.param('id'), note: body.value.note || null })
    if (r.ok) return c.json(r.event, 201)
    if (r.error === 'not_found') return apiError(c, 'not_found', 'No such conversation')
    return apiError(c, 'conflict', 'Only an escalated, open conversation can be handed back')
  })

  app.post('/:id/status', async (c) => {
    const id = Id.safeParse(c.req.param('id'))
    if (!id.success) return apiError(c, 'not_found', 'No such conversation')
    const body = await readJson(c, ChangeStatusBody)
    if (!body.ok) return apiError(c, body.code, body.message, body.details)
    const v = body.value
    const status = v.status === 'snoozed' ? { status: v.status, until: new Date(v.until) } : { status: v.status }
    const r = await deps.changeStatus({ consultant: c.get('consultant'), conversationId: id.data, status })
    if (r.ok) return c.json(r.event, 201)
    if (r.error === 'not_found') return apiError(c, 'not_found', 'No such conversation')
    if (r.error === 'bad_time') return apiError(c, 'bad_request', 'Snooze until a time in the future, at most 90 days ahead')
    return apiError(c, 'conflict', r.error === 'no_change' ? 'The conversation already has this status' : 'This status change is not allowed')
  })

  return app
}
