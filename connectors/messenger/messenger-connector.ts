// The Messenger connector (ARCHITECTURE.md, Connectors): the Messenger Platform webhook in (verification GET and
// signed POST), the Send API out through fetch. No SDK: the platform is a small HTTP API (STACK.md).
// Config: MESSENGER_APP_SECRET, MESSENGER_VERIFY_TOKEN, MESSENGER_PAGE_ACCESS_TOKEN, MESSENGER_API_URL.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Connector, Ingest, OutboundMessage, SendResult } from '../connector.ts'
import { parseJsonKeepingBigInts } from '../telegram/safe-json.ts'
import { parseWebhook } from './parse-webhook.ts'

export interface MessengerConnectorConfig {
  /** The app secret: the key of the X-Hub-Signature-256 HMAC. */
  appSecret: string
  /** The token typed into the app dashboard's webhook settings, echoed back in hub.verify_token. */
  verifyToken: string
  pageAccessToken: string
  /** The versioned Graph API root; default DEFAULT_GRAPH_API_URL. Tests point it at test/fakes/messenger-api.ts. */
  apiUrl?: string
  log?: { warn(obj: object, msg?: string): void }
  /** How long one Send API call may take before it counts as a retryable timeout; default 15 s. */
  sendTimeoutMs?: number
}

/**
 * Graph API v25.0 (18 Feb 2026, available until 29 Jul 2028), the version the Send API reference uses in its
 * examples. v21.0 ends on 21 Jan 2027. Newer versions exist (v26.0, v27.0); raise this after reading the
 * Messenger changelog.
 */
export const DEFAULT_GRAPH_API_URL = 'https://graph.facebook.com/v25.0'

export const MAX_BODY_BYTES = 1024 * 1024
const SIGNATURE_HEADER = 'X-Hub-Signature-256'
/** Meta expects exactly this body with the 200. */
const EVENT_RECEIVED = 'EVENT_RECEIVED'

export function createMessengerConnector(cfg: MessengerConnectorConfig): Connector {
  if (cfg.appSecret === '' || cfg.verifyToken === '' || cfg.pageAccessToken === '') {
    throw new Error('Messenger: app secret, verify token and page access token are required')
  }
  const apiUrl = (cfg.apiUrl ?? DEFAULT_GRAPH_API_URL).replace(/\/+$/, '')
  const sendTimeoutMs = cfg.sendTimeoutMs ?? 15_000
  const verifyTokenDigest = sha256(cfg.verifyToken)

  function routes(ingest: Ingest): Hono {
    const app = new Hono()

    // Webhook verification (the dashboard's "Verify and save"): echo hub.challenge when mode and token match.
    app.get('/', (c) => {
      const mode = c.req.query('hub.mode')
      const token = c.req.query('hub.verify_token')
      const challenge = c.req.query('hub.challenge')
      // Both sides hashed to 32 bytes first, so the comparison is constant time and leaks no length either.
      const tokenOk = token !== undefined && timingSafeEqual(sha256(token), verifyTokenDigest)
      if (mode !== 'subscribe' || !tokenOk || challenge === undefined || challenge === '' || challenge.length > 1024) {
        return c.text('Forbidden', 403)
      }
      c.header('X-Content-Type-Options', 'nosniff')
      return c.text(challenge, 200)
    })

    app.post(
      '/',
      // No signature header at all: refuse before reading the body.
      async (c, next) => {
        if (parseSignature(c.req.header(SIGNATURE_HEADER)) === null) return unauthorized(c)
        await next()
      },
      bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => error(c, 413, 'payload_too_large', 'The body is too large') }),
      async (c) => {
        // The HMAC is over the bytes as sent: Meta escapes non-ASCII as \uXXXX, which re-serialised JSON would not.
        const raw = Buffer.from(await c.req.arrayBuffer())
        const given = parseSignature(c.req.header(SIGNATURE_HEADER))
        const expected = createHmac('sha256', cfg.appSecret).update(raw).digest()
        if (given === null || !timingSafeEqual(given, expected)) return unauthorized(c)

        let body: unknown
        try {
          // PSIDs and page ids may come as numbers beyond 2^53 in older envelopes: keep them exact.
          body = parseJsonKeepingBigInts(new TextDecoder('utf-8', { fatal: true }).decode(raw))
        } catch {
          return error(c, 400, 'bad_json', 'The body is not valid JSON')
        }
        const parsed = parseWebhook(body)
        if (parsed.kind === 'invalid') return error(c, 400, 'bad_request', `Not a Messenger webhook: ${parsed.reason}`)
        if (parsed.kind === 'other_object') {
          // Signed by our app, so Meta sent it: another product (instagram, user…) shares this callback URL.
          // Acknowledged so Meta does not retry it and eventually disable the subscription; nothing stored.
          cfg.log?.warn({ object: parsed.object }, 'messenger: webhook for another object ignored')
          return c.text(EVENT_RECEIVED, 200)
        }
        const unexpected = parsed.skipped.filter((s) => !s.expected)
        if (unexpected.length > 0) cfg.log?.warn({ skipped: unexpected }, 'messenger: events not ingested')
        if (parsed.messages.length > 0) {
          try {
            // The whole batch in one call: the hub commits it, deduplicating on externalId (the mid).
            await ingest(parsed.messages)
          } catch (err) {
            // Meta retries a non-2xx delivery; the hub stores each externalId once.
            cfg.log?.warn({ err, externalIds: parsed.messages.map((m) => m.externalId) }, 'messenger: ingest failed')
            return error(c, 500, 'internal', 'The events could not be stored')
          }
        }
        return c.text(EVENT_RECEIVED, 200)
      },
    )
    return app
  }

  // The Send API has no idempotency key, so msg.outboxId cannot travel with the send: if a send times out after
  // Meta accepted it, the retry delivers a second copy. The echo webhook (later) can detect that by mid.
  // messaging_type RESPONSE is valid inside the 24-hour window; the HUMAN_AGENT tag (up to 7 days) needs the
  // window to be known here, which OutboundMessage does not carry yet.
  async function send(msg: OutboundMessage): Promise<SendResult> {
    const request = { recipient: { id: msg.recipientId }, messaging_type: 'RESPONSE', message: { text: msg.text } }
    let status: number
    let text: string
    try {
      // The token in the Authorization header rather than ?access_token=, so that it never sits in a URL that
      // an error, a proxy or a log line could repeat.
      const res = await fetch(`${apiUrl}/me/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${cfg.pageAccessToken}` },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(sendTimeoutMs),
      })
      status = res.status
      text = await res.text()
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')
      const message = timedOut ? `no answer within ${sendTimeoutMs} ms` : describeNetworkError(err)
      return { ok: false, retryable: true, error: redact(`Messenger unreachable: ${message}`, cfg.pageAccessToken) }
    }
    const result = sendResult(status, text)
    return result.ok ? result : { ...result, error: redact(result.error, cfg.pageAccessToken) }
  }

  return { kind: 'messenger', routes, send }
}

