// Downloads a provider's media for the hub without letting a webhook aim the hub at anything else: only https (http
// only for hosts the operator configured), only the provider's host names, never an internal address (checked on
// the address actually connected to, so DNS rebinding cannot slip past), redirects re-checked hop by hop, the
// caller's headers (credentials) sent to the first URL's origin only, and the body cut off at the size cap. Used by
// connectors' `fetchAttachment`.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { BlockList, isIP, type LookupFunction } from 'node:net'
import type { FetchedAttachment } from './connector.ts'

export interface MediaFetchOptions {
  /** Host names media may come from: exact (`lookaside.fbsbx.com`) or a suffix with a leading dot (`.fbcdn.net`). */
  allowedHosts: readonly string[]
  /** Hosts the operator configured (an API root, a test fake): http allowed and internal addresses accepted. */
  trustedHosts?: readonly string[]
  maxBytes: number
  /** The whole download; default 30 s. */
  timeoutMs?: number
  /** Sent to the first URL's origin only (scheme, host and port): a provider that redirects to its CDN (Twilio media
   * → mms.twiliocdn.com) must not hand the CDN, or whatever a redirect names, the credentials. */
  headers?: Record<string, string>
  /** Default 3. */
  maxRedirects?: number
}

const internal = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) internal.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) {
  internal.addSubnet(net, prefix, 'ipv6')
}

/** Loopback, private, link-local, carrier-grade NAT, multicast and reserved addresses (IPv4-mapped IPv6 too). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return internal.check(mapped[1] as string, 'ipv4')
  const family = isIP(address)
  if (family === 0) return true
  return internal.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '')
  return allowed.some((a) => {
    const rule = a.toLowerCase()
    return rule.startsWith('.') ? h.endsWith(rule) && h.length > rule.length : h === rule
  })
}

/** Resolves like dns.lookup, then refuses internal addresses: the check runs on the address the socket will use. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0)
    const list = addresses as LookupAddress[]
    const bad = list.find((a) => isInternalAddress(a.address))
    if (bad || list.length === 0) {
      const e = Object.assign(new Error(`${hostname} resolves to an internal address`), { code: 'EINTERNAL' })
      return callback(e, '', 0)
    }
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list)
    const first = list[0] as LookupAddress
    callback(null, first.address, first.family)
  })
}

export async function fetchMedia(url: string, opts: MediaFetchOptions): Promise<FetchedAttachment> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000)
  let current = url
  let origin: string | null = null
  for (let hop = 0; hop <= (opts.maxRedirects ?? 3); hop++) {
    let target: URL
    try {
      target = new URL(current)
    } catch {
      return { ok: false, retryable: false, error: 'not a URL' }
    }
    const trusted = hostAllowed(target.hostname, opts.trustedHosts ?? [])
    if (!trusted && !hostAllowed(target.hostname, opts.allowedHosts)) return { ok: false, retryable: false, error: `host ${target.hostname} is not one of the provider's` }
    if (target.protocol !== 'https:' && !(trusted && target.protocol === 'http:')) return { ok: false, retryable: false, error: `${target.protocol} is not allowed` }
    if (!trusted && isIP(target.hostname.replace(/^\[|\]$/g, '')) !== 0) return { ok: false, retryable: false, error: 'an address instead of a host name' }
    origin ??= target.origin
    const headers = target.origin === origin ? (opts.headers ?? {}) : {}
    const r = await get(target, trusted, headers, opts, deadline)
    if ('redirect' in r) {
      current = new URL(r.redirect, target).toString()
      continue
    }
    return r
  }
  return { ok: false, retryable: false, error: 'too many redirects' }
}

function get(target: URL, trusted: boolean, headers: Record<string, string>, opts: MediaFetchOptions, deadline: number): Promise<FetchedAttachment | { redirect: string }> {
  return new Promise((resolve) => {
    const left = deadline - Date.now()
    if (left <= 0) return resolve({ ok: false, retryable: true, error: 'timed out' })
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest
    const req = request(target, { method: 'GET', headers: { ...headers, 'user-agent': 'inbox-hub' }, ...(trusted ? {} : { lookup: publicOnlyLookup }) }, (res: IncomingMessage) => {
      const status = res.statusCode ?? 0
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume()
        return resolve({ redirect: res.headers.location })
      }
      if (status !== 200) {
        res.resume()
        return resolve({ ok: false, retryable: status >= 500 || status === 429, error: `HTTP ${status}` })
      }
      const announced = Number(res.headers['content-length'])
      if (Number.isFinite(announced) && announced > opts.maxBytes) {
        res.destroy()
        return resolve({ ok: false, retryable: false, error: `larger than ${opts.maxBytes} bytes` })
      }
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > opts.maxBytes) {
          res.destroy()
          resolve({ ok: false, retryable: false, error: `larger than ${opts.maxBytes} bytes` })
          return
        }
        chunks.push(chunk)
      })
      res.on('end', () => resolve({ ok: true, bytes: new Uint8Array(Buffer.concat(chunks)), contentType: contentTypeOf(res.headers['content-type']) }))
      res.on('error', (err) => resolve({ ok: false, retryable: true, error: err.message }))
    })
    req.setTimeout(left, () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })))
    req.on('error', (err: Error & { code?: string }) => {
      const internalAddress = err.code === 'EINTERNAL'
      resolve({ ok: false, retryable: !internalAddress, error: internalAddress ? err.message : `${err.code ?? 'network'}: ${err.message}` })
    })
    req.end()
  })
}

function contentTypeOf(header: string | undefined): string | null {
  const type = header?.split(';')[0]?.trim().toLowerCase()
  return type && /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) ? type : null
}
