// REST over contacts for staff: search, detail with every channel's identities and conversations, edits, linking
// an identity by hand, and merging two contacts. Second-line staff see conversations of their office only, so the
// contact directory (all channels, all offices) is for the first line, supervisors and administrators.
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { Id, LinkIdentityBody, MergeContactsBody, UpdateContactBody } from '../../protocol/rest.ts'
import type { Clock, Store } from '../app/ports.ts'
import { apiError } from './api-error.ts'
import { readJson, validate } from './request-body.ts'
import type { StaffEnv } from './staff-auth-middleware.ts'

const SearchQuery = z.object({ q: z.string().trim().min(2).max(200), limit: z.coerce.number().int().min(1).max(50).default(20) })

export function contactRoutes(deps: { store: Store; clock: Clock }) {
  const app = new Hono<StaffEnv>()
  app.use('*', async (c, next) => {
    if (c.get('consultant').role === 'second_line') return apiError(c, 'forbidden', 'Contacts are for the first line, supervisors and administrators')
    await next()
  })

  const detail = async (c: Context<StaffEnv>, id: string, status: 200 | 201 = 200) => {
    const d = await deps.store.contactDetail(id)
    return d ? c.json(d, status) : apiError(c, 'not_found', 'No such contact')
  }

  app.get('/', async (c) => {
    const q = validate(SearchQuery, c.req.query())
    if (!q.ok) return apiError(c, q.code, q.message, q.details)
    return c.json({ items: await deps.store.searchContacts(q.value.q, q.value.limit) })
  })

  app.get('/:id', async (c) => {
    const id = Id.safeParse(c.req.param('id'))
    return id.success ? detail(c, id.data) : apiError(c, 'not_found', 'No such contact')
  })

  app.patch('/:id', async (c) => {
    const id = Id.safeParse(c.req.param('id'))
    if (!id.success) return apiError(c, 'not_found', 'No such contact')
    const body = await readJson(c, UpdateContactBody)
    if (!body.ok) return apiError(c, body.code, body.message, body.details)
    if (!(await deps.store.updateContact(id.data, body.value, deps.clock.now()))) return apiError(c, 'not_found', 'No such contact')
    return detail(c, id.data)
  })

  app.post('/:id/identities', async (c) => {
    const id = Id.safeParse(c.req.param('id'))
    if (!id.success) return apiError(c, 'not_found', 'No such contact')
    const body = await readJson(c, LinkIdentityBody)
    if (!body.ok) return apiError(c, body.code, body.message, body.details)
    const r = await deps.store.linkIdentity(id.data, body.value.channel, body.value.externalId, deps.clock.now())
    if (r.ok) return detail(c, id.data, 201)
    if (r.error === 'not_found') return apiError(c, 'not_found', 'No such contact')
    return apiError(c, 'identity_taken', 'Another contact has this identity; merge the two contacts instead', { contactId: r.contactId })
  })

  app.post('/:id/merge', async (c) => {
    const id = Id.safeParse(c.req.param('id'))
    if (!id.success) return apiError(c, 'not_found', 'No such contact')
    const body = await readJson(c, MergeContactsBody)
    if (!body.ok) return apiError(c, body.code, body.message, body.details)
    if (body.value.from === id.data) return apiError(c, 'bad_request', 'A contact cannot be merged into itself')
    const r = await deps.store.mergeContacts(id.data, body.value.from, deps.clock.now())
    if (!r.ok) return apiError(c, 'not_found', 'No such contact (or it was merged already)')
    return detail(c, id.data)
  })
  return app
}
