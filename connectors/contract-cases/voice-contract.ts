// Calls (Twilio Voice format) in the channel contract. A call is not a message delivery, so the five rules take a
// call's shape here: every webhook route refuses a failed signature and stores nothing; a call, a status callback
// and a recording are stored once however often they come; callbacks out of order keep the provider's order in the
// timeline and never move the call back; putting a call through is retried with the same request after a
// retryable failure; a refusal by the Calls API is a failed leg staff can see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { timelineOrder, type Conversation, type TimelineEvent } from '../../protocol/rest.ts'
import { startFakeTwilioVoiceApi, type FakeTwilioVoiceApi } from '../../test/fakes/twilio-voice-api.ts'
import { createFakeClock } from '../../test/support/fake-clock.ts'
import { startTestHub, type TestHub } from '../../test/support/test-hub.ts'
import { twilioSignature } from '../sms/twilio-signature.ts'
import { createTwilioVoiceConnector } from '../voice/twilio-voice-connector.ts'

const ACCOUNT_SID = 'AC' + 'e'.repeat(32)
const AUTH_TOKEN = 'kontrakt-token-glos-0123456789'
const PUBLIC_URL = 'https://hub.example.gov.pl'
const ROUTES = ['', '/menu?attempt=1', '/wait', '/queue-result', '/dial-result', '/recorded', '/status', '/recording']

