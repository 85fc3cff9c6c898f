// Messenger in the channel contract (connectors/contract.case.test.ts): a delivery is one signed webhook POST with
// all its messages as events of one entry, in the order given; replies through the fake Graph API.
import { createHmac } from 'node:crypto'
import { OUTSIDE_WINDOW, startFakeMessengerApi, type FakeMessengerApi } from '../../test/fakes/messenger-api.ts'
import type { TestHub } from '../../test/support/test-hub.ts'
import type { ContractCase } from '../contract.case.test.ts'
import { createMessengerConnector } from '../messenger/messenger-connector.ts'

const APP_SECRET = 'kontrakt-sekret-aplikacji-messengera'
let api: FakeMessengerApi | null = null

export const messengerCase: ContractCase = {
  name: 'messenger',
  refusedStatus: 401,
  providerClock: true,
  async setup() {
    api = await startFakeMessengerApi()
    return {
      connectors: [createMessengerConnector({ appSecret: APP_SECRET, verifyToken: 'kontrakt-weryfikacja', pageAccessToken: api.token, apiUrl: api.url })],
      close: async () => api?.close(),
    }
  },
  async deliver(t: TestHub, messages, opts = {}) {
    const body = JSON.stringify({
      object: 'page',
      entry: [{
        id: '682498302938465',
        time: Math.max(...messages.map((m) => m.sentAt)),
        messaging: messages.map((m) => ({
          sender: { id: m.senderId },
          recipient: { id: '682498302938465' },
          timestamp: m.sentAt,
          message: { mid: `m_${m.id}`, text: m.text },
        })),
      }],
    })
    const secret = opts.authentic === false ? 'nie-ten-sekret' : APP_SECRET
    const r = await t.api('/connectors/messenger', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=' + createHmac('sha256', secret).update(body).digest('hex') },
      body,
    })
    return r.status
  },
  outbound: {
    failNext(n, retryable) {
      if (retryable) api?.failNext(n, 500)
      else api?.failNext(n, 400, OUTSIDE_WINDOW)
    },
  },
}
