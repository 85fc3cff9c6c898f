// Unit tests for REST calls: same-origin credentials, the error body, 401 hand-over, Retry-After, and a fresh clientId.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { HttpError, parseRetryAfter, request, setUnauthorizedHandler } from './api.ts'
import { newClientId } from './client-id.ts'

afterEach(() => {
  vi.unstubAllGlobals()
  setUnauthorizedHandler(() => {})
})

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status, headers }))
}

describe('request', () => {
  it('sends JSON with same-origin credentials and parses the answer', async () => {
    const fetch = answer(200, { ok: 1 })
    vi.stubGlobal('fetch', fetch)
    await expect(request('/api/x', { method: 'POST', body: { a: 1 } })).resolves.toEqual({ ok: 1 })
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/x')
    expect(init.credentials).toBe('same-origin')
    expect(init.body).toBe('{"a":1}')
  })

  it('turns the error body into an HttpError with Retry-After', async () => {
    vi.stubGlobal('fetch', answer(429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': '42' }))
    const error = await request('/api/auth/login', { expect401: true }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 42 })
  })

  it('keeps the details of a validation error', async () => {
    const details = [{ path: 'name', message: 'Too small' }]
    vi.stubGlobal('fetch', answer(400, { error: { code: 'invalid_body', message: 'bad', details } }))
    await expect(request('/api/admin/skills', { method: 'POST', body: {} })).rejects.toMatchObject({ status: 400, code: 'invalid_body', details })
  })

  it('reports a 401 to the session unless the caller expects it', async () => {
    const handler = vi.fn()
    setUnauthorizedHandler(handler)
    vi.stubGlobal('fetch', answer(401, { error: { code: 'unauthorized', message: 'no' } }))
    await expect(request('/api/conversations')).rejects.toMatchObject({ status: 401 })
    expect(handler).toHaveBeenCalledTimes(1)
    await expect(request('/api/auth/login', { expect401: true })).rejects.toMatchObject({ status: 401 })
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it('maps a failed fetch to status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    await expect(request('/api/x')).rejects.toMatchObject({ status: 0, code: 'network' })
  })

  it('returns nothing for 204', async () => {
    vi.stubGlobal('fetch', answer(204, undefined))
    await expect(request('/api/auth/logout', { method: 'POST' })).resolves.toBeUndefined()
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds or an HTTP date', () => {
    expect(parseRetryAfter('30')).toBe(30)
    expect(parseRetryAfter(null)).toBeNull()
    expect(parseRetryAfter('soon')).toBeNull()
    const now = Date.parse('2025-01-01T00:00:00Z')
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10)
  })
})

describe('newClientId', () => {
  const allowed = /^[A-Za-z0-9_-]{8,64}$/

  it('is unique and fits the protocol, with or without randomUUID', () => {
    const a = newClientId()
    expect(a).toMatch(allowed)
    expect(newClientId()).not.toBe(a)
    const insecure: Pick<Crypto, 'getRandomValues'> = { getRandomValues: (array) => crypto.getRandomValues(array) }
    expect(newClientId(insecure)).toMatch(/^[0-9a-f]{32}$/)
  })
})
