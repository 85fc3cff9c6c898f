// The Messenger connector (ARCHITECTURE.md, Connectors): the Messenger Platform webhook in (verification GET and
// signed POST), the Send API out through fetch, attachments from Meta's CDN, names from the User Profile API. No SDK:
// the platform is a small HTTP API (STACK.md).
// Config: MESSENGER_APP_SECRET, MESSENGER_VERIFY_TOKEN, MESSENGER_PAGE_ACCESS_TOKEN, MESSENGER_API_URL.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { replyWindow } from '../../protocol/reply-window.ts'
import { describeNetworkError, redactSecrets } from '../provider-errors.ts'
import type { Connector, FetchedAttachment, Ingest, OutboundMessage, SendResult } from '../connector.ts'
import { fetchMedia, hostAllowed } from '../media-fetch.ts'
import { parseJsonKeepingBigInts } from '../telegram/safe-json.ts'
import { OUTBOX_METADATA_PREFIX, parseWebhook } from './parse-webhook.ts'

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
  /** Extra hosts attachments may be fetched from over http and at internal addresses (a test fake, a media proxy),
   * as exact names or `.suffix`es; Meta's own CDN hosts are always allowed (over https). */
  mediaHosts?: string[]
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
/** Where Meta serves attachment payload.url (scontent.xx.fbcdn.net, cdn.fbsbx.com, lookaside.fbsbx.com…). */
export const META_MEDIA_HOSTS = ['.fbcdn.net', '.fbsbx.com', '.facebook.com', '.fb.com', '.cdninstagram.com']
const PROFILE_TIMEOUT_MS = 10_000

export function createMessengerConnector(cfg: MessengerConnectorConfig): Connector {
  if (cfg.appSecret === '' || cfg.verifyToken === '' || cfg.pageAccessToken === '') {
    throw new Error('Messenger: app secret, verify token and page access token are required')
  }
  const apiUrl = (cfg.apiUrl ?? DEFAULT_GRAPH_API_URL).replace(/\/+$/, '')
  const sendTimeoutMs = cfg.sendTimeoutMs ?? 15_000
  const verifyTokenDigest = sha256(cfg.verifyToken)
  if (!URL.canParse(apiUrl)) throw new Error('Messenger: the API URL is not a URL')
  // An API root the operator pointed elsewhere (a fake, a proxy) is trusted for media too: its media URLs live there.
  // Meta's own hosts stay under the strict rules (https, public addresses) whatever the version in the URL.
  const apiHost = new URL(apiUrl).hostname
  const trustedMediaHosts = [...(hostAllowed(apiHost, META_MEDIA_HOSTS) ? [] : [apiHost]), ...(cfg.mediaHosts ?? [])]

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
        if (parsed.events.length > 0) {
          try {
            // The whole batch in one call: the hub commits it, deduplicating on externalId (the mid).
            await ingest(parsed.events)
          } catch (err) {
            // Meta retries a non-2xx delivery; the hub stores each externalId once and applies receipts idempotently.
            const ids = parsed.events.map((e) => (e.kind === 'receipt' ? `receipt:${e.state}:${e.senderId}` : e.externalId))
            cfg.log?.warn({ err, externalIds: ids }, 'messenger: ingest failed')
            return error(c, 500, 'internal', 'The events could not be stored')
          }
        }
        return c.text(EVENT_RECEIVED, 200)
      },
    )
    return app
  }

  // The Send API has no idempotency key: if a send times out after Meta accepted it, the retry delivers a second
  // copy. The outbox id rides along in message.metadata, which Meta repeats in the echo, so the hub can link both
  // copies to the outbox row.
  async function send(msg: OutboundMessage): Promise<SendResult> {
    // Inside 24 hours of the person's last message a plain RESPONSE; then, up to 7 days, only as a human agent's
    // reply (the HUMAN_AGENT tag; the app needs that permission); after that Meta refuses anything, so no call.
    const window = replyWindow('messenger', msg.lastInboundAt, msg.now)
    if (window.state !== 'open' && window.state !== 'human_agent') {
      return { ok: false, retryable: false, error: "Messenger: outside the reply window (7 days after the person's last message); they have to write to the page first" }
    }
    const request = {
      recipient: { id: msg.recipientId },
      ...(window.state === 'open' ? { messaging_type: 'RESPONSE' } : { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }),
      message: {
        text: msg.text,
        metadata: OUTBOX_METADATA_PREFIX + msg.outboxId,
        ...(msg.choices?.length ? { quick_replies: msg.choices.slice(0, 13).map((c) => ({ content_type: 'text', title: c.slice(0, 20), payload: c })) } : {}),
      },
    }
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
    const result = sendResult(status, text, window.state === 'human_agent')
    return result.ok ? result : { ...result, error: redact(result.error, cfg.pageAccessToken) }
  }

  // The ref is the attachment's payload.url from the webhook: a signed CDN URL that needs no token, so none is
  // sent (it would leak to whatever host the URL names). fetchMedia keeps it to Meta's hosts.
  function fetchAttachment(ref: string, maxBytes: number): Promise<FetchedAttachment> {
    return fetchMedia(ref, { allowedHosts: META_MEDIA_HOSTS, trustedHosts: trustedMediaHosts, maxBytes })
  }

  // The User Profile API: only first and last name (asking for profile_pic etc. needs more review). Best effort:
  // the contact just stays unnamed when it fails (no permission, the person blocked the page, Graph down).
  async function profileName(psid: string): Promise<string | null> {
    try {
      const res = await fetch(`${apiUrl}/${encodeURIComponent(psid)}?fields=first_name,last_name`, {
        headers: { authorization: `Bearer ${cfg.pageAccessToken}` },
        signal: AbortSignal.timeout(PROFILE_TIMEOUT_MS),
      })
      const body: unknown = parseJsonKeepingBigInts(await res.text())
      const obj = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
      if (!res.ok) {
        const err = typeof obj.error === 'object' && obj.error !== null ? (obj.error as GraphError) : {}
        // Codes only: a Graph message may repeat the request, token and all.
        cfg.log?.warn({ status: res.status, code: err.code, subcode: err.error_subcode }, 'messenger: profile lookup failed')
        return null
      }
      const name = [obj.first_name, obj.last_name].filter((p): p is string => typeof p === 'string').join(' ').trim().replace(/\s+/g, ' ')
      return name === '' ? null : name
    } catch (err) {
      cfg.log?.warn({ error: err instanceof Error ? err.name : 'unknown' }, 'messenger: profile lookup failed')
      return null
    }
  }

  return { kind: 'messenger', routes, send, fetchAttachment, profileName }
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

/** The Send API's answer → SendResult; `tagged`: the send used the HUMAN_AGENT tag. Exported for unit tests. */
export function sendResult(status: number, text: string, tagged = false): SendResult {
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
    // Meta's clock and ours may disagree at the edges; a tagged send also fails so when the app lacks the Human
    // Agent permission.
    const why = tagged
      ? 'outside the messaging window, or the app lacks the Human Agent permission for the HUMAN_AGENT tag; with it, the person has to write to the page again first'
      : 'outside the 24-hour messaging window; the person has to write to the page again first'
    return { ok: false, retryable: false, error: `${prefix}: ${why} (${graph})` }
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
  return redactSecrets(text, [token]).replace(/access_token=[^&\s"']+/g, 'access_token=[REDACTED]')
}

function unauthorized(c: Context) {
  return error(c, 401, 'unauthorized', `Missing or wrong ${SIGNATURE_HEADER}`)
}

function error(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  return c.json({ error: { code, message } }, status)
}
