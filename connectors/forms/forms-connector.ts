// Web contact forms on the portal: POST /connectors/forms/:formId, JSON or form-encoded. Each form is allowed by
// its secret (header X-Form-Secret, for a server-side post) or by the page's origin (a browser post); a honeypot
// field and a rate limit per address keep bots out. Forms are answered by e-mail (the e-mail channel sends them).
import { timingSafeEqual } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Connector, Ingest, OutboundMessage, SendResult } from '../connector.ts'
import { parseSubmission } from './parse-submission.ts'

export interface FormSettings {
  /** A shared secret for posts from the portal's server. */
  secret?: string
  /** Origins whose pages may post the form from the browser. */
  origins?: string[]
}

export interface FormsConnectorConfig {
  forms: Record<string, FormSettings>
  /** Submissions per address per minute. */
  perMinute?: number
  now?: () => number
}

const MAX_BODY_BYTES = 64 * 1024

function error(c: Context, status: 400 | 401 | 403 | 404 | 413 | 415 | 429 | 500, code: string, message: string, details?: unknown) {
  return c.json({ error: { code, message, ...(details === undefined ? {} : { details }) } }, status)
}

/** The client's address on the Node server; requests made in-process (tests) have none and share one bucket. */
function remoteAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8')
  const b = Buffer.from(expected, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}

export function createFormsConnector(cfg: FormsConnectorConfig): Connector {
  const now = cfg.now ?? Date.now
  const perMinute = cfg.perMinute ?? 5
  /** Posts per address in the current minute; forgotten when the minute turns. */
  let minute = Math.floor(now() / 60_000)
  let counts = new Map<string, number>()

  function allowedBy(c: Context, form: FormSettings): boolean {
    const secret = c.req.header('x-form-secret')
    if (form.secret && secret !== undefined) return sameSecret(secret, form.secret)
    const origin = c.req.header('origin')
    return Boolean(origin && form.origins?.includes(origin))
  }

  function limited(address: string): boolean {
    const m = Math.floor(now() / 60_000)
    if (m !== minute) {
      minute = m
      counts = new Map()
    }
    const n = (counts.get(address) ?? 0) + 1
    counts.set(address, n)
    return n > perMinute
  }

  function routes(ingest: Ingest): Hono {
    const app = new Hono()
    app.post(
      '/:formId',
      // Authenticate (and rate-limit) before anything reads the body.
      async (c, next) => {
        const form = cfg.forms[c.req.param('formId')]
        if (!form) return error(c, 404, 'not_found', 'No such form')
        if (!allowedBy(c, form)) return error(c, 403, 'forbidden', 'This form may be posted only with its secret or from its pages')
        const address = remoteAddress(c)
        if (limited(address)) {
          c.header('Retry-After', '60')
          return error(c, 429, 'throttled', 'Too many submissions; try again in a minute')
        }
        await next()
      },
      bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => error(c, 413, 'payload_too_large', 'The form is too large') }),
      async (c) => {
        const type = (c.req.header('content-type') ?? '').toLowerCase()
        let input: Record<string, unknown>
        try {
          if (type.startsWith('application/json')) input = (await c.req.json()) as Record<string, unknown>
          else if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
            input = Object.fromEntries(Object.entries(await c.req.parseBody()).filter(([, v]) => typeof v === 'string'))
          } else return error(c, 415, 'unsupported_media_type', 'Send JSON or a form')
        } catch {
          return error(c, 400, 'bad_request', 'The body could not be read')
        }
        if (typeof input !== 'object' || input === null || Array.isArray(input)) return error(c, 400, 'bad_request', 'Send an object of fields')
        const formId = c.req.param('formId')
        const parsed = parseSubmission(formId, input, Math.floor(now() / 60_000))
        if (parsed.kind === 'invalid') return error(c, 400, 'bad_request', 'The form has invalid fields', parsed.problems)
        // A bot filled in the hidden field: thanked like anyone, and nothing is stored.
        if (parsed.kind === 'honeypot') return c.json({ ok: true })
        await ingest([{ kind: 'message', channel: 'form', senderId: parsed.senderId, senderName: parsed.senderName, externalId: parsed.externalId, text: parsed.text, sentAt: new Date(now()) }])
        return c.json({ ok: true })
      },
    )
    return app
  }

  return {
    kind: 'form',
    path: 'forms',
    routes,
    // Replies to forms go by e-mail: until the e-mail channel exists, a reply is a visible failed delivery.
    async send(_msg: OutboundMessage): Promise<SendResult> {
      return { ok: false, retryable: false, error: 'forms are answered by e-mail, and the e-mail channel is not configured' }
    },
  }
}
