// The Telegram connector (ARCHITECTURE.md, Connectors): the Bot API webhook in, sendMessage out through telegraf,
// attachments fetched with getFile and the file download URL.
// Config: TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET (the secret_token given to setWebhook), TELEGRAM_API_URL.
import { timingSafeEqual } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { Telegram, TelegramError } from 'telegraf'
import type { Connector, FetchedAttachment, Ingest, OutboundMessage, SendResult } from '../connector.ts'
import { fetchMedia } from '../media-fetch.ts'
import { parseUpdate } from './parse-update.ts'
import { parseJsonKeepingBigInts } from './safe-json.ts'

export interface TelegramConnectorConfig {
  botToken: string
  webhookSecret: string
  /** The Bot API root; default https://api.telegram.org. Tests point it at test/fakes/telegram-api.ts. */
  apiUrl?: string
  log?: { warn(obj: object, msg?: string): void }
  /** How long one sendMessage (or getFile, answerCallbackQuery) may take before it counts as a retryable timeout;
   * default 15 s. */
  sendTimeoutMs?: number
}

type Failure = { ok: false; retryable: boolean; error: string }

const MAX_BODY_BYTES = 1024 * 1024
const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token'

export function createTelegramConnector(cfg: TelegramConnectorConfig): Connector {
  if (cfg.botToken === '' || cfg.webhookSecret === '') throw new Error('Telegram: bot token and webhook secret are required')
  const secret = Buffer.from(cfg.webhookSecret, 'utf8')
  const apiRoot = cfg.apiUrl ?? 'https://api.telegram.org'
  const telegram = new Telegram(cfg.botToken, { apiRoot })
  const sendTimeoutMs = cfg.sendTimeoutMs ?? 15_000
  // An operator-configured root (a local Bot API server, a test fake) may be plain http on an internal address;
  // the public one is held to the media fetcher's usual rules.
  const trustedHosts = cfg.apiUrl === undefined ? [] : [new URL(cfg.apiUrl).hostname]
  const redact = (text: string) => redactToken(text, cfg.botToken)

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
        const parsed = parseUpdate(body, new Date())
        if (parsed.kind === 'invalid') return error(c, 400, 'bad_request', `Not a Telegram update: ${parsed.reason}`)
        if (parsed.kind === 'ignored') return c.json({ ok: true })
        try {
          await ingest([parsed.event])
        } catch (err) {
          // Telegram retries a non-2xx delivery; the hub stores each externalId once. The press is answered then.
          cfg.log?.warn({ err, externalId: parsed.event.externalId }, 'telegram: ingest failed')
          return error(c, 500, 'internal', 'The update could not be stored')
        }
        if (parsed.callbackQueryId !== undefined) answerCallbackQuery(parsed.callbackQueryId)
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
        {
          chat_id: msg.recipientId,
          text: msg.text,
          // Choices as a one-time reply keyboard: a tap sends the text back.
          ...(msg.choices?.length ? { reply_markup: { keyboard: [msg.choices.map((text) => ({ text }))], one_time_keyboard: true, resize_keyboard: true } } : {}),
        },
        // telegraf's own timeout is 500 s; its typings name abort-controller's AbortSignal, which Node's matches.
        { signal: AbortSignal.timeout(sendTimeoutMs) as never },
      )
      return { ok: true, providerId: `telegram:${msg.recipientId}:${sent.message_id}` }
    } catch (err) {
      return apiFailure(err, redact)
    }
  }

  // The citizen's app shows a spinner on the pressed button until the bot answers. Only after the commit (a failed
  // ingest is retried by Telegram, and answered then), and never awaited: the webhook's answer does not wait on it.
  function answerCallbackQuery(id: string) {
    telegram
      .callApi('answerCallbackQuery', { callback_query_id: id }, { signal: AbortSignal.timeout(sendTimeoutMs) as never })
      .catch((err: unknown) => cfg.log?.warn({ error: apiFailure(err, redact).error, callbackQueryId: id }, 'telegram: answerCallbackQuery failed'))
  }

  // getFile gives a path valid for at least an hour; the Bot API serves files up to 20 MB (larger: 400 "file is too
  // big"). The download URL carries the token, so every error that leaves here is redacted.
  async function fetchAttachment(ref: string, maxBytes: number): Promise<FetchedAttachment> {
    let file: { file_size?: number; file_path?: string }
    try {
      file = await telegram.callApi('getFile', { file_id: ref }, { signal: AbortSignal.timeout(sendTimeoutMs) as never })
    } catch (err) {
      return apiFailure(err, redact)
    }
    if (typeof file.file_size === 'number' && file.file_size > maxBytes) {
      return { ok: false, retryable: false, error: `larger than ${maxBytes} bytes (${file.file_size})` }
    }
    const path = file.file_path
    if (typeof path !== 'string' || path === '') return { ok: false, retryable: false, error: 'Telegram gave no file_path' }
    // A local Bot API server (--local) answers with an absolute path on its own disk: not downloadable over HTTP.
    // `..` would climb out of /file/bot<token>/ once the URL is resolved.
    const segments = path.split('/')
    if (path.startsWith('/') || segments.some((s) => s === '' || s === '.' || s === '..')) {
      return { ok: false, retryable: false, error: 'Telegram gave a file_path outside the download route' }
    }
    // Resolved the way telegraf resolves its own method URLs against apiRoot.
    const url = new URL(`./file/bot${cfg.botToken}/${segments.map(encodeURIComponent).join('/')}`, apiRoot)
    const fetched = await fetchMedia(url.toString(), { allowedHosts: ['api.telegram.org'], trustedHosts, maxBytes })
    return fetched.ok ? fetched : { ...fetched, error: redact(fetched.error) }
  }

  return { kind: 'telegram', routes, send, fetchAttachment }
}

function apiFailure(err: unknown, redact: (text: string) => string): Failure {
  if (err instanceof TelegramError) {
    const code = err.code
    // 429 Too Many Requests (retry_after), 5xx: try again. 400 chat not found / invalid file_id / file is too big,
    // 403 blocked by the user: final. 401 (a bad token) is final too: retrying cannot fix the configuration.
    const retryable = code === 429 || code >= 500
    return { ok: false, retryable, error: redact(`Telegram ${code}: ${err.description}`) }
  }
  // Network errors, timeouts, a non-JSON answer from a proxy. telegraf removes the token from fetch errors' URLs;
  // redacted here again in case another layer put it back.
  const message = err instanceof Error ? err.message : String(err)
  return { ok: false, retryable: true, error: `Telegram unreachable: ${redact(message)}` }
}

function redactToken(text: string, token: string): string {
  return text.split(token).join('[REDACTED]').replace(/bot\d+:[^/\s]+/g, 'bot[REDACTED]')
}

function error(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  return c.json({ error: { code, message } }, status)
}
