// SMS (Twilio format) in the channel contract: each message a signed form POST to the webhook, in the order given
// (Twilio posts one message per request); replies through the fake Twilio Messages API.
import { startFakeTwilioApi, type FakeTwilioApi } from '../../test/fakes/twilio-api.ts'
import type { TestHub } from '../../test/support/test-hub.ts'
import type { ContractCase } from '../contract.case.test.ts'
import { twilioSignature } from '../sms/twilio-signature.ts'
import { createTwilioSmsConnector } from '../sms/twilio-sms-connector.ts'

const ACCOUNT_SID = 'AC' + 'd'.repeat(32)
const AUTH_TOKEN = 'kontrakt-token-twilio-0123456789'
const PUBLIC_URL = 'https://hub.example.gov.pl'
let api: FakeTwilioApi | null = null

/** The contract's sender ids as valid Polish mobile numbers (E.164), the same for the same sender. */
const phoneOf = (senderId: string) => `+4860${senderId.replace(/\D/g, '').slice(-7).padStart(7, '0')}`
/** MessageSid: SM + 32 hex digits, from the contract's message id. */
const sidOf = (id: string) => 'SM' + id.replace(/[^0-9a-f]/gi, '').padEnd(32, '0').slice(0, 32).toLowerCase()

export const smsCase: ContractCase = {
  name: 'sms',
  refusedStatus: 403,
  async setup() {
    api = await startFakeTwilioApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })
    return {
      connectors: [createTwilioSmsConnector({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+48221234567', publicUrl: PUBLIC_URL, apiUrl: api.url })],
      close: async () => api?.close(),
    }
  },
  async deliver(t: TestHub, messages, opts = {}) {
    let status = 200
    for (const m of [...messages].sort((a, b) => a.sentAt - b.sentAt)) {
      const params = new URLSearchParams({ MessageSid: sidOf(m.id), AccountSid: ACCOUNT_SID, From: phoneOf(m.senderId), To: '+48221234567', Body: m.text, NumMedia: '0' })
      const signature = twilioSignature(opts.authentic === false ? 'nie-ten-token-twilio-000' : AUTH_TOKEN, `${PUBLIC_URL}/connectors/sms/twilio`, [...params])
      const r = await t.api('/connectors/sms/twilio', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: params.toString() })
      status = r.status
      if (status !== 200) return status
    }
    return status
  },
  outbound: {
    failNext(n, retryable) {
      if (retryable) api?.failNext(n, 500)
      else api?.failNext(n, 400, 21610)
    },
  },
}
