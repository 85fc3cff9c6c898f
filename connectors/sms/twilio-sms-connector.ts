// The SMS connector through Twilio Programmable Messaging (ARCHITECTURE.md, Connectors): the incoming-message and
// status-callback webhooks in (X-Twilio-Signature), the Messages API out through fetch, MMS media with Basic auth.
// No SDK: the API is a few form-encoded HTTP calls.
// Config: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM, PUBLIC_URL, TWILIO_API_URL.
import { Hono, type Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { describeNetworkError, redactSecrets } from '../provider-errors.ts'
import { twilioWebhook } from '../twilio-webhook.ts'
import type { Connector, FetchedAttachment, Ingest, InboundEvent, OutboundMessage, SendResult } from '../connector.ts'
import { fetchMedia, hostAllowed } from '../media-fetch.ts'
import { toE164 } from '../phone-number.ts'
import { parseIncomingSms, parseStatusCallback } from './parse-twilio-sms.ts'
import { sendResult } from './twilio-send-result.ts'

export interface TwilioSmsConnectorConfig {
  accountSid: string
  /** The key of X-Twilio-Signature and the password of the API's Basic auth. */
  authToken: string
  /** The sender: a Twilio number in E.164, an alphanumeric sender id, or a Messaging Service SID (MG…). */
  from: string
  /** The hub's public root as Twilio calls it (https://hub.example.gov.pl): the signed webhook URLs start with it. */
  publicUrl: string
  /** The REST API root; default https://api.twilio.com. Tests point it at test/fakes/twilio-api.ts. */
  apiUrl?: string
  log?: { warn(obj: object, msg?: string): void }
  /** How long one Messages API call may take before it counts as a retryable timeout; default 15 s. */
  sendTimeoutMs?: number
  /** Extra hosts media may be fetched from over http and at internal addresses (a test fake, a media proxy), as
   * exact names or `.suffix`es; Twilio's own hosts are always allowed (over https). */
  mediaHosts?: string[]
}

export const DEFAULT_TWILIO_API_URL = 'https://api.twilio.com'
/** Where Media URLs point; the only origin (with a configured API root) that is given the credentials. */
const TWILIO_API_ORIGIN = 'https://api.twilio.com'
/** Where the webhooks are mounted, under /connectors/. */
export const TWILIO_SMS_PATH = 'sms/twilio'
/** Twilio's webhook bodies are a few kilobytes even with 10 media URLs. */
export const MAX_BODY_BYTES = 64 * 1024
/** Where Twilio serves media: the Media URL on api.twilio.com, which redirects to mms.twiliocdn.com. */
export const TWILIO_MEDIA_HOSTS = ['api.twilio.com', '.twilio.com', '.twiliocdn.com']
/** An empty TwiML answer: Twilio sends nothing back to the citizen (the hub answers through the API). */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'

export function createTwilioSmsConnector(cfg: TwilioSmsConnectorConfig): Connector {
  if (cfg.accountSid === '' || cfg.authToken === '' || cfg.from === '') throw new Error('Twilio SMS: account SID, auth token and sender are required')
  const publicUrl = cfg.publicUrl.replace(/\/+$/, '')
  const apiUrl = (cfg.apiUrl ?? DEFAULT_TWILIO_API_URL).replace(/\/+$/, '')
  if (!URL.canParse(publicUrl)) throw new Error('Twilio SMS: the public URL is not a URL')
  if (!URL.canParse(apiUrl)) throw new Error('Twilio SMS: the API URL is not a URL')
  const webhookUrl = `${publicUrl}/connectors/${TWILIO_SMS_PATH}`
  const sendTimeoutMs = cfg.sendTimeoutMs ?? 15_000
  const authorization = 'Basic ' + Buffer.from(`${cfg.accountSid}:${cfg.authToken}`).toString('base64')
  const redact = (text: string) => redactSecrets(text, [cfg.authToken, authorization.slice('Basic '.length)])
  // An API root the operator pointed elsewhere (a fake, a proxy) is trusted for media too: its Media URLs live
  // there. Twilio's own hosts stay under the strict rules (https, public addresses).
  const apiHost = new URL(apiUrl).hostname
  const trustedMediaHosts = [...(hostAllowed(apiHost, TWILIO_MEDIA_HOSTS) ? [] : [apiHost]), ...(cfg.mediaHosts ?? [])]

  function routes(ingest: Ingest): Hono {
    const app = new Hono()
    app.post('/', ...webhook('', async (c, params) => {
      const parsed = parseIncomingSms(params, new Date())
      if (parsed.kind === 'invalid') return error(c, 400, 'bad_request', `Not an incoming Twilio message: ${parsed.reason}`)
      return (await store(c, parsed.event)) ?? c.body(EMPTY_TWIML, 200, { 'content-type': 'text/xml; charset=utf-8' })
    }))
    app.post('/status', ...webhook('/status', async (c, params) => {
      const parsed = parseStatusCallback(params, new Date())
      if (parsed.kind === 'invalid') return error(c, 400, 'bad_request', `Not a Twilio status callback: ${parsed.reason}`)
      if (parsed.kind === 'ignored') {
        // Signed, so from Twilio: a state the hub does not track (receiving, received, partially_delivered…).
        // Acknowledged, so Twilio does not retry it.
        if (parsed.status !== 'receiving' && parsed.status !== 'received') cfg.log?.warn({ status: parsed.status }, 'twilio: status callback ignored')
        return c.body(null, 200)
      }
      return (await store(c, parsed.event)) ?? c.body(null, 200)
    }))

    /** Ingests one event: null once it is committed, else the error to answer (Twilio retries some failed webhooks;
     * the hub stores each externalId once and applies receipts idempotently). */
    async function store(c: Context, event: InboundEvent): Promise<Response | null> {
      try {
        await ingest([event])
        return null
      } catch (err) {
        const ids = event.kind === 'receipt' ? event.externalIds : event.kind === 'message' ? [event.externalId] : []
        cfg.log?.warn({ err, externalIds: ids }, 'twilio: ingest failed')
        return error(c, 500, 'internal', 'The event could not be stored')
      }
    }
    return app
  }

  /** A signed webhook at `sub` under the connector's path (connectors/twilio-webhook.ts). */
  function webhook(sub: string, handle: (c: Context, params: URLSearchParams) => Promise<Response>) {
    return twilioWebhook({ authToken: cfg.authToken, base: webhookUrl, maxBytes: MAX_BODY_BYTES }, sub, handle)
  }

  // The Messages API has no idempotency key: if a send times out after Twilio accepted it, the retry delivers a
  // second SMS. The timeout is generous to make that rare; the status callbacks name each copy by its own SID.
  async function send(msg: OutboundMessage): Promise<SendResult> {
    const to = toE164(msg.recipientId)
    if (to === null) return { ok: false, retryable: false, error: `Twilio: ${JSON.stringify(msg.recipientId)} is not a valid phone number` }
    const form = new URLSearchParams({
      To: to,
      // A Messaging Service picks the sender from its pool (and applies its opt-out settings).
      ...(/^MG[0-9a-fA-F]{32}$/.test(cfg.from) ? { MessagingServiceSid: cfg.from } : { From: cfg.from }),
      Body: msg.text,
      StatusCallback: `${webhookUrl}/status`,
    })
    let status: number
    let text: string
    try {
      const res = await fetch(`${apiUrl}/2010-04-01/Accounts/${encodeURIComponent(cfg.accountSid)}/Messages.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization, accept: 'application/json' },
        body: form,
        signal: AbortSignal.timeout(sendTimeoutMs),
      })
      status = res.status
      text = await res.text()
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')
      const message = timedOut ? `no answer within ${sendTimeoutMs} ms` : describeNetworkError(err)
      return { ok: false, retryable: true, error: redact(`Twilio unreachable: ${message}`) }
    }
    const result = sendResult(status, text)
    return result.ok ? result : { ...result, error: redact(result.error) }
  }

  // The ref is a MediaUrl from a signed webhook. The credentials go only to Twilio's API host (or the configured
  // root), and fetchMedia drops them at the redirect to the CDN, whose short-lived URL needs none.
  async function fetchAttachment(ref: string, maxBytes: number): Promise<FetchedAttachment> {
    const origin = URL.canParse(ref) ? new URL(ref).origin : null
    const withAuth = origin !== null && (origin === TWILIO_API_ORIGIN || origin === new URL(apiUrl).origin)
    const fetched = await fetchMedia(ref, {
      allowedHosts: TWILIO_MEDIA_HOSTS,
      trustedHosts: trustedMediaHosts,
      maxBytes,
      ...(withAuth ? { headers: { authorization } } : {}),
    })
    if (fetched.ok) return fetched
    // Twilio may deliver the webhook before the media has propagated: a first 404 is worth another try (Twilio
    // support, "Intermittent 404 Errors When Accessing Media URLs").
    return { ...fetched, retryable: fetched.retryable || fetched.error === 'HTTP 404', error: redact(fetched.error) }
  }

  return { kind: 'sms', path: TWILIO_SMS_PATH, routes, send, fetchAttachment }
}

function error(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  return c.json({ error: { code, message } }, status)
}
