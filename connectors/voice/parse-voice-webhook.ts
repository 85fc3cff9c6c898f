// Twilio's voice webhook parameters, once their signature is checked, as typed values: an incoming call or menu
// digits, the queue's wait request, a call status callback, the Enqueue action, a Dial action, and the recording and
// transcription callbacks. Caller ids become E.164 or 'anonymous'.
import { toE164 } from '../phone-number.ts'
import type { VoiceCallEvent, VoiceCallStatus, VoiceQueueResult } from './voice-hub.ts'

export type Parsed<T> = { kind: 'ok'; value: T } | { kind: 'ignored'; reason: string } | { kind: 'invalid'; reason: string }

export interface IncomingCall { callSid: string; from: string; to: string; digits: string | null; at: Date }
export interface WaitRequest { callSid: string; queuePosition: number | null; queueTimeSeconds: number | null }
export interface DialResult { callSid: string; dialCallSid: string | null; status: VoiceCallStatus | null; durationSeconds: number | null; answered: boolean }
export interface RecordingEvent { callSid: string; recordingSid: string; url: string; durationSeconds: number | null; transcription: string | null; at: Date }

/** What Twilio puts in From when the caller withheld their number: the words, and the keypad spellings of
 * ANONYMOUS, RESTRICTED, BLOCKED, UNAVAIL and UNKNOWN that some carriers deliver as digits. */
const ANONYMOUS_IDS = new Set(['anonymous', 'restricted', 'blocked', 'unknown', 'unavailable', 'private', 'withheld', '+266696687', '+7378742833', '+2562533', '+8656696', '+86282452253'])

