// The Calls API's answer to an update (connect, redirect, hang up) as a value: which refusals are final, and why.
import { twilioApiResult } from '../twilio-api-result.ts'

export type CallUpdateResult = { ok: true } | { ok: false; retryable: boolean; error: string }

/** Final refusals that need words of their own (Twilio's error dictionary). */
const FINAL_REASONS: Record<number, string> = {
  20404: 'the call does not exist (any more)',
  21220: 'the call is no longer in progress (the caller hung up)',
  20003: 'Twilio refused the credentials; check TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN',
  13520: 'the Twiml is not valid',
}

export function callUpdateResult(status: number, text: string): CallUpdateResult {
  const r = twilioApiResult(status, text, FINAL_REASONS)
  return r.ok ? { ok: true } : r
}
