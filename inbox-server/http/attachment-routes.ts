// Attachment downloads: to staff who may see the conversation, and to the conversation's own widget visitor
// (`Authorization: Visitor <token>`). Always as a download, never rendered by the browser in the hub's origin.
import { Hono, type Context } from 'hono'
import type { ConsultantRecord, Store } from '../app/ports.ts'
import { canSeeConversation } from '../domain/access-policy.ts'
import { visitorExternalId } from '../realtime/visitor-connection.ts'
import { apiError } from './api-error.ts'
import { presentedToken } from './staff-auth-middleware.ts'

export function attachmentRoutes(deps: { store: Store; authenticate: (token: string) => Promise<ConsultantRecord | null> }) {
  const app = new Hono()

  /** Who asks: a consultant (session or bearer), a widget visitor's contact, or nobody. */
  async function requester(c: Context): Promise<{ consultant: ConsultantRecord } | { contactId: string } | null> {
    const visitor = /^Visitor\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
    if (visitor) {
      const contactId = await deps.store.findContact('webchat', visitorExternalId(visitor))
      return contactId ? { contactId } : null
    }
    const token = presentedToken(c)
    const consultant = token ? await deps.authenticate(token) : null
    return consultant ? { consultant } : null
  }

  app.get('/:id', async (c) => {
    const who = await requester(c)
    if (!who) return apiError(c, 'unauthorized', 'Sign in, or send the widget’s visitor token')
    const id = c.req.param('id')
    const found = /^[A-Za-z0-9_-]{22}$/.test(id) ? await deps.store.readAttachment(id) : null
    // Someone else's attachment is answered like a missing one, so ids cannot be probed.
    const allowed = found && ('consultant' in who ? canSeeConversation(who.consultant, found) : who.contactId === found.contactId)
    if (!found || !allowed || found.info.state === 'failed') return apiError(c, 'not_found', 'No such attachment')
    if (found.info.state === 'pending' || !found.content) return apiError(c, 'attachment_pending', 'The attachment is still being fetched from the provider')
    c.header('Content-Type', found.info.contentType ?? 'application/octet-stream')
    c.header('Content-Length', String(found.content.byteLength))
    c.header('Content-Disposition', contentDisposition(found.info.name ?? `${found.info.kind}-${id.slice(0, 8)}`))
    c.header('X-Content-Type-Options', 'nosniff')
    // Opened anyway (a PDF viewer, a saved HTML file): no scripts, no plugins, no same-origin access.
    c.header('Content-Security-Policy', "default-src 'none'; sandbox")
    c.header('Cross-Origin-Resource-Policy', 'same-origin')
    c.header('Cache-Control', 'private, no-store')
    return c.body(found.content as Uint8Array<ArrayBuffer>)
  })
  return app
}

/** RFC 6266: an ASCII fallback and the UTF-8 name (Polish letters). */
export function contentDisposition(name: string): string {
  const clean = name.replace(/[\r\n"\\/]/g, '_').slice(0, 200)
  const ascii = clean.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(clean)}`
}