const CALL_STATUSES: readonly VoiceCallStatus[] = ['queued', 'ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'failed', 'canceled']

/** Twilio's QueueResult values → the hub's; the two variants of "being bridged"/"redirected" fold into one. */
const QUEUE_RESULTS: Record<string, VoiceQueueResult> = {
  bridged: 'bridged',
  'bridging-in-process': 'bridged',
  'queue-full': 'queue-full',
  redirected: 'redirected',
  'redirected-from-bridged': 'redirected',
  hangup: 'hangup',
  leave: 'leave',
  error: 'error',
  'system-error': 'system-error',
}

/** The incoming-call webhook and the menu's Gather action: who calls whom, and the keys pressed, if any. */
export function parseIncomingCall(params: URLSearchParams, receivedAt: Date): Parsed<IncomingCall> {
  const callSid = sidOf(params)
  if (callSid === null) return { kind: 'invalid', reason: 'no CallSid' }
  const digits = params.get('Digits')
  return {
    kind: 'ok',
    value: { callSid, from: callerId(params.get('From')), to: calledId(params.get('To')) ?? '', digits: digits === null || digits === '' ? null : digits, at: receivedAt },
  }
}

/** The Enqueue waitUrl request: QueuePosition (1 = next) and QueueTime so far. */
export function parseWaitRequest(params: URLSearchParams): Parsed<WaitRequest> {
  const callSid = sidOf(params)
  if (callSid === null) return { kind: 'invalid', reason: 'no CallSid' }
  return { kind: 'ok', value: { callSid, queuePosition: count(params.get('QueuePosition')), queueTimeSeconds: count(params.get('QueueTime')) } }
}

/** A call status callback (statusCallback of the number or of a call leg). */
export function parseCallStatus(params: URLSearchParams, receivedAt: Date): Parsed<VoiceCallEvent> {
  const callSid = sidOf(params)
  if (callSid === null) return { kind: 'invalid', reason: 'no CallSid' }
  const status = statusOf(params.get('CallStatus'))
  if (status === null) return { kind: 'ignored', reason: `CallStatus ${JSON.stringify(params.get('CallStatus'))}` }
  const queueTime = params.get('QueueTime')
  return {
    kind: 'ok',
    value: {
      ...common(params, callSid, status),
      sequence: count(params.get('SequenceNumber')),
      at: rfc2822(params.get('Timestamp')) ?? receivedAt,
      durationSeconds: count(params.get('CallDuration')),
      ...(queueTime !== null ? { queueTimeSeconds: count(queueTime) } : {}),
    },
  }
}

/** The Enqueue action: the caller left the queue, and why (QueueResult) after how long (QueueTime). */
export function parseQueueResult(params: URLSearchParams, receivedAt: Date): Parsed<VoiceCallEvent> {
  const callSid = sidOf(params)
  if (callSid === null) return { kind: 'invalid', reason: 'no CallSid' }
  const raw = (params.get('QueueResult') ?? '').trim().toLowerCase()
  const queueResult = Object.hasOwn(QUEUE_RESULTS, raw) ? QUEUE_RESULTS[raw] : undefined
  if (queueResult === undefined) return { kind: 'invalid', reason: `QueueResult ${JSON.stringify(raw)}` }
  // The action carries the call's own CallStatus: in-progress while the caller is still there, completed once gone.
  const status = statusOf(params.get('CallStatus')) ?? (queueResult === 'hangup' ? 'completed' : 'in-progress')
  return {
    kind: 'ok',
    value: { ...common(params, callSid, status), sequence: null, at: receivedAt, durationSeconds: null, queueResult, queueTimeSeconds: count(params.get('QueueTime')) },
  }
}

/** The Dial action: how the attempt to reach the consultant ended (DialCallStatus of the child leg). */
export function parseDialResult(params: URLSearchParams): Parsed<DialResult> {
  const callSid = sidOf(params)
  if (callSid === null) return { kind: 'invalid', reason: 'no CallSid' }
  const raw = (params.get('DialCallStatus') ?? '').trim().toLowerCase()
  // 'answered' (a conference) means the same for the caller as 'completed': they talked.
  const status = raw === 'answered' ? 'completed' : statusOf(raw)
  const dialCallSid = params.get('DialCallSid')
  return {
    kind: 'ok',
    value: { callSid, dialCallSid: dialCallSid || null, status, durationSeconds: count(params.get('DialCallDuration')), answered: status === 'completed' || status === 'in-progress' },
  }
}

/**
 * The recording status callback (RecordingStatus) and the transcription callback (TranscriptionStatus) of a
 * voicemail. A recording that failed or was absent (silence) and a failed transcription are ignored: there is
 * nothing to keep, and the hub learns of the call itself through the status callbacks.
 */
export function parseRecording(params: URLSearchParams, receivedAt: Date): Parsed<RecordingEvent> {
  const callSid = sidOf(params)
  if (callSid === null) return { kind: 'invalid', reason: 'no CallSid' }
  const recordingSid = params.get('RecordingSid')
  if (recordingSid === null || !/^RE[0-9a-fA-F]{32}$/.test(recordingSid)) return { kind: 'invalid', reason: 'no RecordingSid' }
  const url = params.get('RecordingUrl')
  if (url === null || !URL.canParse(url)) return { kind: 'invalid', reason: 'no RecordingUrl' }
  const transcriptionStatus = params.get('TranscriptionStatus')
  if (transcriptionStatus !== null) {
    if (transcriptionStatus !== 'completed') return { kind: 'ignored', reason: `TranscriptionStatus ${transcriptionStatus}` }
    return { kind: 'ok', value: { callSid, recordingSid, url, durationSeconds: count(params.get('RecordingDuration')), transcription: params.get('TranscriptionText') ?? '', at: receivedAt } }
  }
  const recordingStatus = params.get('RecordingStatus')
  // The Record action (no RecordingStatus) carries a finished recording too.
  if (recordingStatus !== null && recordingStatus !== 'completed') return { kind: 'ignored', reason: `RecordingStatus ${recordingStatus}` }
  return { kind: 'ok', value: { callSid, recordingSid, url, durationSeconds: count(params.get('RecordingDuration')), transcription: null, at: receivedAt } }
}

/** The caller as the hub knows callers: E.164, or 'anonymous' when withheld or not a phone number at all (a SIP
 * URI of an unknown PBX cannot be called back or matched to a contact either). */
export function callerId(raw: string | null): string {
  const value = (raw ?? '').trim()
  if (value === '' || ANONYMOUS_IDS.has(value.toLowerCase())) return 'anonymous'
  return toE164(value) ?? 'anonymous'
}

/** The called side: E.164 when it is a number, else as Twilio gave it (a SIP URI of a consultant's softphone). */
function calledId(raw: string | null): string | null {
  const value = (raw ?? '').trim()
  if (value === '') return null
  return toE164(value) ?? value
}

function common(params: URLSearchParams, callSid: string, status: VoiceCallStatus) {
  const from = params.get('From')
  return {
    callSid,
    status,
    from: from === null ? null : callerId(from),
    to: calledId(params.get('To')),
    direction: params.get('Direction') || null,
    parentCallSid: params.get('ParentCallSid') || null,
  }
}

function sidOf(params: URLSearchParams): string | null {
  const sid = params.get('CallSid')
  return sid !== null && /^CA[0-9a-fA-F]{32}$/.test(sid) ? sid : null
}

function statusOf(raw: string | null): VoiceCallStatus | null {
  const status = (raw ?? '').trim().toLowerCase()
  return (CALL_STATUSES as readonly string[]).includes(status) ? (status as VoiceCallStatus) : null
}

/** A non-negative whole number, or null when absent or not one. */
function count(raw: string | null): number | null {
  if (raw === null || !/^\s*\d{1,9}\s*$/.test(raw)) return null
  return Number.parseInt(raw, 10)
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** An RFC 2822 date ("Sun, 25 Mar 2018 09:53:19 +0000"), leniently: any day name, month names of any length. */
export function rfc2822(raw: string | null): Date | null {
  const m = /^\s*(?:[A-Za-z]+,?\s*)?(\d{1,2})\s+([A-Za-z]{3,})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([+-])(\d{2})(\d{2})|GMT|UTC?|Z)?\s*$/.exec(raw ?? '')
  if (!m) return null
  const [, day, monthName, year, hour, minute, second, sign, offH, offM] = m as unknown as (string | undefined)[]
  const month = MONTHS.indexOf((monthName as string).slice(0, 3).toLowerCase())
  if (month < 0) return null
  const [d, h, min, sec] = [Number(day), Number(hour), Number(minute), Number(second ?? 0)]
  // 31 Feb and 25:00 are refused rather than rolled over.
  if (new Date(Date.UTC(Number(year), month, d)).getUTCDate() !== d || h > 23 || min > 59 || sec > 60) return null
  const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM))
  return new Date(Date.UTC(Number(year), month, d, h, min, sec) - offset * 60_000)
}
