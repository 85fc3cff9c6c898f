// The voice connector through Twilio Programmable Voice (ARCHITECTURE.md, Connectors): the call webhooks in
// (X-Twilio-Signature), answered with TwiML from the hub's VoicePlan; the Calls API out (connect a waiting caller to a
// consultant, redirect, hang up); voicemail recordings fetched with Basic auth. No SDK: a few form-encoded calls.
// Config: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, PUBLIC_URL, TWILIO_API_URL.
import { Hono, type Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { twilioWebhook } from '../twilio-webhook.ts'
import type { Connector, FetchedAttachment, SendResult } from '../connector.ts'
import { fetchMedia, hostAllowed } from '../media-fetch.ts'
import { toE164 } from '../phone-number.ts'
import { describeNetworkError, redactSecrets } from '../provider-errors.ts'
import { callUpdateResult, type CallUpdateResult } from './call-update-result.ts'
import { parseCallStatus, parseDialResult, parseIncomingCall, parseQueueResult, parseRecording, parseWaitRequest, type IncomingCall } from './parse-voice-webhook.ts'
import {
  apologyTwiml, dialTwiml, emptyTwiml, hangUpTwiml, MAX_QUEUE_NAME, MENU_GOODBYE, MENU_PLAYS, planTwiml, QUEUE_UNAVAILABLE, sayAndHangUp, VOICEMAIL_THANKS, waitTwiml,
  type DialTarget,
} from './twiml.ts'
import type { VoiceHub, VoicePlan } from './voice-hub.ts'

export interface TwilioVoiceConnectorConfig {
  accountSid: string
  /** The key of X-Twilio-Signature and the password of the API's Basic auth. */
  authToken: string
  /** The hub's public root as Twilio calls it (https://hub.example.gov.pl): the signed webhook URLs start with it. */
  publicUrl: string
  /** The REST API root; default https://api.twilio.com. Tests point it at test/fakes/twilio-voice-api.ts. */
  apiUrl?: string
  log?: { warn(obj: object, msg?: string): void }
  /** How long one Calls API request may take before it counts as a retryable timeout; default 10 s. */
  requestTimeoutMs?: number
  /** Whether voicemail asks Twilio for a transcription; default true. */
  transcribeVoicemail?: boolean
}

export interface ConnectOptions { timeoutSeconds?: number; callerId?: string }

export interface TwilioVoiceConnector extends Connector {
  kind: 'voice'
  path: string
  /** The call webhooks, mounted under /connectors/voice/twilio. */
  voiceRoutes(hub: VoiceHub): Hono
  /** Connects a caller (waiting in a queue) to a consultant: the call's TwiML becomes a <Dial>. */
  connectCall(callSid: string, target: DialTarget, opts?: ConnectOptions): Promise<CallUpdateResult>
  /** Sends the call to other TwiML (back to a queue, to the menu). */
  redirectCall(callSid: string, url: string): Promise<CallUpdateResult>
  /** Back to the hub's call flow (it puts a call it holds into its queue): after a transfer to a queue. */
  requeueCall(callSid: string): Promise<CallUpdateResult>
  hangUp(callSid: string): Promise<CallUpdateResult>
  /** Downloads a voicemail by its RecordingUrl (as MP3 when the URL names no format), refusing more than `maxBytes`. */
  fetchRecording(url: string, maxBytes: number): Promise<FetchedAttachment>
}

export const DEFAULT_TWILIO_API_URL = 'https://api.twilio.com'
const TWILIO_API_ORIGIN = 'https://api.twilio.com'
/** Where the webhooks are mounted, under /connectors/. */
export const TWILIO_VOICE_PATH = 'voice/twilio'
/** Voice webhook bodies are a few kilobytes; a transcription adds at most a few more. */
export const MAX_BODY_BYTES = 64 * 1024
/** Where recordings are served: the RecordingUrl on api.twilio.com, which may redirect to Twilio's media hosts. */
const TWILIO_RECORDING_HOSTS = ['api.twilio.com', '.twilio.com', '.twiliocdn.com']
const XML = { 'content-type': 'text/xml; charset=utf-8' }
const CALL_SID = /^CA[0-9a-fA-F]{32}$/

export function createTwilioVoiceConnector(cfg: TwilioVoiceConnectorConfig): TwilioVoiceConnector {
  if (cfg.accountSid === '' || cfg.authToken === '') throw new Error('Twilio voice: account SID and auth token are required')
  const publicUrl = cfg.publicUrl.replace(/\/+$/, '')
  const apiUrl = (cfg.apiUrl ?? DEFAULT_TWILIO_API_URL).replace(/\/+$/, '')
  if (!URL.canParse(publicUrl)) throw new Error('Twilio voice: the public URL is not a URL')
  if (!URL.canParse(apiUrl)) throw new Error('Twilio voice: the API URL is not a URL')
  const base = `${publicUrl}/connectors/${TWILIO_VOICE_PATH}`
  const requestTimeoutMs = cfg.requestTimeoutMs ?? 10_000
  const transcribe = cfg.transcribeVoicemail ?? true
  const authorization = 'Basic ' + Buffer.from(`${cfg.accountSid}:${cfg.authToken}`).toString('base64')
  const redact = (text: string) => redactSecrets(text, [cfg.authToken, authorization.slice('Basic '.length)])
  const apiOrigin = new URL(apiUrl).origin
  const apiHost = new URL(apiUrl).hostname
  const trustedHosts = hostAllowed(apiHost, TWILIO_RECORDING_HOSTS) ? [] : [apiHost]

  function voiceRoutes(hub: VoiceHub): Hono {
    const app = new Hono()
    const xml = (c: Context, body: string) => c.body(body, 200, XML)

    /** The plan as TwiML, or the apology when the hub gave something Twilio would refuse. */
    const answer = (c: Context, plan: VoicePlan, attempt: number) => {
      if (plan.kind === 'enqueue' && (plan.queue === '' || plan.queue.length > MAX_QUEUE_NAME)) {
        cfg.log?.warn({ queue: plan.queue }, 'twilio voice: the hub named a queue Twilio cannot take (1-64 characters)')
        return xml(c, apologyTwiml())
      }
      return xml(c, planTwiml(plan, { base, attempt, transcribe }))
    }

    /** The hub's plan for a call, or null (logged) when the hub failed: the caller then hears the apology. */
    async function route(call: IncomingCall): Promise<VoicePlan | null> {
      try {
        return await hub.route(call)
      } catch (err) {
        cfg.log?.warn({ err, callSid: call.callSid }, 'twilio voice: hub.route failed')
        return null
      }
    }

    app.post('/', ...webhook('', async (c, params) => {
      const parsed = parseIncomingCall(params, new Date())
      if (parsed.kind !== 'ok') return badRequest(c, parsed.reason)
      const plan = await route(parsed.value)
      return plan === null ? xml(c, apologyTwiml()) : answer(c, plan, 1)
    }))

    app.post('/menu', ...webhook('/menu', async (c, params) => {
      const parsed = parseIncomingCall(params, new Date())
      if (parsed.kind !== 'ok') return badRequest(c, parsed.reason)
      const plan = await route(parsed.value)
      if (plan === null) return xml(c, apologyTwiml())
      // The menu once more (silence, a wrong key): counted, so neither a silent caller nor a hub that keeps
      // answering 'menu' holds the line for ever.
      const attempt = attemptOf(c.req.query('attempt')) + 1
      if (plan.kind === 'menu' && attempt > MENU_PLAYS) return xml(c, sayAndHangUp(MENU_GOODBYE))
      return answer(c, plan, attempt)
    }))

    app.post('/wait', ...webhook('/wait', async (c, params) => {
      const parsed = parseWaitRequest(params)
      if (parsed.kind !== 'ok') return badRequest(c, parsed.reason)
      try {
        return xml(c, waitTwiml(await hub.waiting(parsed.value)))
      } catch (err) {
        // The caller keeps their place: only the numbers are left out of the message.
        cfg.log?.warn({ err, callSid: parsed.value.callSid }, 'twilio voice: hub.waiting failed')
        return xml(c, waitTwiml({ position: null, etaSeconds: null }))
      }
    }))

    app.post('/queue-result', ...webhook('/queue-result', async (c, params) => {
      const parsed = parseQueueResult(params, new Date())
      if (parsed.kind !== 'ok') return badRequest(c, parsed.reason)
      const event = parsed.value
      try {
        await hub.callEvent(event)
      } catch (err) {
        // Twilio does not retry an action URL; the call's status callbacks still tell the hub how it ended.
        cfg.log?.warn({ err, callSid: event.callSid, queueResult: event.queueResult }, 'twilio voice: hub.callEvent (queue result) failed')
      }
      switch (event.queueResult) {
        case 'hangup':
        case 'leave':
          return xml(c, hangUpTwiml())
        case 'queue-full':
        case 'error':
        case 'system-error':
          // The caller is still on the line but was never queued: they hear why before the call ends.
          return xml(c, sayAndHangUp(QUEUE_UNAVAILABLE))
        default:
          // Bridged (the conversation is over) or redirected (the call runs other TwiML now): nothing to add.
          return xml(c, emptyTwiml())
      }
    }))

    app.post('/dial-result', ...webhook('/dial-result', async (c, params) => {
      const parsed = parseDialResult(params)
      if (parsed.kind !== 'ok') return badRequest(c, parsed.reason)
      const dial = parsed.value
      if (dial.dialCallSid !== null && dial.status !== null) {
        try {
          await hub.callEvent({
            callSid: dial.dialCallSid, status: dial.status, sequence: null, at: new Date(), durationSeconds: dial.durationSeconds,
            from: null, to: null, direction: 'outbound-dial', parentCallSid: dial.callSid,
          })
        } catch (err) {
          cfg.log?.warn({ err, callSid: dial.callSid }, 'twilio voice: hub.callEvent (dial result) failed')
        }
      }
      if (dial.answered) return xml(c, hangUpTwiml())
      // The consultant did not answer: the hub decides again (usually back to the queue).
      const call = parseIncomingCall(params, new Date())
      if (call.kind !== 'ok') return badRequest(c, call.reason)
      const plan = await route({ ...call.value, digits: null })
      return plan === null ? xml(c, apologyTwiml()) : answer(c, plan, 1)
    }))

    // The Record action: the voicemail is recorded (its URL arrives by the recording callback).
    app.post('/recorded', ...webhook('/recorded', async (c) => xml(c, sayAndHangUp(VOICEMAIL_THANKS))))

    app.post('/status', ...webhook('/status', async (c, params) => {
      const parsed = parseCallStatus(params, new Date())
      if (parsed.kind === 'invalid') return badRequest(c, parsed.reason)
      if (parsed.kind === 'ignored') {
        cfg.log?.warn({ reason: parsed.reason }, 'twilio voice: status callback ignored')
        return c.body(null, 204)
      }
      try {
        await hub.callEvent(parsed.value)
        return c.body(null, 204)
      } catch (err) {
        cfg.log?.warn({ err, callSid: parsed.value.callSid }, 'twilio voice: hub.callEvent failed')
        return error(c, 500, 'internal', 'The event could not be stored')
      }
    }))

    app.post('/recording', ...webhook('/recording', async (c, params) => {
      const parsed = parseRecording(params, new Date())
      if (parsed.kind === 'invalid') return badRequest(c, parsed.reason)
      if (parsed.kind === 'ignored') return c.body(null, 200)
      try {
        await hub.recording(parsed.value)
        return c.body(null, 200)
      } catch (err) {
        cfg.log?.warn({ err, callSid: parsed.value.callSid, recordingSid: parsed.value.recordingSid }, 'twilio voice: hub.recording failed')
        return error(c, 500, 'internal', 'The recording could not be stored')
      }
    }))
    return app
  }

  /** A signed webhook at `sub` under the connector's path (connectors/twilio-webhook.ts). */
  function webhook(sub: string, handle: (c: Context, params: URLSearchParams) => Promise<Response>) {
    return twilioWebhook({ authToken: cfg.authToken, base: base, maxBytes: MAX_BODY_BYTES }, sub, handle)
  }

  async function updateCall(callSid: string, form: Record<string, string>): Promise<CallUpdateResult> {
    if (!CALL_SID.test(callSid)) return { ok: false, retryable: false, error: `Twilio: ${JSON.stringify(callSid)} is not a CallSid` }
    let status: number
    let text: string
    try {
      const res = await fetch(`${apiUrl}/2010-04-01/Accounts/${encodeURIComponent(cfg.accountSid)}/Calls/${callSid}.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization, accept: 'application/json' },
        body: new URLSearchParams(form),
        signal: AbortSignal.timeout(requestTimeoutMs),
      })
      status = res.status
      text = await res.text()
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')
      return { ok: false, retryable: true, error: redact(`Twilio unreachable: ${timedOut ? `no answer within ${requestTimeoutMs} ms` : describeNetworkError(err)}`) }
    }
    const result = callUpdateResult(status, text)
    return result.ok ? result : { ...result, error: redact(result.error) }
  }

  async function connectCall(callSid: string, target: DialTarget, opts: ConnectOptions = {}): Promise<CallUpdateResult> {
    const checked = dialTarget(target)
    if ('error' in checked) return { ok: false, retryable: false, error: `Twilio: ${checked.error}` }
    const timeout = opts.timeoutSeconds
    // Twilio's <Dial timeout> range.
    if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 5 && timeout <= 600)) return { ok: false, retryable: false, error: 'Twilio: the dial timeout must be 5-600 seconds' }
    const twiml = dialTwiml(checked, { ...(timeout !== undefined ? { timeoutSeconds: timeout } : {}), ...(opts.callerId !== undefined ? { callerId: opts.callerId } : {}), action: `${base}/dial-result` })
    return updateCall(callSid, { Twiml: twiml })
  }

  async function redirectCall(callSid: string, url: string): Promise<CallUpdateResult> {
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) return { ok: false, retryable: false, error: `Twilio: ${JSON.stringify(url)} is not an absolute http(s) URL` }
    return updateCall(callSid, { Url: url, Method: 'POST' })
  }

  async function hangUp(callSid: string): Promise<CallUpdateResult> {
    return updateCall(callSid, { Status: 'completed' })
  }

  // The URL comes from a signed callback. The credentials go only to Twilio's API host (or the configured root);
  // fetchMedia drops them at any redirect to another origin.
  async function fetchRecording(url: string, maxBytes: number): Promise<FetchedAttachment> {
    if (!URL.canParse(url)) return { ok: false, retryable: false, error: 'not a URL' }
    const target = new URL(url)
    // A RecordingUrl without an extension serves WAV; MP3 is a tenth of the size.
    if (!/\.[a-z0-9]{2,4}$/i.test(target.pathname)) target.pathname += '.mp3'
    const withAuth = target.origin === TWILIO_API_ORIGIN || target.origin === apiOrigin
    const fetched = await fetchMedia(target.toString(), {
      allowedHosts: TWILIO_RECORDING_HOSTS,
      trustedHosts,
      maxBytes,
      ...(withAuth ? { headers: { authorization } } : {}),
    })
    return fetched.ok ? fetched : { ...fetched, error: redact(fetched.error) }
  }

  return {
    kind: 'voice',
    path: TWILIO_VOICE_PATH,
    // Calls are not messages: nothing is ingested through the generic webhook (voiceRoutes serves the calls).
    routes: () => new Hono(),
    send: async (): Promise<SendResult> => ({ ok: false, retryable: false, error: 'calls are not answered by message' }),
    voiceRoutes,
    connectCall,
    redirectCall,
    requeueCall: (callSid: string) => redirectCall(callSid, base),
    hangUp,
    fetchRecording,
  }
}

/** Exactly one of a phone number (made E.164) or a SIP URI (user@host, the scheme added when left out). */
function dialTarget(target: DialTarget): DialTarget | { error: string } {
  if ((target.number === undefined) === (target.sip === undefined)) return { error: 'name exactly one of a number or a SIP address to dial' }
  if (target.number !== undefined) {
    const number = toE164(target.number)
    return number === null ? { error: `${JSON.stringify(target.number)} is not a valid phone number` } : { number }
  }
  const sip = (target.sip as string).trim()
  const uri = /^sips?:/i.test(sip) ? sip : `sip:${sip}`
  return /^sips?:[^\s<>"@]+@[^\s<>"@]+$/i.test(uri) ? { sip: uri } : { error: `${JSON.stringify(target.sip)} is not a SIP address` }
}

/** The menu attempt in the Gather action's query: 1 when absent or garbled, capped so it cannot be inflated. */
function attemptOf(raw: string | undefined): number {
  const n = raw !== undefined && /^\d{1,2}$/.test(raw) ? Number(raw) : 1
  return Math.min(Math.max(n, 1), MENU_PLAYS)
}

function badRequest(c: Context, reason: string) {
  return error(c, 400, 'bad_request', `Not a Twilio voice webhook: ${reason}`)
}

function error(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  return c.json({ error: { code, message } }, status)
}
