// The fake Twilio API itself (Messages API, Media URLs and their CDN): the wire format a plain HTTP client sees.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startFakeTwilioApi, type FakeTwilioApi } from './twilio-api.ts'

const ACCOUNT_SID = 'AC' + '0'.repeat(31) + '1'
const AUTH_TOKEN = 'fake-auth-token'
const basic = (user: string, pass: string) => 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64')

describe('fake Twilio API', () => {
  let api: FakeTwilioApi
  beforeAll(async () => void (api = await startFakeTwilioApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })))
  afterAll(() => api.close())
  beforeEach(() => void api.calls.splice(0))
  const send = (params: Record<string, string>, auth: string | null = basic(ACCOUNT_SID, AUTH_TOKEN)) =>
    fetch(`${api.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth === null ? {} : { authorization: auth }) },
      body: new URLSearchParams(params),
    })

  it('answers a send with 201 and a queued Message resource, and records it', async () => {
    const res = await send({ To: '+48600100200', From: '+48221234567', Body: 'Dzień dobry' })
    expect(res.status).toBe(201)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toMatchObject({ status: 'queued', to: '+48600100200', from: '+48221234567', body: 'Dzień dobry', account_sid: ACCOUNT_SID, direction: 'outbound-api' })
    expect(body.sid).toMatch(/^SM[0-9a-f]{32}$/)
    expect(api.calls).toEqual([{ kind: 'send', method: 'POST', path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, authOk: true, authorizationSent: true, params: { To: '+48600100200', From: '+48221234567', Body: 'Dzień dobry' }, status: 201 }])
  })

  it('refuses missing or wrong credentials with 401 and code 20003', async () => {
    for (const auth of [null, basic(ACCOUNT_SID, 'wrong'), basic('ACother', AUTH_TOKEN)]) {
      const res = await send({ To: '+48600100200', Body: 'x' }, auth)
      expect([res.status, await res.json()]).toEqual([401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 }])
    }
    expect(api.calls.map((c) => [c.authOk, c.status])).toEqual([[false, 401], [false, 401], [false, 401]])
  })

  it('refuses a send without To or Body, or to a malformed number', async () => {
    expect(await (await send({ Body: 'x' })).json()).toMatchObject({ code: 21604, status: 400 })
    expect(await (await send({ To: '+48600100200' })).json()).toMatchObject({ code: 21602, status: 400 })
    expect(await (await send({ To: '600100200', Body: 'x' })).json()).toMatchObject({ code: 21211, status: 400 })
  })

  it('fails the next sends as told, with the given or a typical code, then recovers', async () => {
    api.failNext(1, 400, 21610)
    expect(await (await send({ To: '+48600100200', Body: 'x' })).json()).toEqual({ code: 21610, message: 'Attempt to send to unsubscribed recipient', more_info: 'https://www.twilio.com/docs/errors/21610', status: 400 })
    api.failNext(2, 503)
    expect((await send({ To: '+48600100200', Body: 'x' })).status).toBe(503)
    expect(await (await send({ To: '+48600100200', Body: 'x' })).json()).toMatchObject({ code: 20503 })
    expect((await send({ To: '+48600100200', Body: 'x' })).status).toBe(201)
  })

  it('serves media behind auth, redirecting to a CDN on another origin that needs none and records a leaked header', async () => {
    const url = api.addMedia('zdjęcie.jpg', Buffer.from([0xff, 0xd8, 0xff]), 'image/jpeg')
    expect(url).toMatch(new RegExp(`^${api.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM[0-9a-f]{32}/Media/ME[0-9a-f]{32}$`))
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(401)
    const redirect = await fetch(url, { redirect: 'manual', headers: { authorization: basic(ACCOUNT_SID, AUTH_TOKEN) } })
    expect(redirect.status).toBe(307)
    const location = redirect.headers.get('location') as string
    expect(location).toBe(`${api.cdnUrl}/cdn/zdj%C4%99cie.jpg`)
    expect(new URL(location).origin).not.toBe(new URL(api.url).origin)
    const cdn = await fetch(location)
    expect([cdn.status, cdn.headers.get('content-type')]).toEqual([200, 'image/jpeg'])
    expect(new Uint8Array(await cdn.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff]))
    await fetch(location, { headers: { authorization: 'Basic leaked' } })
    expect(api.calls.map((c) => [c.kind, c.status, c.authorizationSent])).toEqual([
      ['media', 401, false],
      ['media', 307, true],
      ['cdn', 200, false],
      ['cdn', 200, true],
    ])
  })
})
