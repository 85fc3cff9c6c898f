// The Telegram connector (ARCHITECTURE.md, Connectors): the Bot API webhook in, sendMessage out through telegraf.
// Config: TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET (the secret_token given to setWebhook), TELEGRAM_API_URL.
import { timingSafeEqual } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { Telegram, TelegramError } from 'telegraf'
import type { Connector, Ingest, OutboundMessage, SendResult } from '../connector.ts'
import { parseUpdate } from './parse-update.ts'
import { parseJsonKeepingBigInts } from './safe-json.ts'

export interface TelegramConnectorConfig {
  botToken: string
  webhookSecret: string
  /** The Bot API root; default https://api.telegram.org. Tests point it at test/fakes/telegram-api.ts. */
  apiUrl?: string
  log?: { warn(obj: object, msg?: string): void }
  /** How long one sendMessage may take before it counts as a retryable timeout; default 15 s. */
  sendTimeoutMs?: number
}

const MAX_BODY_BYTES = 1024 * 1024
const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token'

export function createTelegramConnector(cfg: TelegramConnectorConfig): Connector {
  if (cfg.botToken === '' || cfg.webhookSecret === '') throw new Error('Telegram: bot token and webhook secret are required')
  const secret = Buffer.from(cfg.webhookSecret, 'utf8')
  const telegram = new Telegram(cfg.botToken, { apiRoot: cfg.apiUrl ?? 'https://api.telegram.org' })
  const sendTimeoutMs = cfg.sendTimeoutMs ?? 15_000

  function routes(ingest: Ingest): Hono {
    const app = new Hono()
    app.post(
      '/',
      // Authenticate before anything reads the body.
      async (c, next) => {
        const given = Buffer.from(c.req.header(SECRET_HEADER) ?? '', 'utf8')
        if (given.length !== secret.length || !timingSafeEqual(given, secret)) {
          return error(c, 401, 'unauthorized', `Missing or wrong ${SECRET_HEADER}`)
        }
        await next()
      },
      bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => error(c, 413, 'payload_too_large', 'The body is too large') }),
      async (c) => {
        let body: unknown
        try {
          body = parseJsonKeepingBigInts(await c.req.text())
        } catch {
          return error(c, 400, 'bad_json', 'The body is not valid JSON')
        }
        const parsed = parseUpdate(body)
        if (parsed.kind === 'invalid') return error(c, 400, 'bad_request', `Not a Telegram update: ${parsed.reason}`)
        if (parsed.kind === 'ignored') return c.json({ ok: true })
        try {
          await ingest([parsed.message])
        } catch (err) {
          // Telegram retries a non-2xx delivery; the hub stores each externalId once.
          cfg.log?.warn({ err, externalId: parsed.message.externalId }, 'telegram: ingest failed')
          return error(c, 500, 'internal', 'The update could not be stored')
        }
        return c.json({ ok: true })
      },
    )
    return app
  }

  // The Bot API has no idempotency key, so msg.outboxId cannot travel with the send. The hub's outbox sends each
  // attempt once; but if a send times out after Telegram accepted it, the retry delivers a second copy to the
  // citizen. Unavoidable with this API; the timeout is kept generous to make it rare.
  async function send(msg: OutboundMessage): Promise<SendResult> {
    try {
      const sent = await telegram.callApi(
        'sendMessage',
        { chat_id: msg.recipientId, text: msg.text },
        // telegraf's own timeout is 500 s; its typings name abort-controller's AbortSignal, which Node's matches.
        { signal: AbortSignal.timeout(sendTimeoutMs) as never },
      )
      return { ok: true, providerId: `telegram:${sent.message_id}` }
    } catch (err) {
      return sendFailure(err)
    }
  }

  return { kind: 'telegram', routes, send }
}

function sendFailure(err: unknown): SendResult & { ok: false } {
  if (err instanceof TelegramError) {
    const code = err.code
    // 429 Too Many Requests (retry_after), 5xx: try again. 400 chat not found, 403 blocked by the user: final.
    // 401 (a bad token) is final too: retrying cannot fix the configuration.
    const retryable = code === 429 || code >= 500
    return { ok: false, retryable, error: `Telegram ${code}: ${err.description}` }
  }
  // Network errors, timeouts, a non-JSON answer from a proxy. telegraf removes the token from fetch errors' URLs.
  const message = err instanceof Error ? err.message : String(err)
  return { ok: false, retryable: true, error: `Telegram unreachable: ${message.replace(/bot\d+:[^/\s]+/g, 'bot[REDACTED]')}` }
}

function error(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  return c.json({ error: { code, message } }, status)
}
