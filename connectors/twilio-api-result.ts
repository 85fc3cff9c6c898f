// A Twilio REST answer (Messages, Calls) as a value: the resource's sid, or a refusal that is final (with words
// staff can act on, from the caller's table of error codes) or worth retrying (429, 5xx, an answer that is no
// Twilio error at all).
export type TwilioApiResult = { ok: true; sid: string } | { ok: false; retryable: boolean; error: string }

const BAD_CREDENTIALS = 'Twilio refused the credentials; check TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN'

export function twilioApiResult(status: number, text: string, finalReasons: Readonly<Record<number, string>>): TwilioApiResult {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  const obj = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
  if (status >= 200 && status < 300 && typeof obj.sid === 'string' && obj.sid !== '') return { ok: true, sid: obj.sid }
  const prefix = `Twilio ${status}`
  const code = typeof obj.code === 'number' ? obj.code : typeof obj.code === 'string' && /^\d+$/.test(obj.code) ? Number(obj.code) : null
  if (code === null) {
    // A proxy's HTML page, an empty 502, a 2xx without sid: nothing says Twilio refused, except a 401.
    if (status === 401) return { ok: false, retryable: false, error: `${prefix}: ${finalReasons[20003] ?? BAD_CREDENTIALS}` }
    const what = status >= 200 && status < 300 ? 'an answer without sid' : 'a body that is no Twilio error'
    return { ok: false, retryable: true, error: `${prefix}: ${what}` }
  }
  const twilio = `Twilio error ${code}: ${typeof obj.message === 'string' ? obj.message : 'no message'}`
  const reason = Object.hasOwn(finalReasons, code) ? finalReasons[code] : undefined
  if (reason !== undefined) return { ok: false, retryable: false, error: `${prefix}: ${reason} (${twilio})` }
  // 429 (20429, too many requests) and 5xx: try again; any other 4xx is a refusal that retrying cannot change.
  return { ok: false, retryable: status === 429 || status >= 500, error: `${prefix}: ${twilio}` }
}
