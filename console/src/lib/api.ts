// JSON requests to the hub's REST API on the same origin, with its error body turned into an HttpError.

export class HttpError extends Error {
  /** 0 when the request never got an answer (offline, hub down). */
  readonly status: number
  readonly code: string
  /** Seconds from a Retry-After header, if any. */
  readonly retryAfter: number | null
  /** The error body's `details`, e.g. `[{ path, message }]` for fields that failed validation. */
  readonly details: unknown

  constructor(status: number, code: string, message: string, retryAfter: number | null = null, details: unknown = undefined) {
    super(message)
    this.name = 'HttpError'
    this.status = status
    this.code = code
    this.retryAfter = retryAfter
    this.details = details
  }
}

let onUnauthorized: () => void = () => {}

/** Who to tell when the API answers 401, i.e. the session is gone. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  body?: unknown
  signal?: AbortSignal
  /** A 401 is an answer, not an expired session (sign-in, the start-up check). */
  expect401?: boolean
}

/** Parses a JSON answer; throws HttpError on a network failure or any 4xx/5xx. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  // A form (a file upload) sets its own multipart content type.
  const form = options.body instanceof FormData
  if (options.body !== undefined && !form) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : form ? (options.body as FormData) : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new HttpError(0, 'network', error instanceof Error ? error.message : 'network error')
  }
  if (response.status === 401 && !options.expect401) onUnauthorized()
  if (!response.ok) throw await toError(response)
  if (response.status === 204) return undefined as T
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}

async function toError(response: Response): Promise<HttpError> {
  let code = `http_${response.status}`
  let message = response.statusText
  let details: unknown
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown; details?: unknown } }
    if (typeof body.error?.code === 'string') code = body.error.code
    if (typeof body.error?.message === 'string') message = body.error.message
    details = body.error?.details
  } catch {
    // Not JSON: keep the status.
  }
  return new HttpError(response.status, code, message, parseRetryAfter(response.headers.get('retry-after')), details)
}

/** Retry-After is either whole seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return null
  return Math.max(0, Math.ceil((date - now) / 1000))
}
