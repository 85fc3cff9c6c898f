// Signed Messenger webhook bodies for the ingest bench: the app's secrets (shared with the servers) and a builder
// of `object: 'page'` deliveries whose entries each carry one text message, as Meta sends them.
import { createHmac } from 'node:crypto'

/** The Messenger settings of the bench hub (MESSENGER_*); the bare baseline verifies with the same secret. */
export const BENCH_MESSENGER = {
  appSecret: 'bench-messenger-app-secret-0123456789',
  verifyToken: 'bench-verify-token',
  pageAccessToken: 'bench-page-access-token-0123456789',
  // Nothing is sent during the bench; should anything be, it goes nowhere rather than to graph.facebook.com.
  apiUrl: 'http://127.0.0.1:9/v25.0',
}
export const BENCH_PAGE_ID = '682498302938465'

export interface WebhookMessage {
  /** The sender's PSID. */
  psid: string
  mid: string
  text: string
  /** Epoch milliseconds. */
  timestamp: number
}

export interface SignedDelivery {
  body: Buffer
  /** The X-Hub-Signature-256 header value. */
  signature: string
  messages: number
}

/** One delivery with one entry per message (Meta batches entries of one page this way), signed like Meta signs. */
export function signedDelivery(messages: readonly WebhookMessage[], appSecret = BENCH_MESSENGER.appSecret): SignedDelivery {
  const body = Buffer.from(
    JSON.stringify({
      object: 'page',
      entry: messages.map((m) => ({
        id: BENCH_PAGE_ID,
        time: m.timestamp,
        messaging: [{ sender: { id: m.psid }, recipient: { id: BENCH_PAGE_ID }, timestamp: m.timestamp, message: { mid: m.mid, text: m.text } }],
      })),
    }),
  )
  return { body, signature: 'sha256=' + createHmac('sha256', appSecret).update(body).digest('hex'), messages: messages.length }
}
