// Telegram in the channel contract: updates posted to the webhook with (or without) the secret-token header,
// replies through the fake Bot API.
import { startFakeTelegramApi, type FakeTelegramApi } from '../../test/fakes/telegram-api.ts'
import type { TestHub } from '../../test/support/test-hub.ts'
import type { ContractCase } from '../contract.case.test.ts'
import { createTelegramConnector } from '../telegram/telegram-connector.ts'

const SECRET = 'kontrakt-sekret-telegrama'
let api: FakeTelegramApi | null = null
/** update_id is the provider's message id: map the contract's ids onto increasing numbers. */
const updateIds = new Map<string, number>()
const updateIdOf = (id: string) => updateIds.get(id) ?? (updateIds.set(id, 10_000 + updateIds.size), updateIds.get(id)!)

export const telegramCase: ContractCase = {
  name: 'telegram',
  refusedStatus: 401,
  providerClock: true,
  async setup() {
    api = await startFakeTelegramApi()
    return {
      connectors: [createTelegramConnector({ botToken: api.token, webhookSecret: SECRET, apiUrl: api.url })],
      close: async () => api?.close(),
    }
  },
  async deliver(t: TestHub, messages, opts = {}) {
    // The Bot API delivers one update per request; a "delivery" of several is sent in the order given, the way
    // Telegram retries a backlog (each update is stored in its own request's order).
    let status = 200
    for (const m of [...messages].sort((a, b) => a.sentAt - b.sentAt)) {
      const body = JSON.stringify({
        update_id: updateIdOf(m.id),
        message: { message_id: updateIdOf(m.id), date: Math.floor(m.sentAt / 1000), text: m.text, chat: { id: Number(m.senderId.slice(0, 12)), type: 'private' }, from: { id: Number(m.senderId.slice(0, 12)), is_bot: false, first_name: 'Kontrakt' } },
      })
      const r = await t.api('/connectors/telegram', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': opts.authentic === false ? 'zly-sekret-zly-sekret' : SECRET },
        body,
      })
      status = r.status
      if (status !== 200) return status
    }
    return status
  },
  outbound: {
    failNext(n, retryable) {
      api?.failNext(n, retryable ? 500 : 403)
    },
  },
}
