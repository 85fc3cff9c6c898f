// Files a consultant sends with a reply: uploaded first (multipart, one file, at most 25 MB, documents and images
// only), then named by id in the message (`attachmentIds`). Uploads never sent are swept after a day.
import { randomBytes } from 'node:crypto'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { MAX_ATTACHMENT_BYTES, STAFF_UPLOAD_TYPES } from '../../protocol/attachments.ts'
import type { Clock, Store } from '../app/ports.ts'
import { apiError } from './api-error.ts'
import type { StaffEnv } from './staff-auth-middleware.ts'

/** A file name fit to keep: no path, no control characters, at most 200 characters. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? ''
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200)
  return clean || 'plik'
}

export function uploadRoutes(deps: { store: Store; clock: Clock }) {
  const app = new Hono<StaffEnv>()
  app.post(
    '/',
    bodyLimit({ maxSize: MAX_ATTACHMENT_BYTES + 64 * 1024, onError: (c) => apiError(c, 'payload_too_large', 'A file may have at most 25 MB') }),
    async (c) => {
      if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
        return apiError(c, 'unsupported_media_type', 'Send the file as multipart/form-data, in the field "file"')
      }
      const body = await c.req.parseBody().catch(() => null)
      const file = body?.file
      if (!(file instanceof File)) return apiError(c, 'bad_request', 'Send one file in the field "file"')
      const type = file.type.split(';')[0]!.trim().toLowerCase()
      if (!Object.hasOwn(STAFF_UPLOAD_TYPES, type)) return apiError(c, 'unsupported_media_type', 'Only images, PDF, text and office documents can be sent')
      if (file.size === 0) return apiError(c, 'bad_request', 'The file is empty')
      if (file.size > MAX_ATTACHMENT_BYTES) return apiError(c, 'payload_too_large', 'A file may have at most 25 MB')
      const id = randomBytes(16).toString('base64url')
      const name = cleanFileName(file.name)
      await deps.store.insertUpload({ id, consultantId: c.get('consultant').id, name, contentType: type, content: new Uint8Array(await file.arrayBuffer()), at: deps.clock.now() })
      return c.json({ id, name, contentType: type, size: file.size }, 201)
    },
  )
  return app
}
