// Twilio's webhooks, authenticated before they are read (SMS and calls alike): a signature header at all, a form
// body within the limit, then X-Twilio-Signature over the URL Twilio called (query string included) and the raw
// body's params. The body is parsed as URLSearchParams only to compute the HMAC; the handler interprets it, only
// once it is Twilio's.
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { validTwilioSignature } from './sms/twilio-signature.ts'

export const TWILIO_SIGNATURE_HEADER = 'X-Twilio-Signature'

export function twilioError(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  return c.json({ error: { code, message } }, status)
}

function forbidden(c: Context) {
  return twilioError(c, 403, 'forbidden', `Missing or wrong ${TWILIO_SIGNATURE_HEADER}`)
}

/** The handlers of a signed webhook at `base + sub` (base: the public URL of the connector's path). */
export function twilioWebhook(cfg: { authToken: string; base: string; maxBytes: number }, sub: string, handle: (c: Context, params: URLSearchParams) => Promise<Response>) {
  return [
    async (c: Context, next: () => Promise<void>) => {
      if (!c.req.header(TWILIO_SIGNATURE_HEADER)) return forbidden(c)
      if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
        return twilioError(c, 415, 'unsupported_media_type', 'Twilio webhooks are application/x-www-form-urlencoded')
      }
      await next()
    },
    bodyLimit({ maxSize: cfg.maxBytes, onError: (c) => twilioError(c, 413, 'payload_too_large', 'The body is too large') }),
    async (c: Context) => {
      const params = new URLSearchParams(await c.req.text())
      // The signed URL is the one configured at Twilio: the public root, the route, and the query string as sent.
      const url = cfg.base + sub + new URL(c.req.url).search
      if (!validTwilioSignature(cfg.authToken, url, [...params], c.req.header(TWILIO_SIGNATURE_HEADER))) return forbidden(c)
      return handle(c, params)
    },
  ] as const
}
