// A fake Meta Graph API for the Messenger connector, on 127.0.0.1 and a random port. The Send API: `POST /me/messages`
// (or `/<page-id>/messages`), with or without a version prefix (/v25.0), a JSON or urlencoded body (the docs' curl
// examples send recipient and message as JSON strings in form fields), the page access token in
// `Authorization: Bearer|OAuth <token>`, the access_token query parameter or the body. The User Profile API:
// `GET /<psid>?fields=first_name,last_name`. Answers in the Graph wire format: `{ recipient_id, message_id }`,
// `{ first_name, last_name, id }`, errors `{ error: { message, type, code, error_subcode?, fbtrace_id } }`.
// And a CDN: `GET /media/<name>` serves bytes a test registered (Meta's attachment URLs need no token).
// Records every call for assertions and can be told to fail the next Graph calls.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface MessengerApiCall {
  method: string
  /** The path without the version prefix, e.g. /me/messages */
  path: string
  /** The token as given (header, query or body), or null. */
  token: string | null
  /** How the token came: 'header', 'query', 'body' or null. */
  tokenIn: 'header' | 'query' | 'body' | null
  /** The request parameters, JSON-decoded (form fields holding JSON are decoded too); for a GET, the query. */
  params: Record<string, unknown>
  /** The HTTP status the fake answered. */
  status: number
}

export interface GraphErrorBody {
  message: string
  type: string
  code: number
  error_subcode?: number
  is_transient?: boolean
  error_user_title?: string
  error_user_msg?: string
}

export interface FakeMessengerApi {
  /** The versioned API root to give the connector as apiUrl, e.g. http://127.0.0.1:41234/v25.0 */
  url: string
  token: string
  calls: MessengerApiCall[]
  /** The next `n` calls to a known Graph endpoint (send or profile, not media) fail with `status` and a Graph error
   * body (a typical one unless given). */
  failNext(n: number, status: number, graphError?: Partial<GraphErrorBody>): void
  /** What the User Profile API answers for this PSID; unknown PSIDs get Graph's "does not exist" error. */
  setProfile(psid: string, firstName: string, lastName: string): void
  /** Serves `bytes` at `GET /media/<name>` with this content type; returns the full URL (as an attachment's
   * payload.url would be). */
  addMedia(name: string, bytes: Uint8Array | string, contentType: string): string
  close(): Promise<void>
}

/** Typical Graph errors by HTTP status (Messenger Platform, Common Error Codes). */
export const GRAPH_ERRORS: Record<number, GraphErrorBody> = {
  400: { message: '(#100) No matching user found', type: 'OAuthException', code: 100, error_subcode: 2018001 },
  403: { message: '(#200) The user hasn\'t authorized the application to perform this action', type: 'OAuthException', code: 200 },
  429: { message: '(#4) Application request limit reached', type: 'OAuthException', code: 4, is_transient: true },
  500: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2, is_transient: true },
  503: { message: '(#1200) Temporary send message failure. Please try again later.', type: 'OAuthException', code: 1200, is_transient: true },
}
/** The error for a send outside the 24-hour window (Graph answers it with HTTP 400). */
export const OUTSIDE_WINDOW: GraphErrorBody = {
  message: '(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview',
  type: 'OAuthException',
  code: 10,
  error_subcode: 2018278,
}

/** Graph's answer to a GET of an id that does not exist or that this token may not see (HTTP 400, not 404). */
export const NO_SUCH_OBJECT = (id: string): GraphErrorBody => ({
  message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
  type: 'GraphMethodException',
  code: 100,
  error_subcode: 33,
})

