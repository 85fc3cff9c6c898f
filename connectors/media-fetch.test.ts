// The media fetcher refuses foreign hosts, internal addresses and oversize bodies, follows redirects only
// to allowed hosts, and sends the caller's headers to the first URL's origin only.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fetchMedia, hostAllowed, isInternalAddress } from './media-fetch.ts'

let server: Server
let base: string
/** A second server on another host name and port: what a CDN is to the provider's API. */
let other: Server
let otherBase: string
beforeAll(async () => {
  other = createServer((req, res) => res.end(`authorization: ${req.headers.authorization ?? 'none'}`))
  await new Promise<void>((r) => other.listen(0, 'localhost', r))
  otherBase = `http://localhost:${(other.address() as AddressInfo).port}`
  server = createServer((req, res) => {
    if (req.url === '/small') return res.end('hello')
    if (req.url === '/big') return res.end(Buffer.alloc(2000))
    if (req.url === '/chunked-big') {
      res.write(Buffer.alloc(600))
      res.write(Buffer.alloc(600))
      return res.end()
    }
    if (req.url === '/to-elsewhere') return res.writeHead(302, { location: 'https://example.org/x' }).end()
    if (req.url === '/to-small') return res.writeHead(302, { location: '/small' }).end()
    if (req.url === '/echo') return res.end(`authorization: ${req.headers.authorization ?? 'none'}`)
    if (req.url === '/to-echo') return res.writeHead(307, { location: '/echo' }).end()
    if (req.url === '/to-other-host') return res.writeHead(307, { location: `${otherBase}/x` }).end()
    if (req.url === '/to-other-port') return res.writeHead(307, { location: `http://127.0.0.1:${(other.address() as AddressInfo).port}/x` }).end()
    res.writeHead(404).end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()))
  await new Promise<void>((r) => other.close(() => r()))
})

describe('media fetch', () => {
  it('tells internal addresses from public ones', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.5.4', '192.168.1.1', '169.254.169.254', '::1', 'fd00::1', '::ffff:127.0.0.1', '100.64.0.1', '0.0.0.0']) {
      expect(isInternalAddress(a), a).toBe(true)
    }
    for (const a of ['157.240.1.35', '2a03:2880:f10c:83:face:b00c:0:25de', '8.8.8.8']) expect(isInternalAddress(a), a).toBe(false)
  })

  it('matches hosts exactly or by a dotted suffix', () => {
    expect(hostAllowed('scontent.xx.fbcdn.net', ['.fbcdn.net'])).toBe(true)
    expect(hostAllowed('evilfbcdn.net', ['.fbcdn.net'])).toBe(false)
    expect(hostAllowed('fbcdn.net.evil.com', ['.fbcdn.net'])).toBe(false)
    expect(hostAllowed('lookaside.fbsbx.com', ['lookaside.fbsbx.com'])).toBe(true)
  })

  it('fetches from a trusted host within the cap', async () => {
    const r = await fetchMedia(`${base}/small`, { allowedHosts: [], trustedHosts: ['127.0.0.1'], maxBytes: 100 })
    expect(r.ok && Buffer.from(r.bytes).toString()).toBe('hello')
  })

  it('refuses a body over the cap, announced or streamed', async () => {
    const announced = await fetchMedia(`${base}/big`, { allowedHosts: [], trustedHosts: ['127.0.0.1'], maxBytes: 1000 })
    expect(announced).toMatchObject({ ok: false, retryable: false })
    const streamed = await fetchMedia(`${base}/chunked-big`, { allowedHosts: [], trustedHosts: ['127.0.0.1'], maxBytes: 1000 })
    expect(streamed).toMatchObject({ ok: false, retryable: false })
  })

  it('refuses hosts that are not the provider’s, plain http and bare addresses', async () => {
    expect(await fetchMedia('https://example.org/a.jpg', { allowedHosts: ['.fbcdn.net'], maxBytes: 10 })).toMatchObject({ ok: false, retryable: false })
    expect(await fetchMedia('http://x.fbcdn.net/a.jpg', { allowedHosts: ['.fbcdn.net'], maxBytes: 10 })).toMatchObject({ ok: false, retryable: false })
    expect(await fetchMedia(`${base}/small`, { allowedHosts: ['127.0.0.1'], maxBytes: 10 })).toMatchObject({ ok: false, retryable: false })
  })

  it('refuses an allowed name that resolves to an internal address', async () => {
    // localhost resolves to loopback: allowed by name, refused by address.
    const r = await fetchMedia('https://localhost/x', { allowedHosts: ['localhost'], maxBytes: 10 })
    expect(r).toMatchObject({ ok: false, retryable: false })
    expect(!r.ok && r.error).toMatch(/internal/)
  })

  it('re-checks every redirect', async () => {
    expect(await fetchMedia(`${base}/to-elsewhere`, { allowedHosts: [], trustedHosts: ['127.0.0.1'], maxBytes: 100 })).toMatchObject({ ok: false, retryable: false })
    const r = await fetchMedia(`${base}/to-small`, { allowedHosts: [], trustedHosts: ['127.0.0.1'], maxBytes: 100 })
    expect(r.ok).toBe(true)
  })

  it('sends the caller’s headers to the first origin only, not after a redirect to another host or port', async () => {
    const opts = { allowedHosts: [], trustedHosts: ['127.0.0.1', 'localhost'], maxBytes: 100, headers: { authorization: 'Basic c2VjcmV0' } }
    const text = async (path: string) => {
      const r = await fetchMedia(`${base}${path}`, opts)
      return r.ok ? Buffer.from(r.bytes).toString() : r.error
    }
    expect(await text('/echo')).toBe('authorization: Basic c2VjcmV0')
    expect(await text('/to-echo')).toBe('authorization: Basic c2VjcmV0')
    expect(await text('/to-other-host')).toBe('authorization: none')
    expect(await text('/to-other-port')).toBe('authorization: none')
  })
})
