// The one place where expected failures become HTTP status codes and JSON error bodies.
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

const STATUS = {
  bad_request: 400,
  bad_json: 400,
  bad_cursor: 400,
  unauthorized: 401,
  bad_credentials: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  outside_reply_window: 409,
  opted_out: 409,
  attachments_refused: 409,
  attachment_pending: 409,
  identity_taken: 409,
  too_long: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  upgrade_required: 426,
  throttled: 429,
  internal: 500,
  console_not_built: 503,
} as const satisfies Record<string, ContentfulStatusCode>

export type ApiErrorCode = keyof typeof STATUS

export function apiError(c: Context, code: ApiErrorCode, message: string, details?: unknown) {
  return c.json({ error: { code, message, ...(details === undefined ? {} : { details }) } }, STATUS[code])
}
