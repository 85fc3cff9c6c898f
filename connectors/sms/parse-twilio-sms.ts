// Twilio's form parameters, once their signature is checked, as the hub's inbound events: an incoming SMS/MMS
// (the Messaging webhook) and a status callback of a message the hub sent.
import type { AttachmentKind } from '../../protocol/attachments.ts'
import type { DeliveryState, InboundAttachment, InboundMessage, InboundReceipt } from '../connector.ts'
import { toE164 } from '../phone-number.ts'

export type ParsedIncoming = { kind: 'message'; event: InboundMessage } | { kind: 'invalid'; reason: string }
export type ParsedStatus = { kind: 'receipt'; event: InboundReceipt } | { kind: 'ignored'; status: string } | { kind: 'invalid'; reason: string }

/** Twilio's default opt-out and opt-in keywords for long codes (Messaging, "Twilio support for opt-out keywords");
 * REVOKE and OPTOUT were added in 2025. Polish senders write STOP as well: there is no separate Polish keyword. */
const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'])
const START_WORDS = new Set(['START', 'YES', 'UNSTOP'])
/** Twilio sends at most 10 media per message; a forged NumMedia cannot make the parser loop further. */
const MAX_MEDIA = 10

export function parseIncomingSms(params: URLSearchParams, receivedAt: Date): ParsedIncoming {
  const sid = params.get('MessageSid') ?? params.get('SmsMessageSid')
  if (sid === null || sid === '') return { kind: 'invalid', reason: 'no MessageSid' }
  const from = params.get('From')
  if (from === null || from === '') return { kind: 'invalid', reason: 'no From' }
  const senderId = toE164(from)
  if (senderId === null) return { kind: 'invalid', reason: 'From is not a valid phone number' }
  const text = params.get('Body') ?? ''
  const attachments = mediaOf(params)
  const optOut = optOutOf(params, text)
  const event: InboundMessage = {
    kind: 'message',
    channel: 'sms',
    senderId,
    senderName: null,
    externalId: `twilio:${sid}`,
    text,
    // Twilio's webhook carries no send time: the time it reached the hub stands for it.
    sentAt: receivedAt,
    ...(attachments.length > 0 ? { attachments } : {}),
    ...(optOut !== null ? { optOut } : {}),
  }
  return { kind: 'message', event }
}

/** Twilio's MessageStatus → the hub's states; receiving/received are inbound states, not callbacks of ours. */
const STATES: Record<string, DeliveryState> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
}

/** The meaning of the error codes staff meet most (Twilio's error dictionary), shown next to the code. */
const ERROR_MEANINGS: Record<string, string> = {
  '30003': 'unreachable destination handset',
  '30004': 'message blocked',
  '30005': 'unknown destination handset',
  '30006': 'landline or unreachable carrier',
  '30007': 'filtered by the carrier',
  '30008': 'unknown error',
  '21610': 'the recipient opted out (STOP)',
}

export function parseStatusCallback(params: URLSearchParams, receivedAt: Date): ParsedStatus {
  const sid = params.get('MessageSid') ?? params.get('SmsSid')
  if (sid === null || sid === '') return { kind: 'invalid', reason: 'no MessageSid' }
  const status = (params.get('MessageStatus') ?? params.get('SmsStatus') ?? '').toLowerCase()
  const state = Object.hasOwn(STATES, status) ? STATES[status] : undefined
  if (state === undefined) return { kind: 'ignored', status }
  const code = params.get('ErrorCode')
  const meaning = code !== null && Object.hasOwn(ERROR_MEANINGS, code) ? `: ${ERROR_MEANINGS[code]}` : ''
  const error = code !== null && code !== '' && code !== '0' ? `Twilio ${code}${meaning}` : null
  const event: InboundReceipt = {
    kind: 'receipt',
    channel: 'sms',
    senderId: null,
    state,
    watermark: null,
    externalIds: [`twilio:${sid}`],
    ...(error !== null ? { error } : {}),
    // The callback has no timestamp either (only RawDlrDoneDate, in the carrier's own format, for some).
    at: receivedAt,
  }
  return { kind: 'receipt', event }
}

function mediaOf(params: URLSearchParams): InboundAttachment[] {
  const count = Math.min(Number.parseInt(params.get('NumMedia') ?? '0', 10) || 0, MAX_MEDIA)
  const out: InboundAttachment[] = []
  for (let i = 0; i < count; i++) {
    const url = params.get(`MediaUrl${i}`)
    if (url === null || url === '') continue
    const contentType = params.get(`MediaContentType${i}`)?.trim().toLowerCase() || null
    // The URL is the ref as it came: fetchAttachment holds it to Twilio's hosts; a broken one fails there, visibly.
    out.push({ kind: kindOf(contentType), name: null, contentType, size: null, ref: url })
  }
  return out
}

function kindOf(contentType: string | null): AttachmentKind {
  const top = contentType?.split('/')[0]
  return top === 'image' || top === 'audio' || top === 'video' ? top : 'file'
}

/** The whole body, trimmed and in any case, is the keyword ("Stop please" is a message). Twilio's Advanced Opt-Out
 * names what it recognised in OptOutType (its own keywords, maybe localised): that wins when present. */
function optOutOf(params: URLSearchParams, text: string): 'stop' | 'start' | null {
  const type = params.get('OptOutType')?.toUpperCase()
  if (type === 'STOP') return 'stop'
  if (type === 'START') return 'start'
  const word = text.trim().toUpperCase()
  if (STOP_WORDS.has(word)) return 'stop'
  if (START_WORDS.has(word)) return 'start'
  return null
}
