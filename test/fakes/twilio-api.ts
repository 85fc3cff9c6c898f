// A fake Twilio REST API for the SMS connector, on 127.0.0.1 and a random port. The Messages API:
// `POST /2010-04-01/Accounts/<AccountSid>/Messages.json`, form-encoded, HTTP Basic auth (AccountSid:AuthToken),
// answering 201 with a Message resource or a Twilio error `{ code, message, more_info, status }`. And media the way
// Twilio serves it: the Media URL (auth required) answers 307 to a CDN (a second listener, so another origin) that
// serves the bytes without auth, recording whether an Authorization header reached it anyway.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface TwilioApiCall {
  /** `send`: the Messages API; `media`: a Media URL; `cdn`: the CDN a Media URL redirects to. */
  kind: 'send' | 'media' | 'cdn' | 'unknown'
  method: string
  path: string
  /** Whether the request carried the right Basic credentials. */
  authOk: boolean
  /** Whether it carried an Authorization header at all (for the CDN: a leak). */
  authorizationSent: boolean
  /** The form parameters of a send; {} otherwise. */
  params: Record<string, string>
  status: number
}

export interface TwilioErrorBody { code: number; message: string; more_info: string; status: number }

export interface FakeTwilioApi {
  /** The API root to give the connector as apiUrl, e.g. http://127.0.0.1:41234 */
  url: string
  /** The CDN's root (another port, as Twilio's CDN is another host). */
  cdnUrl: string
  calls: TwilioApiCall[]
  /** The next `n` sends fail with `status` and a Twilio error: `code` if given, else a typical one for the status. */
  failNext(n: number, status: number, code?: number): void
  /** The next send is answered only after `ms` (for timeouts). */
  delayNext(ms: number): void
  /** Registers media; returns its Media URL (as a webhook's MediaUrl0 would name it). */
  addMedia(name: string, bytes: Uint8Array | string, contentType: string): string
  close(): Promise<void>
}

/** Messages of the error codes the connector meets (Twilio's error dictionary). */
export const TWILIO_ERRORS: Record<number, string> = {
  20003: 'Authenticate',
  20404: 'The requested resource was not found',
  20429: 'Too Many Requests',
  20500: 'An internal server error has occurred',
  20503: 'Service unavailable',
  21211: "Invalid 'To' Phone Number",
  21602: 'Message body is required.',
  21604: "A 'To' phone number is required.",
  21610: 'Attempt to send to unsubscribed recipient',
  21614: "'To' number is not a valid mobile number",
}
const CODE_FOR_STATUS: Record<number, number> = { 400: 21211, 401: 20003, 404: 20404, 429: 20429, 500: 20500, 503: 20503 }

export const twilioError = (status: number, code: number): TwilioErrorBody => ({
  code,
  message: TWILIO_ERRORS[code] ?? 'Error',
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
})

const hex = (bytes: number) => randomBytes(bytes).toString('hex')

export async function startFakeTwilioApi(opts: { accountSid: string; authToken: string }): Promise<FakeTwilioApi> {
  const calls: TwilioApiCall[] = []
  let failures = { left: 0, status: 500, code: undefined as number | undefined }
  let delayMs = 0
  const media = new Map<string, { name: string; bytes: Buffer; contentType: string }>()
  const cdn = new Map<string, { bytes: Buffer; contentType: string }>()
  const expectedAuth = 'Basic ' + Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString('base64')
  const sendPath = `/2010-04-01/Accounts/${opts.accountSid}/Messages.json`

  async function api(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://fake').pathname
    const authorizationSent = req.headers.authorization !== undefined
    const authOk = req.headers.authorization === expectedAuth
    const params = req.method === 'POST' ? Object.fromEntries(new URLSearchParams(await readBody(req))) : {}
    const kind: TwilioApiCall['kind'] = req.method === 'POST' && path === sendPath ? 'send' : req.method === 'GET' && media.has(path) ? 'media' : 'unknown'
    const record = (status: number) => calls.push({ kind, method: req.method ?? 'GET', path, authOk, authorizationSent, params, status })
    const fail = (status: number, code: number) => {
      record(status)
      json(res, status, twilioError(status, code))
    }
    // Twilio checks the credentials before it says whether the resource exists.
    if (!authOk) return fail(401, 20003)
    if (kind === 'unknown') return fail(404, 20404)
    if (kind === 'media') {
      const m = media.get(path) as { name: string }
      record(307)
      return void res.writeHead(307, { location: `${cdnBase}/cdn/${encodeURIComponent(m.name)}` }).end()
    }
    if (delayMs > 0) {
      const ms = delayMs
      delayMs = 0
      await new Promise((r) => setTimeout(r, ms))
    }
    if (failures.left > 0) {
      failures.left--
      return fail(failures.status, failures.code ?? CODE_FOR_STATUS[failures.status] ?? 20500)
    }
    if (!params.To) return fail(400, 21604)
    if (!params.Body && !params.MediaUrl) return fail(400, 21602)
    if (!/^\+[1-9]\d{6,14}$/.test(params.To)) return fail(400, 21211)
    const sid = `SM${hex(16)}`
    const now = new Date().toUTCString().replace('GMT', '+0000')
    record(201)
    json(res, 201, {
      account_sid: opts.accountSid,
      api_version: '2010-04-01',
      body: params.Body ?? '',
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: params.From ?? null,
      messaging_service_sid: params.MessagingServiceSid ?? null,
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid,
      status: 'queued',
      subresource_uris: { media: `/2010-04-01/Accounts/${opts.accountSid}/Messages/${sid}/Media.json` },
      to: params.To,
      uri: `/2010-04-01/Accounts/${opts.accountSid}/Messages/${sid}.json`,
    })
  }

  // The CDN needs no credentials (its URLs are short-lived and unguessable); a header that arrives is recorded.
  function cdnHandler(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://fake').pathname
    const name = path.startsWith('/cdn/') ? decodeURIComponent(path.slice('/cdn/'.length)) : null
    const found = name === null ? undefined : cdn.get(name)
    calls.push({ kind: 'cdn', method: req.method ?? 'GET', path, authOk: false, authorizationSent: req.headers.authorization !== undefined, params: {}, status: found ? 200 : 404 })
    if (!found) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found')
    res.writeHead(200, { 'content-type': found.contentType, 'content-length': String(found.bytes.length) })
    res.end(found.bytes)
  }

  const server = createServer((req, res) => void api(req, res).catch(() => json(res, 400, twilioError(400, 20500))))
  const cdnServer = createServer(cdnHandler)
  const base = await listen(server)
  const cdnBase = await listen(cdnServer)

  return {
    url: base,
    cdnUrl: cdnBase,
    calls,
    failNext(n, status, code) {
      failures = { left: n, status, code }
    },
    delayNext(ms) {
      delayMs = ms
    },
    addMedia(name, bytes, contentType) {
      const path = `/2010-04-01/Accounts/${opts.accountSid}/Messages/MM${hex(16)}/Media/ME${hex(16)}`
      media.set(path, { name, bytes: Buffer.from(bytes), contentType })
      cdn.set(name, { bytes: Buffer.from(bytes), contentType })
      return base + path
    },
    close: async () => {
      await Promise.all([server, cdnServer].map((s) => new Promise<void>((resolve, reject) => {
        s.closeAllConnections()
        s.close((err) => (err ? reject(err) : resolve()))
      })))
    },
  }
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function json(res: ServerResponse, status: number, body: object) {
  if (res.headersSent) return
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}
