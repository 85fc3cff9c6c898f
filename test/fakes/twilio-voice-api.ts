// A fake Twilio Calls API for the voice connector, on 127.0.0.1 and a random port: updating a live call
// (`POST /2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>.json`, form-encoded, HTTP Basic auth) answered with a Call
// resource or a Twilio error, and voicemail recordings (`GET …/Recordings/<RecordingSid>[.mp3|.wav]`, Basic auth).
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface TwilioVoiceApiCall {
  kind: 'update' | 'recording' | 'unknown'
  method: string
  path: string
  authOk: boolean
  /** The CallSid of an update; null otherwise. */
  callSid: string | null
  /** The form parameters of an update (Twiml, Url, Method, Status); {} otherwise. */
  params: Record<string, string>
  status: number
}

export interface FakeTwilioVoiceApi {
  url: string
  calls: TwilioVoiceApiCall[]
  /** The next `n` updates fail with `status` and a Twilio error: `code` if given, else a typical one. */
  failNext(n: number, status: number, code?: number): void
  /** Marks a call as ended: updates of it answer 400 with code 21220 ("Call is not in-progress"). */
  endCall(callSid: string): void
  /** Registers a recording; returns its RecordingUrl (without extension, as the callbacks name it). */
  addRecording(bytes: Uint8Array | string): { recordingSid: string; url: string }
  close(): Promise<void>
}

const ERRORS: Record<number, string> = {
  20003: 'Authenticate',
  20404: 'The requested resource was not found',
  20429: 'Too Many Requests',
  20500: 'An internal server error has occurred',
  20503: 'Service unavailable',
  21220: 'Call is not in-progress. Cannot redirect.',
  21218: 'Invalid ApplicationSid',
  13520: 'Invalid TwiML',
}
const CODE_FOR_STATUS: Record<number, number> = { 400: 21220, 401: 20003, 404: 20404, 429: 20429, 500: 20500, 503: 20503 }
const CONTENT_TYPES = { mp3: 'audio/mpeg', wav: 'audio/x-wav' } as const

const hex = (bytes: number) => randomBytes(bytes).toString('hex')

export async function startFakeTwilioVoiceApi(opts: { accountSid: string; authToken: string }): Promise<FakeTwilioVoiceApi> {
  const calls: TwilioVoiceApiCall[] = []
  let failures = { left: 0, status: 500, code: undefined as number | undefined }
  const ended = new Set<string>()
  const recordings = new Map<string, Buffer>()
  const expectedAuth = 'Basic ' + Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString('base64')
  const root = `/2010-04-01/Accounts/${opts.accountSid}`
  const updatePath = new RegExp(`^${root}/Calls/(CA[0-9a-fA-F]{32})\\.json$`)
  const recordingPath = new RegExp(`^${root}/Recordings/(RE[0-9a-fA-F]{32})(?:\\.(mp3|wav))?$`)

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://fake').pathname
    const authOk = req.headers.authorization === expectedAuth
    const update = req.method === 'POST' ? updatePath.exec(path) : null
    const recording = req.method === 'GET' ? recordingPath.exec(path) : null
    const params = update ? Object.fromEntries(new URLSearchParams(await readBody(req))) : {}
    const kind: TwilioVoiceApiCall['kind'] = update ? 'update' : recording ? 'recording' : 'unknown'
    const callSid = update?.[1] ?? null
    const record = (status: number) => calls.push({ kind, method: req.method ?? 'GET', path, authOk, callSid, params, status })
    const fail = (status: number, code: number) => {
      record(status)
      json(res, status, { code, message: ERRORS[code] ?? 'Error', more_info: `https://www.twilio.com/docs/errors/${code}`, status })
    }
    // Twilio checks the credentials before it says whether the resource exists.
    if (!authOk) return fail(401, 20003)
    if (recording) {
      const found = recordings.get(recording[1] as string)
      if (!found) return fail(404, 20404)
      // Without an extension Twilio serves WAV; with one, that format.
      const format = (recording[2] as 'mp3' | 'wav' | undefined) ?? 'wav'
      record(200)
      res.writeHead(200, { 'content-type': CONTENT_TYPES[format], 'content-length': String(found.length) })
      return void res.end(found)
    }
    if (!update) return fail(404, 20404)
    if (failures.left > 0) {
      failures.left--
      return fail(failures.status, failures.code ?? CODE_FOR_STATUS[failures.status] ?? 20500)
    }
    if (ended.has(callSid as string)) return fail(400, 21220)
    if (!params.Twiml && !params.Url && params.Status === undefined) return fail(400, 21218)
    if (params.Twiml !== undefined && !/^(<\?xml[^>]*\?>)?<Response[\s>/]/.test(params.Twiml)) return fail(400, 13520)
    if (params.Status === 'completed' || params.Status === 'canceled') ended.add(callSid as string)
    const now = new Date().toUTCString().replace('GMT', '+0000')
    record(200)
    json(res, 200, {
      account_sid: opts.accountSid,
      api_version: '2010-04-01',
      date_created: now,
      date_updated: now,
      direction: 'inbound',
      duration: null,
      from: '+48600100200',
      parent_call_sid: null,
      sid: callSid,
      status: params.Status === 'completed' ? 'completed' : 'in-progress',
      to: '+48221234567',
      uri: `${root}/Calls/${callSid}.json`,
    })
  }

  const server = createServer((req, res) => void handle(req, res).catch(() => json(res, 500, { code: 20500, message: ERRORS[20500], status: 500 })))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: base,
    calls,
    failNext(n, status, code) {
      failures = { left: n, status, code }
    },
    endCall(callSid) {
      ended.add(callSid)
    },
    addRecording(bytes) {
      const recordingSid = `RE${hex(16)}`
      recordings.set(recordingSid, Buffer.from(bytes))
      return { recordingSid, url: `${base}${root}/Recordings/${recordingSid}` }
    },
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections()
      server.close((err) => (err ? reject(err) : resolve()))
    }),
  }
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