const MESSAGING_TYPES = new Set(['RESPONSE', 'UPDATE', 'MESSAGE_TAG'])
/** The User Profile API's fields for a PSID without profile_pic etc. (the fake has no more to give). */
const PROFILE_FIELDS = new Set(['first_name', 'last_name', 'name', 'id'])
const MAX_TEXT_LENGTH = 2000
/** The message tags the fake accepts (Messenger Platform, Message Tags); anything else is refused as Graph does. */
const MESSAGE_TAGS = new Set(['HUMAN_AGENT', 'ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'CUSTOMER_FEEDBACK'])
/** message.metadata: "a custom string that is delivered as a message echo", up to 1000 characters. */
const MAX_METADATA_LENGTH = 1000

export async function startFakeMessengerApi(opts: { pageAccessToken?: string } = {}): Promise<FakeMessengerApi> {
  const token = opts.pageAccessToken ?? 'EAAFakePageAccessToken0123456789'
  const calls: MessengerApiCall[] = []
  let failures: { left: number; status: number; graphError: Partial<GraphErrorBody> | undefined } = { left: 0, status: 500, graphError: undefined }
  let nextMessageId = 1
  const profiles = new Map<string, { first_name: string; last_name: string }>()
  const media = new Map<string, { bytes: Buffer; contentType: string }>()

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake')
    const path = url.pathname.replace(/^\/v\d+\.\d+(?=\/)/, '')
    const params = req.method === 'GET' ? Object.fromEntries(url.searchParams) : await readParams(req)
    const [callToken, tokenIn] = findToken(req, url, params)
    delete params.access_token
    const record = (status: number) => calls.push({ method: req.method ?? 'GET', path, token: callToken, tokenIn, params, status })
    const answer = (status: number, body: object) => {
      record(status)
      reply(res, status, body)
    }
    const graphError = (status: number, e: GraphErrorBody) => answer(status, { error: { ...e, fbtrace_id: fbtraceId() } })

    // The CDN: no token, no Graph errors; plain bytes or a plain 404.
    const mediaName = req.method === 'GET' && path.startsWith('/media/') ? decodeURIComponent(path.slice('/media/'.length)) : null
    if (mediaName !== null) {
      const found = media.get(mediaName)
      record(found ? 200 : 404)
      if (!found) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found')
      res.writeHead(200, { 'content-type': found.contentType, 'content-length': String(found.bytes.length) })
      return void res.end(found.bytes)
    }

    const profilePath = req.method === 'GET' ? /^\/([^/]+)$/.exec(path) : null
    const isSend = req.method === 'POST' && /^\/(me|\d+)\/messages$/.test(path)
    if (!isSend && profilePath === null) {
      return graphError(400, { message: `Unknown path components: ${path}`, type: 'OAuthException', code: 2500 })
    }
    if (callToken === null) {
      return graphError(400, { message: 'An active access token must be used to query information about the current user.', type: 'OAuthException', code: 2500 })
    }
    if (callToken !== token) return graphError(400, { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 })
    if (failures.left > 0) {
      failures.left--
      const { status, graphError: given } = failures
      const typical = GRAPH_ERRORS[status] ?? { message: 'An unknown error occurred', type: 'OAuthException', code: 1 }
      return graphError(status, { ...typical, ...given } as GraphErrorBody)
    }
    if (profilePath !== null) {
      const psid = decodeURIComponent(profilePath[1] as string)
      const profile = profiles.get(psid)
      if (!profile) return graphError(400, NO_SUCH_OBJECT(psid))
      const asked = typeof params.fields === 'string' ? params.fields.split(',').map((f) => f.trim()) : ['first_name', 'last_name']
      const unknown = asked.find((f) => !PROFILE_FIELDS.has(f))
      if (unknown !== undefined) return graphError(400, { message: `(#100) Tried accessing nonexisting field (${unknown}) on node type (User)`, type: 'OAuthException', code: 100 })
      const all: Record<string, string> = { ...profile, name: `${profile.first_name} ${profile.last_name}`, id: psid }
      // Graph always adds the id, and only the fields asked for.
      return answer(200, Object.fromEntries([...new Set([...asked, 'id'])].map((f) => [f, all[f]])))
    }
    const recipient = params.recipient
    const recipientId = isObject(recipient) && (typeof recipient.id === 'string' || typeof recipient.id === 'number') ? String(recipient.id) : null
    if (recipientId === null || recipientId === '') return graphError(400, { message: '(#100) The parameter recipient is required', type: 'OAuthException', code: 100 })
    if (params.messaging_type !== undefined && !MESSAGING_TYPES.has(String(params.messaging_type))) {
      return graphError(400, { message: '(#100) Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}', type: 'OAuthException', code: 100 })
    }
    if (params.messaging_type === 'MESSAGE_TAG' && typeof params.tag !== 'string') {
      return graphError(400, { message: '(#100) Tag is required for MESSAGE_TAG messaging type', type: 'OAuthException', code: 100 })
    }
    if (params.tag !== undefined && !MESSAGE_TAGS.has(String(params.tag))) {
      return graphError(400, { message: '(#100) Param tag must be a valid message tag', type: 'OAuthException', code: 100 })
    }
    const message = params.message
    const text = isObject(message) ? message.text : undefined
    if (typeof text !== 'string' || text === '') {
      return graphError(400, { message: '(#100) param message must be non-empty', type: 'OAuthException', code: 100 })
    }
    if ([...text].length > MAX_TEXT_LENGTH) {
      return graphError(400, { message: `(#100) Length of param message[text] must be less than or equal to ${MAX_TEXT_LENGTH}`, type: 'OAuthException', code: 100 })
    }
    const metadata = isObject(message) ? message.metadata : undefined
    if (metadata !== undefined && (typeof metadata !== 'string' || [...metadata].length > MAX_METADATA_LENGTH)) {
      return graphError(400, { message: `(#100) Length of param message[metadata] must be less than or equal to ${MAX_METADATA_LENGTH}`, type: 'OAuthException', code: 100 })
    }
    answer(200, { recipient_id: recipientId, message_id: `m_${nextMessageId++}` })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => reply(res, 400, { error: { message: '(#100) Cannot parse the request body', type: 'OAuthException', code: 100, fbtrace_id: fbtraceId() } }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const base = `http://127.0.0.1:${port}`

  return {
    url: `${base}/v25.0`,
    token,
    calls,
    failNext(n, status, graphError) {
      failures = { left: n, status, graphError }
    },
    setProfile(psid, firstName, lastName) {
      profiles.set(psid, { first_name: firstName, last_name: lastName })
    },
    addMedia(name, bytes, contentType) {
      media.set(name, { bytes: Buffer.from(bytes), contentType })
      return `${base}/media/${encodeURIComponent(name)}`
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((err) => (err ? reject(err) : resolve()))
      }),
  }
}

function findToken(req: IncomingMessage, url: URL, params: Record<string, unknown>): [string | null, MessengerApiCall['tokenIn']] {
  const auth = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(req.headers.authorization ?? '')
  if (auth) return [auth[1] as string, 'header']
  const query = url.searchParams.get('access_token')
  if (query !== null) return [query, 'query']
  if (typeof params.access_token === 'string') return [params.access_token, 'body']
  return [null, null]
}

/** The body's parameters: JSON as is; urlencoded fields as strings, JSON-decoded when they hold an object. */
async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const raw = Buffer.concat(chunks).toString('utf8')
  if (raw === '') return {}
  const type = req.headers['content-type'] ?? ''
  if (type.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(raw)
    if (!isObject(parsed)) throw new Error('not an object')
    return parsed
  }
  const params: Record<string, unknown> = {}
  for (const [key, value] of new URLSearchParams(raw)) {
    // The docs' examples write recipient={'id':'PSID'} with single quotes; Graph accepts that, so does the fake.
    params[key] = /^\s*[{[]/.test(value) ? parseLooseJson(value) : value
  }
  return params
}

function parseLooseJson(value: string): unknown {
  try {
    return JSON.parse(value)
  } catch {
    return JSON.parse(value.replace(/'/g, '"'))
  }
}

function fbtraceId(): string {
  return randomBytes(8).toString('base64').replace(/=+$/, '')
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function reply(res: ServerResponse, status: number, body: object) {
  if (res.headersSent) return
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' })
  res.end(JSON.stringify(body))
}
