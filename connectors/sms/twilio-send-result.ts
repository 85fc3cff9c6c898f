// The Messages API's answer to a send, as a SendResult: which refusals are final, and why, in words staff can act on.
import type { SendResult } from '../connector.ts'
import { twilioApiResult } from '../twilio-api-result.ts'

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
  const r = twilioApiResult(status, text, FINAL_REASONS)
  return r.ok ? { ok: true, providerId: `twilio:${r.sid}` } : r
}
