// A Messenger Platform webhook body (object 'page', batched entry[] each with messaging[] events) → the hub's
// InboundMessages. First slice: text, quick replies, attachments as a placeholder line with the URL, postbacks.
// Echoes of our own sends, delivery and read watermarks, reactions, edits and standby (handover) events are
// recognised and skipped here; each is one branch away (see `skipReason`).
// Docs: developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events
// ("All JSON properties in a webhook notification are strings", but the legacy envelopes carry numbers for
// entry.id, time and timestamp: both are accepted; ids come back as exact strings).
import type { InboundMessage } from '../connector.ts'

type Id = number | string

export type ParsedWebhook =
  /** `skipped`: events that were not turned into messages, with why (for the log: ids and reasons, no content). */
  | { kind: 'events'; messages: InboundMessage[]; skipped: SkippedEvent[] }
  /** A correctly signed delivery for another webhook object (instagram, user, permissions…): acknowledged, dropped. */
  | { kind: 'other_object'; object: string }
  | { kind: 'invalid'; reason: string }

export interface SkippedEvent {
  entryId: string
  reason: string
  /** Expected traffic (echo, delivery, read…) rather than a malformed event. */
  expected: boolean
}

/** Placeholders for attachment types (Polish, as the console); the URL follows on the same line. */
export const ATTACHMENT_LABELS: Record<string, string> = {
  image: '[obraz]',
  file: '[plik]',
  audio: '[nagranie]',
  video: '[wideo]',
  location: '[lokalizacja]',
  sticker: '[naklejka]',
  fallback: '[link]',
}
const OTHER_ATTACHMENT = '[załącznik]'

export function parseWebhook(body: unknown): ParsedWebhook {
  if (!isObject(body) || typeof body.object !== 'string') return { kind: 'invalid', reason: 'no object' }
  if (body.object !== 'page') return { kind: 'other_object', object: body.object }
  if (!Array.isArray(body.entry)) return { kind: 'invalid', reason: 'no entry array' }

  const messages: InboundMessage[] = []
  const skipped: SkippedEvent[] = []
  for (const entry of body.entry) {
    if (!isObject(entry)) {
      skipped.push({ entryId: '?', reason: 'entry is not an object', expected: false })
      continue
    }
    // The page id: a number in older envelopes, a string in current ones; only used in logs here.
    const entryId = isId(entry.id) ? String(entry.id) : '?'
    // Handover protocol: events for threads another app owns arrive in standby[]; this app does not answer them.
    if (Array.isArray(entry.standby)) skipped.push({ entryId, reason: `standby (${entry.standby.length})`, expected: true })
    // `changes[]` (the `field`/`value` form of the docs' examples) is how Meta's test button and some subscriptions
    // deliver; Messenger traffic to a subscribed page comes as messaging[]. Not handled in this slice.
    if (Array.isArray(entry.changes)) skipped.push({ entryId, reason: 'changes[] entry', expected: false })
    if (!Array.isArray(entry.messaging)) continue
    for (const event of entry.messaging) {
      const result = parseEvent(event, entry.time)
      if ('message' in result) messages.push(result.message)
      else skipped.push({ entryId, ...result })
    }
  }
  return { kind: 'events', messages, skipped }
}

type EventResult = { message: InboundMessage } | { reason: string; expected: boolean }

