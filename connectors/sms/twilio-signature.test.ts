// The signature against Twilio's published vectors and a real form body; anything signed otherwise fails.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { twilioSignature, validTwilioSignature } from './twilio-signature.ts'

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
interface Vector { name: string; auth_token: string; url: string; params?: Record<string, string>; params_multi?: [string, string][]; string_to_sign?: string; expected_signature: string }
const vectors = (JSON.parse(fixture('twilio_signature_vectors.json')) as { vectors: Vector[] }).vectors
/** The form vectors (the JSON-body one signs a bodySHA256 query parameter and no params: checked separately). */
const formVectors = vectors.filter((v) => v.params !== undefined || v.params_multi !== undefined)
const paramsOf = (v: Vector): [string, string][] => v.params_multi ?? Object.entries(v.params ?? {})
const formBody = (name: string) => fixture(name).split('\n')[0] as string

describe('Twilio request signature', () => {
  it.each(formVectors.map((v) => [`${v.name} ${v.url}`, v] as const))('matches the vector: %s', (_, v) => {
    expect(twilioSignature(v.auth_token, v.url, paramsOf(v))).toBe(v.expected_signature)
    expect(validTwilioSignature(v.auth_token, v.url, paramsOf(v), v.expected_signature)).toBe(true)
  })

  it('matches the JSON-body vector, whose URL carries bodySHA256 and which has no form params', () => {
    const v = vectors.find((x) => x.params === undefined && x.params_multi === undefined) as Vector
    expect(twilioSignature(v.auth_token, v.url, [])).toBe(v.expected_signature)
  })

  it('accepts a signature over the URL with or without the default port, but not another port', () => {
    const v = formVectors.find((x) => x.url.startsWith('https://mycompany.com:443/')) as Vector
    const withoutPort = v.url.replace(':443', '')
    expect(validTwilioSignature(v.auth_token, withoutPort, paramsOf(v), v.expected_signature)).toBe(true)
    const plain = formVectors[0] as Vector
    expect(validTwilioSignature(plain.auth_token, plain.url.replace('mycompany.com', 'mycompany.com:443'), paramsOf(plain), plain.expected_signature)).toBe(true)
    expect(validTwilioSignature(plain.auth_token, plain.url.replace('mycompany.com', 'mycompany.com:8443'), paramsOf(plain), plain.expected_signature)).toBe(false)
  })

  it('signs a real inbound SMS body as decoded form params (self-computed with Python hmac, see fixtures/README.md)', () => {
    const params = [...new URLSearchParams(formBody('sms_inbound.form.txt'))]
    const url = 'https://hub.example.gov.pl/connectors/sms/twilio'
    const token = 'test-auth-token-0123456789abcdef'
    expect(twilioSignature(token, url, params)).toBe('y4Adr84QNc23HMBZgjpEkS+MdUU=')
    expect(validTwilioSignature(token, url, params, 'y4Adr84QNc23HMBZgjpEkS+MdUU=')).toBe(true)
    // Another URL (the status route, another host, a query string), another token, a changed param: all fail.
    for (const other of [`${url}/status`, 'https://evil.example/connectors/sms/twilio', `${url}?x=1`]) {
      expect(validTwilioSignature(token, other, params, 'y4Adr84QNc23HMBZgjpEkS+MdUU=')).toBe(false)
    }
    expect(validTwilioSignature('another-token', url, params, 'y4Adr84QNc23HMBZgjpEkS+MdUU=')).toBe(false)
    const changed = params.map(([k, v]): [string, string] => [k, k === 'Body' ? 'STOP' : v])
    expect(validTwilioSignature(token, url, changed, 'y4Adr84QNc23HMBZgjpEkS+MdUU=')).toBe(false)
  })

  it('refuses a missing, empty or mangled header', () => {
    const v = formVectors[0] as Vector
    for (const header of [undefined, '', v.expected_signature.slice(1), v.expected_signature.toLowerCase(), 'x'.repeat(10_000)]) {
      expect(validTwilioSignature(v.auth_token, v.url, paramsOf(v), header)).toBe(false)
    }
  })
})
