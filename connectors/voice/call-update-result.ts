// The Calls API's answer to an update (connect, redirect, hang up) as a value: which refusals are final, and why.
export type CallUpdateResult = { ok: true } | { ok: false; retryable: boolean; error: string }

/** Final refusals that need words of their own (Twilio's error dictionary). */
const FINAL_REASONS: Record<number, string> = {
  20404: 'the call does not exist (any more)',
  21220: 'the call is no longer in progress (the caller hung up)',
  20003: 'Twilio refused the credentials; check TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN',
  13520: 'the Twiml is not valid',
}

export function callUpdateResult(status: number, text: string): CallUpdateResult {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  const obj = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
  if (status >= 200 && status < 300 && typeof obj.sid === 'string') return { ok: true }
  const prefix = `Twilio ${status}`
  const code = typeof obj.code === 'number' ? obj.code : typeof obj.code === 'string' && /^\d+$/.test(obj.code) ? Number(obj.code) : null
  if (code === null) {
    if (status === 401) return { ok: false, retryable: false, error: `${prefix}: ${FINAL_REASONS[20003]}` }
    const what = status >= 200 && status < 300 ? 'an answer without sid' : 'a body that is no Twilio error'
    return { ok: false, retryable: true, error: `${prefix}: ${what}` }
  }
  const twilio = `Twilio error ${code}: ${typeof obj.message === 'string' ? obj.message : 'no message'}`
  const reason = Object.hasOwn(FINAL_REASONS, code) ? FINAL_REASONS[code] : undefined
  if (reason !== undefined) return { ok: false, retryable: false, error: `${prefix}: ${reason} (${twilio})` }
  return { ok: false, retryable: status === 429 || status >= 500, error: `${prefix}: ${twilio}` }
}