export function describeVoiceContract(): void {
  describe('channel contract: voice', () => {
    const clock = createFakeClock()
    let api: FakeTwilioVoiceApi
    let t: TestHub
    let admin: string
    let queueId: string
    let n = 0
    const callSid = () => 'CA' + (Date.now().toString(16) + (++n).toString(16)).padStart(32, '0').slice(-32)
    const caller = () => `+4860${String(1_000_000 + n).slice(-7)}`

    beforeAll(async () => {
      api = await startFakeTwilioVoiceApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })
      t = await startTestHub({ clock, connectors: [createTwilioVoiceConnector({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, publicUrl: PUBLIC_URL, apiUrl: api.url })] })
      admin = await t.login()
      queueId = (await t.hub.store.createQueue({ name: 'Kontrakt' })).id
      expect((await t.api(`/api/admin/queues/${queueId}`, { method: 'PATCH', token: admin, json: { ivrDigits: '1' } })).status).toBe(200)
    })
    afterAll(async () => {
      await t?.close()
      await api?.close()
    })

    function post(path: string, params: Record<string, string>, token = AUTH_TOKEN) {
      const form = new URLSearchParams(params)
      const signature = twilioSignature(token, `${PUBLIC_URL}/connectors/voice/twilio${path}`, [...form])
      return t.api(`/connectors/voice/twilio${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: form.toString() })
    }
    const ring = (sid: string, from: string) => post('/menu?attempt=1', { CallSid: sid, AccountSid: ACCOUNT_SID, From: from, To: '+48221234567', CallStatus: 'ringing', Direction: 'inbound', Digits: '1' })
    const status = (sid: string, s: string, sequence: number, at: number) =>
      post('/status', { CallSid: sid, AccountSid: ACCOUNT_SID, CallStatus: s, SequenceNumber: String(sequence), Timestamp: new Date(at).toUTCString(), From: '+48600000000', To: '+48221234567', Direction: 'inbound', CallDuration: s === 'completed' ? '60' : '' })
    const events = async (id: string) => ((await (await t.api(`/api/conversations/${id}/events`, { token: admin })).json()) as { items: TimelineEvent[] }).items
    async function conversationsOf(sid: string): Promise<Conversation[]> {
      const list = ((await (await t.api('/api/conversations?channel=voice&limit=100', { token: admin })).json()) as { items: Conversation[] }).items
      const found: Conversation[] = []
      for (const c of list) if ((await events(c.id)).some((e) => e.type === 'call' && e.data?.callSid === sid)) found.push(c)
      return found
    }
    async function onlyConversationOf(sid: string): Promise<Conversation> {
      const found = await conversationsOf(sid)
      expect(found).toHaveLength(1)
      return found[0]!
    }

    it('refuses a failed signature on every webhook route and stores nothing', async () => {
      const sid = callSid()
      const params = { CallSid: sid, AccountSid: ACCOUNT_SID, From: caller(), To: '+48221234567', CallStatus: 'ringing', Direction: 'inbound', Digits: '1' }
      for (const route of ROUTES) expect([route, (await post(route, params, 'nie-ten-token-twilio-0000')).status]).toEqual([route, 403])
      expect(await conversationsOf(sid)).toEqual([])
    })

    it('stores a call, a status callback and a recording once however often they come, concurrently too', async () => {
      const sid = callSid()
      const from = caller()
      expect(new Set((await Promise.all([1, 2, 3, 4, 5].map(() => ring(sid, from)))).map((r) => r.status))).toEqual(new Set([200]))
      const conv = await onlyConversationOf(sid)
      const at = clock.now().getTime()
      await Promise.all([1, 2, 3, 4, 5].map(() => status(sid, 'in-progress', 2, at)))
      const recording = api.addRecording('NAGRANIE')
      await Promise.all([1, 2, 3, 4, 5].map(() => post('/recording', { CallSid: sid, AccountSid: ACCOUNT_SID, RecordingSid: recording.recordingSid, RecordingUrl: recording.url, RecordingDuration: '3', RecordingStatus: 'completed' })))
      const calls = (await events(conv.id)).filter((e) => e.type === 'call')
      expect(calls.filter((e) => e.data?.state === 'in-progress')).toHaveLength(1)
      expect(calls.filter((e) => e.data?.kind === 'voicemail')).toHaveLength(1)
    })

    it("keeps the provider's order of callbacks in the timeline; an older one never moves the call back", async () => {
      const sid = callSid()
      await ring(sid, caller())
      const conv = await onlyConversationOf(sid)
      const at = clock.now().getTime()
      // Delivered completed, ringing, in-progress: numbered 3, 1, 2 by the provider.
      for (const [s, seq] of [['completed', 3], ['ringing', 1], ['in-progress', 2]] as const) expect((await status(sid, s, seq, at + seq * 1000)).status).toBeLessThan(300)
      const list = await events(conv.id)
      const legs = [...list].sort(timelineOrder).filter((e) => e.type === 'call' && typeof e.data?.sequence === 'number')
      expect(legs.map((e) => [e.data?.state, e.data?.stale ?? false])).toEqual([
        ['ringing', true],
        ['in-progress', true],
        ['completed', false],
      ])
      // Abandoned in the queue by the first (and latest) "completed"; the older ones changed nothing after it.
      expect(((await (await t.api(`/api/conversations/${conv.id}`, { token: admin })).json()) as Conversation).status).toBe('resolved')
      expect(list.map((e) => e.seq)).toEqual(list.map((_, i) => i + 1))
    })

    /** A queue chosen by `digit` that puts calls straight through to a consultant at `phone`. */
    async function putThrough(phone: string, digit: string) {
      const q = await t.hub.store.createQueue({ name: `Kontrakt ${phone}` })
      expect((await t.api(`/api/admin/queues/${q.id}`, { method: 'PATCH', token: admin, json: { ivrDigits: digit } })).status).toBe(200)
      await t.hub.store.updateQueue(q.id, { autoAccept: true })
      const person = await t.consultant(`kontrakt.${phone.slice(-4)}.${Date.now()}@example.pl`, 0)
      await t.hub.store.setRoutingProfile(person.id, { capacity: { voice: 1 } })
      await t.hub.store.joinQueue(person.id, q.id)
      await t.api(`/api/admin/consultants/${person.id}`, { method: 'PATCH', token: admin, json: { voiceTarget: phone } })
      await person.socket.request({ type: 'presence', state: 'available' }, (f) => f.type === 'presence' && f.consultantId === person.id && f.state === 'available')
      return { digit, person }
    }
    const updatesOf = (sid: string) => api.calls.filter((c) => c.kind === 'update' && c.callSid === sid)

    it('retries putting a call through after a retryable failure, with the same request', async () => {
      const { digit, person } = await putThrough('+48500200301', '7')
      api.failNext(1, 503)
      const sid = callSid()
      await post('/menu?attempt=1', { CallSid: sid, AccountSid: ACCOUNT_SID, From: caller(), To: '+48221234567', CallStatus: 'ringing', Direction: 'inbound', Digits: digit })
      await expect
        .poll(
          () => {
            clock.advance(1_000)
            return updatesOf(sid).map((c) => c.status)
          },
          { timeout: 10_000 },
        )
        .toEqual([503, 200])
      const [first, second] = updatesOf(sid)
      expect(second!.params).toEqual(first!.params)
      const conv = await onlyConversationOf(sid)
      await expect.poll(async () => (await events(conv.id)).filter((e) => e.type === 'call' && e.data?.state === 'connecting').length, { timeout: 5000 }).toBe(1)
      await person.socket.close()
    })

    it('shows a refusal by the Calls API as a failed leg', async () => {
      const { digit, person } = await putThrough('+48500200302', '8')
      const sid = callSid()
      // The caller hangs up just as the consultant takes the call: Twilio refuses the update for good (21220).
      api.endCall(sid)
      await post('/menu?attempt=1', { CallSid: sid, AccountSid: ACCOUNT_SID, From: caller(), To: '+48221234567', CallStatus: 'ringing', Direction: 'inbound', Digits: digit })
      const conv = await onlyConversationOf(sid)
      await expect.poll(async () => (await events(conv.id)).find((e) => e.type === 'call' && e.data?.state === 'connect_failed')?.data?.error, { timeout: 5000 }).toMatch(/no longer in progress/)
      expect(updatesOf(sid).map((c) => c.status)).toEqual([400])
      await person.socket.close()
    })
  })
}
