// A fake Telegram Bot API (https://core.telegram.org/bots/api#making-requests) on 127.0.0.1 and a random port:
// `POST /bot<token>/<method>` with a JSON, urlencoded or multipart body (or query parameters), answered in the
// Bot API envelope `{ ok, result }` / `{ ok: false, error_code, description }`. Implements sendMessage, getFile and
// answerCallbackQuery, and the file download route `GET /file/bot<token>/<file_path>` for files a test registered;
// records every call (downloads as method `download`) for assertions and can be told to fail the next calls.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface TelegramApiCall {
  method: string
  token: string
  params: Record<string, unknown>
  /** The HTTP status the fake answered. */
  status: number
}

export interface FakeTelegramApi {
  /** The apiRoot to give telegraf, e.g. http://127.0.0.1:41234 */
  url: string
  token: string
  calls: TelegramApiCall[]
  /** The next `n` calls (downloads included) fail with `status` and a Bot API error body (a typical description
   * unless given). */
  failNext(n: number, status: number, description?: string): void
  /** A file getFile describes and the download route serves; `path` defaults to `documents/file_<n>`. */
  addFile(fileId: string, bytes: Uint8Array, path?: string): void
  close(): Promise<void>
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request: chat not found',
  403: 'Forbidden: bot was blocked by the user',
  429: 'Too Many Requests: retry after 1',
  500: 'Internal Server Error',
}

export async function startFakeTelegramApi(opts: { token?: string } = {}): Promise<FakeTelegramApi> {
  const token = opts.token ?? '123456:TEST-token'
  const calls: TelegramApiCall[] = []
  let failures: { left: number; status: number; description: string | undefined } = { left: 0, status: 500, description: undefined }
  let nextMessageId = 1
  const files = new Map<string, { fileId: string; uniqueId: string; path: string; bytes: Uint8Array }>()

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake')
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname)
    if (download) return serveFile(req, res, download[1] ?? '', decodeURIComponent(download[2] ?? ''))
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname)
    if (!match) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' })
    const [, callToken = '', method = ''] = match
    const params = { ...Object.fromEntries(url.searchParams), ...(await readParams(req)) }
    const answer = (status: number, body: object) => {
      calls.push({ method, token: callToken, params, status })
      reply(res, status, body)
    }
    if (callToken !== token) return answer(401, { ok: false, error_code: 401, description: 'Unauthorized' })
    if (failures.left > 0) {
      failures.left--
      const { status, description } = failures
      const parameters = status === 429 ? { parameters: { retry_after: 1 } } : {}
      return answer(status, { ok: false, error_code: status, description: description ?? DESCRIPTIONS[status] ?? 'Error', ...parameters })
    }
    if (method === 'getFile') {
      const file = [...files.values()].find((f) => f.fileId === params.file_id)
      if (!file) return answer(400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' })
      const result = { file_id: file.fileId, file_unique_id: file.uniqueId, file_size: file.bytes.length, file_path: file.path }
      return answer(200, { ok: true, result })
    }
    if (method === 'answerCallbackQuery') {
      if (typeof params.callback_query_id !== 'string' || params.callback_query_id === '') {
        return answer(400, { ok: false, error_code: 400, description: 'Bad Request: QUERY_ID_INVALID' })
      }
      return answer(200, { ok: true, result: true })
    }
    if (method !== 'sendMessage') return answer(404, { ok: false, error_code: 404, description: 'Not Found' })
    if (params.chat_id === undefined || params.chat_id === '') return answer(400, { ok: false, error_code: 400, description: 'Bad Request: chat_id is empty' })
    if (typeof params.text !== 'string' || params.text === '') return answer(400, { ok: false, error_code: 400, description: 'Bad Request: message text is empty' })
    const chatId = /^-?\d+$/.test(String(params.chat_id)) && Number.isSafeInteger(Number(params.chat_id)) ? Number(params.chat_id) : params.chat_id
    const result = { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, text: params.text }
    answer(200, { ok: true, result })
  }

  // Like api.telegram.org: a wrong token or an unknown path is a plain 404, the bytes come as octet-stream.
  function serveFile(req: IncomingMessage, res: ServerResponse, callToken: string, path: string) {
    const answer = (status: number, body: Uint8Array | object) => {
      calls.push({ method: 'download', token: callToken, params: { file_path: path }, status })
      if (body instanceof Uint8Array) {
        res.writeHead(status, { 'content-type': 'application/octet-stream', 'content-length': body.length })
        res.end(body)
      } else reply(res, status, body)
    }
    req.resume()
    if (req.method !== 'GET') return answer(405, { ok: false, error_code: 405, description: 'Method Not Allowed' })
    if (failures.left > 0) {
      failures.left--
      return answer(failures.status, { ok: false, error_code: failures.status, description: failures.description ?? DESCRIPTIONS[failures.status] ?? 'Error' })
    }
    const file = files.get(path)
    if (callToken !== token || !file) return answer(404, { ok: false, error_code: 404, description: 'Not Found' })
    answer(200, file.bytes)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: cannot parse the request' }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    calls,
    failNext(n, status, description) {
      failures = { left: n, status, description }
    },
    addFile(fileId, bytes, path) {
      const p = path ?? `documents/file_${files.size}`
      files.set(p, { fileId, uniqueId: `AgAD${files.size}`, path: p, bytes })
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((err) => (err ? reject(err) : resolve()))
      }),
  }
}

/** The body's parameters: JSON as is, forms (urlencoded or multipart, as telegraf sends media) as strings. */
async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const raw = Buffer.concat(chunks)
  if (raw.length === 0) return {}
  const type = req.headers['content-type'] ?? ''
  if (type.startsWith('application/json')) return JSON.parse(raw.toString('utf8')) as Record<string, unknown>
  const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData()
  const params: Record<string, unknown> = {}
  for (const [key, value] of form) params[key] = typeof value === 'string' ? value : { filename: value.name, size: value.size }
  return params
}

function reply(res: ServerResponse, status: number, body: object) {
  if (res.headersSent) return
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}