function parseEvent(event: unknown, entryTime: unknown): EventResult {
  if (!isObject(event)) return { reason: 'event is not an object', expected: false }
  const reason = skipReason(event)
  if (reason !== null) return { reason, expected: true }

  // A postback from the chat plugin's guest mode or the checkbox plugin carries sender.user_ref instead of a PSID;
  // the Send API can answer it (recipient.user_ref), but the hub keys contacts on the PSID. Not in this slice.
  const sender = isObject(event.sender) && isId(event.sender.id) ? String(event.sender.id) : null
  if (sender === null) return { reason: isObject(event.sender) && 'user_ref' in event.sender ? 'sender is a user_ref' : 'no sender.id', expected: false }
  const sentAt = toDate(event.timestamp) ?? toDate(entryTime)
  if (sentAt === null) return { reason: 'no timestamp', expected: false }

  if (isObject(event.message)) {
    const m = event.message
    if (typeof m.mid !== 'string' || m.mid === '') return { reason: 'message without mid', expected: false }
    // message.reply_to.mid (a reply to an earlier message) is dropped in this slice: InboundMessage has no
    // reply reference yet. message.quick_reply.payload is developer-defined; the text is what the person saw.
    const text = messageText(m)
    if (text === null) return { reason: 'message without text or attachments', expected: false }
    return { message: { channel: 'messenger', senderId: sender, senderName: null, externalId: `messenger:${m.mid}`, text, sentAt } }
  }

  if (isObject(event.postback)) {
    const p = event.postback
    // Current docs give postbacks their own mid (postback.mid); older deliveries had none: sender + timestamp is
    // then the most stable key Meta gives (a retried delivery repeats both).
    const externalId = typeof p.mid === 'string' && p.mid !== '' ? `messenger:${p.mid}` : `messenger:postback:${sender}:${sentAt.getTime()}`
    const title = nonEmpty(p.title)
    const payload = nonEmpty(p.payload)
    const text = title ?? (payload !== null ? `[przycisk: ${payload}]` : '[przycisk]')
    return { message: { channel: 'messenger', senderId: sender, senderName: null, externalId, text, sentAt } }
  }

  return { reason: `event type ${eventType(event)}`, expected: true }
}

/** Events recognised and deliberately not ingested in this slice. */
function skipReason(event: Record<string, unknown>): string | null {
  // An echo of a message the page sent (ours through the Send API, or typed in the page inbox). Later: link it to
  // the outbound event by mid (and app_id/metadata), never store it as a citizen's message.
  if (isObject(event.message) && event.message.is_echo === true) return 'echo'
  // Watermarks: every message sent before `watermark` was delivered / read. Later: update outbound message states.
  if (isObject(event.delivery)) return 'delivery'
  if (isObject(event.read)) return 'read'
  if (isObject(event.reaction)) return 'reaction'
  if (isObject(event.message_edit)) return 'message_edit'
  return null
}

function messageText(m: Record<string, unknown>): string | null {
  const lines: string[] = []
  const text = nonEmpty(m.text)
  if (text !== null) lines.push(m.text as string)
  if (Array.isArray(m.attachments)) {
    // During Meta's sticker transition (2026) a sticker arrives twice: a `sticker` attachment and an `image` with
    // payload.sticker_id. Keep one line for it.
    const hasSticker = m.attachments.some((a) => isObject(a) && a.type === 'sticker')
    for (const a of m.attachments) {
      if (!isObject(a)) continue
      const payload = isObject(a.payload) ? a.payload : {}
      if (hasSticker && a.type === 'image' && payload.sticker_id !== undefined) continue
      lines.push(attachmentLine(typeof a.type === 'string' ? a.type : '', payload, a))
    }
  }
  return lines.length > 0 ? lines.join('\n') : null
}

function attachmentLine(type: string, payload: Record<string, unknown>, attachment: Record<string, unknown>): string {
  const label = ATTACHMENT_LABELS[type] ?? OTHER_ATTACHMENT
  const parts = [label]
  if (type === 'location' && isObject(payload.coordinates)) {
    const { lat, long } = payload.coordinates
    if (typeof lat === 'number' && typeof long === 'number') parts.push(`${lat},${long}`)
  }
  const title = nonEmpty(attachment.title) ?? nonEmpty(payload.title)
  if (title !== null && type !== 'image') parts.push(title)
  // Kept as text for this slice; attachment storage (fetched after the commit, from Meta's hosts only) comes later.
  const url = nonEmpty(payload.url) ?? nonEmpty(attachment.url)
  if (url !== null) parts.push(url)
  return parts.join(' ')
}

/** Messenger timestamps are epoch milliseconds; some payloads (and the docs' postback example) give seconds. */
export function toDate(value: unknown): Date | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(n) || n <= 0) return null
  return new Date(n < 1e11 ? n * 1000 : n)
}

function eventType(event: Record<string, unknown>): string {
  return Object.keys(event).find((k) => !['sender', 'recipient', 'timestamp'].includes(k)) ?? 'none'
}

function nonEmpty(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null
}

/** PSIDs and page ids are digit strings in practice; any short printable string is accepted and kept exact. */
function isId(v: unknown): v is Id {
  return (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) || (typeof v === 'string' && /^[^\s\p{Cc}]{1,256}$/u.test(v))
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
