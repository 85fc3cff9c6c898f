// REST for the inbox workflow: labels and canned responses (everyone reads; administrators and supervisors keep
// them under /api/admin/…), and each consultant's notifications (mentions), which they mark read.
import { Hono, type Context } from 'hono'
import type { z } from 'zod'
import { Id } from '../../protocol/rest.ts'
import { CannedResponseCreate, CannedResponsePatch, CannedResponseQuery, LabelCreate, LabelPatch, MarkReadBody } from '../../protocol/workflow.ts'
import type { WriteResult } from '../app/admin-ports.ts'
import type { Clock, Store } from '../app/ports.ts'
import { apiError } from './api-error.ts'
import { readJson, validate } from './request-body.ts'
import type { StaffEnv } from './staff-auth-middleware.ts'

type C = Context<StaffEnv>

export function workflowRoutes(deps: { store: Store; clock: Clock }) {
  const app = new Hono<StaffEnv>()
  const { store } = deps

  /** Labels and canned responses are kept by administrators and supervisors. */
  app.use('/admin/labels/*', keepers)
  app.use('/admin/labels', keepers)
  app.use('/admin/canned-responses/*', keepers)
  app.use('/admin/canned-responses', keepers)
  async function keepers(c: C, next: () => Promise<void>) {
    const role = c.get('consultant').role
    if (role === 'admin' || role === 'supervisor') return next()
    return apiError(c, 'forbidden', 'Labels and canned responses are kept by administrators and supervisors')
  }

  function answer<T>(c: C, r: WriteResult<T>, what: string, created = false) {
    if (r.ok) return c.json(r.value as object, created ? 201 : 200)
    return r.error === 'conflict' ? apiError(c, 'conflict', `A ${what} with that name or shortcut exists`) : apiError(c, 'not_found', `No such ${what}`)
  }
  async function withBody<S extends z.ZodType>(c: C, schema: S, fn: (v: z.infer<S>) => Promise<Response>) {
    const b = await readJson(c, schema)
    return b.ok ? fn(b.value) : apiError(c, b.code, b.message, b.details)
  }
  const idOf = (c: C) => (Id.safeParse(c.req.param('id')).success ? c.req.param('id')! : null)
  const gone = (c: C, what: string) => apiError(c, 'not_found', `No such ${what}`)

  app.get('/labels', async (c) => c.json({ items: await store.listLabels() }))
  app.get('/admin/labels', async (c) => c.json({ items: await store.listLabels() }))
  app.post('/admin/labels', (c) => withBody(c, LabelCreate, async (v) => answer(c, await store.insertLabel(v), 'label', true)))
  app.patch('/admin/labels/:id', (c) => {
    const id = idOf(c)
    return id ? withBody(c, LabelPatch, async (v) => answer(c, await store.patchLabel(id, v), 'label')) : gone(c, 'label')
  })
  app.delete('/admin/labels/:id', async (c) => {
    const id = idOf(c)
    return id && (await store.deleteLabel(id)) ? c.body(null, 204) : gone(c, 'label')
  })

  app.get('/canned-responses', async (c) => {
    const q = validate(CannedResponseQuery, c.req.query())
    if (!q.ok) return apiError(c, q.code, q.message, q.details)
    return c.json({ items: await store.listCannedResponses(q.value.q || undefined) })
  })
  app.get('/admin/canned-responses', async (c) => c.json({ items: await store.listCannedResponses() }))
  app.post('/admin/canned-responses', (c) => withBody(c, CannedResponseCreate, async (v) => answer(c, await store.insertCannedResponse(v), 'canned response', true)))
  app.patch('/admin/canned-responses/:id', (c) => {
    const id = idOf(c)
    return id ? withBody(c, CannedResponsePatch, async (v) => answer(c, await store.patchCannedResponse(id, v), 'canned response')) : gone(c, 'canned response')
  })
  app.delete('/admin/canned-responses/:id', async (c) => {
    const id = idOf(c)
    return id && (await store.deleteCannedResponse(id)) ? c.body(null, 204) : gone(c, 'canned response')
  })

  app.get('/notifications', async (c) => c.json(await store.listNotifications(c.get('consultant').id, 50)))
  app.post('/notifications/read', (c) =>
    withBody(c, MarkReadBody, async (v) => c.json({ marked: await store.markNotificationsRead(c.get('consultant').id, v, deps.clock.now()) })),
  )
  return app
}
