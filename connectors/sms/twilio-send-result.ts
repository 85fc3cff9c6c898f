// The Messages API's answer to a send, as a SendResult: which refusals are final, and why, in words staff can act on.
import type { SendResult } from '../connector.ts'

/** Final refusals that need a reason of their own (Twilio's error dictionary). */
const FINAL_REASONS: Record<number, string> = {
  21610: 'the recipient opted out (STOP); they have to send START to receive messages again',
  21211: 'not a valid phone number',
  21614: 'not a mobile number that can receive SMS',
  21408: 'sending to this region is not enabled for the account (Geo Permissions)',
  21612: 'this sender cannot send to this number',
  21617: 'the text is longer than 1600 characters',
  20003: 'Twilio refused the credentials; check TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN',
}

export function sendResult(status: number, text: string): SendResult {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  const obj = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
  if (status >= 200 && status < 300 && typeof obj.sid === 'string' && obj.sid !== '') return { ok: true, providerId: `twilio:${obj.sid}` }
  const prefix = `Twilio ${status}`
  const code = typeof obj.code === 'number' ? obj.code : typeof obj.code === 'string' && /^\d+$/.test(obj.code) ? Number(obj.code) : null
  if (code === null) {
    // A proxy's HTML page, an empty 502, a 2xx without sid: nothing says Twilio refused the message, except a 401.
    if (status === 401) return { ok: false, retryable: false, error: `${prefix}: ${FINAL_REASONS[20003]}` }
    const what = status >= 200 && status < 300 ? 'an answer without sid' : 'a body that is no Twilio error'
    return { ok: false, retryable: true, error: `${prefix}: ${what}` }
  }
  const twilio = `Twilio error ${code}: ${typeof obj.message === 'string' ? obj.message : 'no message'}`
  const reason = Object.hasOwn(FINAL_REASONS, code) ? FINAL_REASONS[code] : undefined
  if (reason !== undefined) return { ok: false, retryable: false, error: `${prefix}: ${reason} (${twilio})` }
  // 429 (20429, too many requests) and 5xx: try again; any other 4xx is a refusal that retrying cannot change.
  return { ok: false, retryable: status === 429 || status >= 500, error: `${prefix}: ${twilio}` }
}
