// Twilio's request signature (X-Twilio-Signature): base64 HMAC-SHA1, keyed with the auth token, over the URL Twilio
// called followed by every POST parameter's name and value, sorted by name (then value, for repeated names).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

export type FormParams = readonly (readonly [string, string])[]

export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  // Plain code-unit order, as Twilio's libraries sort: 'Sid' < 'SidAccount', 'Digits1234' < 'Digits5678'.
  const sorted = [...params].sort(([an, av], [bn, bv]) => compare(an, bn) || compare(av, bv))
  const hmac = createHmac('sha1', authToken).update(url, 'utf8')
  for (const [name, value] of sorted) hmac.update(name, 'utf8').update(value, 'utf8')
  return hmac.digest('base64')
}

/**
 * Whether `header` is Twilio's signature of this request. Twilio may sign the URL with or without the scheme's
 * default port (:443, :80) depending on how it was configured, so both spellings are accepted, as Twilio's own
 * validators do. Constant time: both sides are hashed to 32 bytes first, so neither content nor length leaks.
 */
export function validTwilioSignature(authToken: string, url: string, params: FormParams, header: string | undefined): boolean {
  if (header === undefined || header === '') return false
  const given = sha256(header.trim())
  let valid = false
  // Every variant is checked (no early return), so timing does not tell which spelling matched.
  for (const variant of urlVariants(url)) valid = timingSafeEqual(given, sha256(twilioSignature(authToken, variant, params))) || valid
  return valid
}

/** The URL as given, and with its default port added or removed. */
function urlVariants(url: string): string[] {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return [url]
  }
  const defaultPort = parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : null
  if (defaultPort === null) return [url]
  const authority = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/i.exec(url)
  if (!authority) return [url]
  const [, scheme, host, rest] = authority as unknown as [string, string, string, string]
  const withPort = new RegExp(`:${defaultPort}$`)
  // Only a host without a port gets one added; an explicit non-default port is left as it is.
  if (withPort.test(host)) return [url, scheme + host.replace(withPort, '') + rest]
  if (/:\d+$/.test(host)) return [url]
  return [url, `${scheme}${host}:${defaultPort}${rest}`]
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}