interface GraphError { message?: unknown; type?: unknown; code?: unknown; error_subcode?: unknown; is_transient?: unknown; fbtrace_id?: unknown }

/** Graph error codes that mean "try again later" (docs: Messenger Platform, Common Error Codes). */
const TRANSIENT_CODES = new Set([
  1, // an unknown error (but 1/99, missing permissions, is final: see below)
  2, // service temporarily unavailable
  4, // application request limit reached
  17, // user request limit reached
  32, // page request limit reached
  613, // calls to this API have exceeded the rate limit
  1200, // temporary send message failure
])

/** The Send API's answer → SendResult. Exported for unit tests. */
export function sendResult(status: number, text: string): SendResult {
  let body: unknown
  try {
    body = parseJsonKeepingBigInts(text)
  } catch {
    body = undefined
  }
  const obj = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
  if (status >= 200 && status < 300 && typeof obj.message_id === 'string' && obj.message_id !== '') {
    return { ok: true, providerId: `messenger:${obj.message_id}` }
  }
  const err = typeof obj.error === 'object' && obj.error !== null ? (obj.error as GraphError) : null
  if (err === null) {
    // A proxy's HTML page, an empty 502, or a 200 without message_id: nothing says the message was refused.
    const what = status >= 200 && status < 300 ? 'an answer without message_id' : 'a body that is no Graph error'
    return { ok: false, retryable: true, error: `Messenger ${status}: ${what}` }
  }
  const code = typeof err.code === 'number' ? err.code : null
  const subcode = typeof err.error_subcode === 'number' ? err.error_subcode : null
  const graph = `Graph ${code ?? '?'}${subcode !== null ? `/${subcode}` : ''}: ${typeof err.message === 'string' ? err.message : 'no message'}`
  const prefix = `Messenger ${status}`
  // Final refusals with a reason staff can act on.
  if (code === 10 && (subcode === 2018278 || subcode === 2018065)) {
    return { ok: false, retryable: false, error: `${prefix}: outside the 24-hour messaging window; the person has to write to the page again first (${graph})` }
  }
  if (code === 551) return { ok: false, retryable: false, error: `${prefix}: the person cannot receive messages from this page now (${graph})` }
  if (code === 190) return { ok: false, retryable: false, error: `${prefix}: the page access token is invalid or expired; check MESSENGER_PAGE_ACCESS_TOKEN (${graph})` }
  if (code === 100 && subcode === 2018001) return { ok: false, retryable: false, error: `${prefix}: no such recipient for this page (${graph})` }
  if (code === 1 && subcode === 99) return { ok: false, retryable: false, error: `${prefix}: the app lacks a permission or access level (${graph})` }
  const retryable = err.is_transient === true || (code !== null && TRANSIENT_CODES.has(code)) || status === 429 || status >= 500
  return { ok: false, retryable, error: `${prefix}: ${graph}` }
}

/** 'sha256=<64 hex>' → the 32 digest bytes; anything else → null. */
function parseSignature(header: string | undefined): Buffer | null {
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header?.trim() ?? '')
  return match ? Buffer.from(match[1] as string, 'hex') : null
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}

/** Removes the token wherever it appears (also URL-encoded, and any access_token= parameter). */
function redact(text: string, token: string): string {
  let out = text.split(token).join('[REDACTED]')
  const encoded = encodeURIComponent(token)
  if (encoded !== token) out = out.split(encoded).join('[REDACTED]')
  return out.replace(/access_token=[^&\s"']+/g, 'access_token=[REDACTED]')
}

/** undici's "fetch failed" hides the reason in `cause` (ECONNREFUSED, ENOTFOUND…). */
function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  const cause = err.cause instanceof Error ? err.cause : null
  const code = cause && 'code' in cause && typeof cause.code === 'string' ? cause.code : null
  return cause ? `${err.message} (${code ?? cause.message})` : err.message
}

function unauthorized(c: Context) {
  return error(c, 401, 'unauthorized', `Missing or wrong ${SIGNATURE_HEADER}`)
}

function error(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  return c.json({ error: { code, message } }, status)
}
