// The portal widget in the channel contract: its "provider" is the visitor socket. Authentication is the page's
// origin; the idempotency key is the widget's clientId; a visitor sends in order, so that is the provider order.
import { TestSocket } from '../../test/support/test-socket.ts'
import { WIDGET_ORIGIN, type TestHub } from '../../test/support/test-hub.ts'
import type { ContractCase } from '../contract.case.test.ts'

/** The same sender always writes with the same visitor token (a token is 16–128 characters). */
const tokenOf = (senderId: string) => `kontrakt-${senderId}`.padEnd(24, '0')

export const webchatCase: ContractCase = {
  name: 'webchat',
  refusedStatus: 403,
  async setup() {
    return { connectors: [], close: async () => {} }
  },
  async deliver(t: TestHub, messages, opts = {}) {
    const url = `${t.hub.url.replace('http', 'ws')}/ws/visitor`
    if (opts.authentic === false) return TestSocket.refusal(url, { origin: 'http://obca-strona.example' })
    const socket = await TestSocket.open(url, { origin: WIDGET_ORIGIN })
    try {
      await socket.request({ type: 'hello', lang: 'pl', visitorToken: tokenOf(messages[0]!.senderId) }, (f) => f.type === 'welcome')
      let conversationId: string | undefined
      for (const m of [...messages].sort((a, b) => a.sentAt - b.sentAt)) {
        const ack = await socket.request({ type: 'send', clientId: m.id, text: m.text, ...(conversationId ? { conversationId } : {}) }, (f) => f.type === 'ack' || f.type === 'error')
        if (ack.type !== 'ack') return 500
        conversationId = ack.conversationId as string
      }
      return 200
    } finally {
      await socket.close()
    }
  },
}
