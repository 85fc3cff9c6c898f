// The fake Twilio Calls API itself (call updates, recordings): the wire format a plain HTTP client sees.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startFakeTwilioVoiceApi, type FakeTwilioVoiceApi } from './twilio-voice-api.ts'

const ACCOUNT_SID = 'AC' + '0'.repeat(31) + '1'
const AUTH_TOKEN = 'fake-auth-token'
const CA = 'CA' + 'f'.repeat(32)
const basic = (user: string, pass: string) => 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64')

describe('fake Twilio voice API', () => {
  let api: FakeTwilioVoiceApi
  beforeAll(async () => void (api = await startFakeTwilioVoiceApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })))
  afterAll(() => api.close())
  beforeEach(() => void api.calls.splice(0))
  const update = (callSid: string, params: Record<string, string>, auth: string | null = basic(ACCOUNT_SID, AUTH_TOKEN)) =>
    fetch(`${api.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${callSid}.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth === null ? {} : { authorization: auth }) },
      body: new URLSearchParams(params),
    })

  it('answers an update with the Call resource and records its params', async () => {
    const res = await update(CA, { Twiml: '<Response><Dial><Number>+48221234567</Number></Dial></Response>' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ sid: CA, account_sid: ACCOUNT_SID, status: 'in-progress' })
    expect(api.calls).toEqual([{ kind: 'update', method: 'POST', path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${CA}.json`, authOk: true, callSid: CA, params: { Twiml: '<Response><Dial><Number>+48221234567</Number></Dial></Response>' }, status: 200 }])
  })

  it('refuses wrong credentials (401, 20003), invalid TwiML (13520) and updates of ended calls (21220)', async () => {
    for (const auth of [null, basic(ACCOUNT_SID, 'wrong')]) expect(await (await update(CA, { Url: 'https://x.example' }, auth)).json()).toMatchObject({ code: 20003, status: 401 })
    expect(await (await update(CA, { Twiml: 'not xml' })).json()).toMatchObject({ code: 13520, status: 400 })
    expect((await update(CA, { Status: 'completed' })).status).toBe(200)
    expect(await (await update(CA, { Url: 'https://x.example' })).json()).toMatchObject({ code: 21220, status: 400 })
    const other = 'CA' + 'e'.repeat(32)
    api.endCall(other)
    expect((await update(other, { Url: 'https://x.example' })).status).toBe(400)
  })

  it('fails the next updates as told, then recovers', async () => {
    const sid = 'CA' + 'd'.repeat(32)
    api.failNext(2, 503)
    expect(await (await update(sid, { Url: 'https://x.example' })).json()).toMatchObject({ code: 20503, status: 503 })
    expect((await update(sid, { Url: 'https://x.example' })).status).toBe(503)
    expect((await update(sid, { Url: 'https://x.example' })).status).toBe(200)
  })

  it('serves recordings behind auth, as WAV without an extension and as the format named', async () => {
    const { url, recordingSid } = api.addRecording('audio')
    expect(url).toBe(`${api.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${recordingSid}`)
    expect((await fetch(`${url}.mp3`)).status).toBe(401)
    const auth = { authorization: basic(ACCOUNT_SID, AUTH_TOKEN) }
    expect((await fetch(url, { headers: auth })).headers.get('content-type')).toBe('audio/x-wav')
    const mp3 = await fetch(`${url}.mp3`, { headers: auth })
    expect([mp3.status, mp3.headers.get('content-type'), await mp3.text()]).toEqual([200, 'audio/mpeg', 'audio'])
    expect((await fetch(`${api.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/RE${'0'.repeat(32)}.mp3`, { headers: auth })).status).toBe(404)
  })
})
