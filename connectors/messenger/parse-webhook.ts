// A Messenger Platform webhook body (object 'page', batched entry[] each with messaging[] events) → the hub's
// InboundEvents: messages (text, attachments, quick replies, replies), postbacks (as messages with a button), echoes
// of the page's own sends, delivery and read watermarks, and edits. Reactions and standby (handover) events are
// recognised and skipped (see `skipReason`).
// Docs: developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events
// ("All JSON properties in a webhook notification are strings", but the legacy envelopes carry numbers for
// entry.id, time and timestamp: both are accepted; ids come back as exact strings).
import type { AttachmentKind } from '../../protocol/attachments.ts'
import type { InboundAttachment, InboundEvent, InboundMessage, InboundReceipt } from '../connector.ts'

type Id = number | string

export type ParsedWebhook =
  /** `skipped`: events that were not turned into events for the hub, with why (for the log: ids and reasons, no
   * content). */
  | { kind: 'events'; events: InboundEvent[]; skipped: SkippedEvent[] }
  /** A correctly signed delivery for another webhook object (instagram, user, permissions…): acknowledged, dropped. */
  | { kind: 'other_object'; object: string }
  | { kind: 'invalid'; reason: string }

export interface SkippedEvent {
  entryId: string
  reason: string
  /** Expected traffic (reaction, standby…) rather than a malformed event. */
  expected: boolean
}

/** What send() puts into the Send API's message.metadata; Meta hands it back in the echo. */
export const OUTBOX_METADATA_PREFIX = 'hub:'

export function parseWebhook(body: unknown): ParsedWebhook {
  if (!isObject(body) || typeof body.object !== 'string') return { kind: 'invalid', reason: 'no object' }
  if (body.object !== 'page') return { kind: 'other_object', object: body.object }
  if (!Array.isArray(body.entry)) return { kind: 'invalid', reason: 'no entry array' }

  const events: InboundEvent[] = []
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
    // deliver; Messenger traffic to a subscribed page comes as messaging[]. Not handled.
    if (Array.isArray(entry.changes)) skipped.push({ entryId, reason: 'changes[] entry', expected: false })
    if (!Array.isArray(entry.messaging)) continue
    for (const event of entry.messaging) {
      const result = parseEvent(event, entry.time)
      if ('event' in result) events.push(result.event)
      else skipped.push({ entryId, ...result })
    }
  }
  return { kind: 'events', events, skipped }
}

type EventResult = { event: InboundEvent } | { reason: string; expected: boolean }

function parseEvent(event: unknown, entryTime: unknown): EventResult {
  if (!isObject(event)) return { reason: 'event is not an object', expected: false }
  if (isObject(event.reaction)) return { reason: 'reaction', expected: true }
  const sentAt = toDate(event.timestamp) ?? toDate(entryTime)

  // An echo comes from the page (sender is the page id); the person is the recipient. Checked before the sender.
  if (isObject(event.message) && event.message.is_echo === true) return parseEcho(event.message, event.recipient, sentAt)

  // A postback from the chat plugin's guest mode or the checkbox plugin carries sender.user_ref instead of a PSID;
  // the Send API can answer it (recipient.user_ref), but the hub keys contacts on the PSID.
  const sender = isObject(event.sender) && isId(event.sender.id) ? String(event.sender.id) : null
  if (sender === null) return { reason: isObject(event.sender) && 'user_ref' in event.sender ? 'sender is a user_ref' : 'no sender.id', expected: false }

  // Watermarks: every message the page sent before `watermark` was delivered / read. Legacy deliveries carry no
  // timestamp, so these do not need one.
  if (isObject(event.delivery)) return parseReceipt(sender, 'delivered', event.delivery)
  if (isObject(event.read)) return parseReceipt(sender, 'read', event.read)

  if (sentAt === null) return { reason: 'no timestamp', expected: false }
  if (isObject(event.message)) return parseMessage(sender, event.message, sentAt)
  if (isObject(event.postback)) return parsePostback(sender, event.postback, sentAt)
  if (isObject(event.message_edit)) return parseEdit(sender, event.message_edit, sentAt)
  return { reason: `event type ${eventType(event)}`, expected: true }
}

function parseMessage(sender: string, m: Record<string, unknown>, sentAt: Date): EventResult {
  const mid = nonEmpty(m.mid)
  if (mid === null) return { reason: 'message without mid', expected: false }
  const attachments = Array.isArray(m.attachments) ? parseAttachments(m.attachments) : []
  // The text exactly as sent (not trimmed); '' when the message is only attachments.
  const text = typeof m.text === 'string' ? m.text : ''
  if (text === '' && attachments.length === 0) return { reason: 'message without text or attachments', expected: false }
  const message: InboundMessage = { kind: 'message', channel: 'messenger', senderId: sender, senderName: null, externalId: `messenger:${mid}`, text, sentAt }
  if (attachments.length > 0) message.attachments = attachments
  const replyTo = isObject(m.reply_to) ? nonEmpty(m.reply_to.mid) : null
  if (replyTo !== null) message.replyTo = `messenger:${replyTo}`
  // A quick reply: the text is the button's title the person saw; the payload is what the hub gave the button.
  if (isObject(m.quick_reply)) message.button = { kind: 'quick_reply', payload: nonEmpty(m.quick_reply.payload) }
  return { event: message }
}

function parsePostback(sender: string, p: Record<string, unknown>, sentAt: Date): EventResult {
  // Current docs give postbacks their own mid (postback.mid); older deliveries had none: sender + timestamp is
  // then the most stable key Meta gives (a retried delivery repeats both).
  const mid = nonEmpty(p.mid)
  const externalId = mid !== null ? `messenger:${mid}` : `messenger:postback:${sender}:${sentAt.getTime()}`
  const text = typeof p.title === 'string' ? p.title : ''
  return { event: { kind: 'message', channel: 'messenger', senderId: sender, senderName: null, externalId, text, sentAt, button: { kind: 'postback', payload: nonEmpty(p.payload) } } }
}

function parseEcho(m: Record<string, unknown>, recipient: unknown, sentAt: Date | null): EventResult {
  const recipientId = isObject(recipient) && isId(recipient.id) ? String(recipient.id) : null
  if (recipientId === null) return { reason: 'echo without recipient.id', expected: false }
  const mid = nonEmpty(m.mid)
  if (mid === null) return { reason: 'echo without mid', expected: false }
  if (sentAt === null) return { reason: 'no timestamp', expected: false }
  // Only our own metadata names an outbox row; other apps on the page (or the page inbox) may set anything.
  const metadata = typeof m.metadata === 'string' && m.metadata.startsWith(OUTBOX_METADATA_PREFIX) ? m.metadata.slice(OUTBOX_METADATA_PREFIX.length) : ''
  const outboxId = metadata !== '' ? metadata : null
  const text = typeof m.text === 'string' ? m.text : ''
  return { event: { kind: 'echo', channel: 'messenger', recipientId, externalId: `messenger:${mid}`, outboxId, text, sentAt } }
}

function parseReceipt(sender: string, state: 'delivered' | 'read', r: Record<string, unknown>): EventResult {
  const watermark = toDate(r.watermark)
  if (watermark === null) return { reason: `${state === 'delivered' ? 'delivery' : 'read'} without watermark`, expected: false }
  const receipt: InboundReceipt = { kind: 'receipt', channel: 'messenger', senderId: sender, state, watermark, at: watermark }
  if (Array.isArray(r.mids)) receipt.externalIds = r.mids.flatMap((mid) => (nonEmpty(mid) !== null ? [`messenger:${mid as string}`] : []))
  return { event: receipt }
}

function parseEdit(sender: string, e: Record<string, unknown>, sentAt: Date): EventResult {
  const mid = nonEmpty(e.mid)
  if (mid === null) return { reason: 'message_edit without mid', expected: false }
  if (typeof e.text !== 'string') return { reason: 'message_edit without text', expected: false }
  // num_edit counts the edits of that message (at most five), so mid + num_edit names this edit; the docs show it
  // as "<INT>", so a digit string is accepted too. Without it the timestamp stands in (a retry repeats it).
  const n = typeof e.num_edit === 'number' ? e.num_edit : typeof e.num_edit === 'string' && /^\d+$/.test(e.num_edit) ? Number(e.num_edit) : NaN
  const edit = Number.isSafeInteger(n) ? String(n) : `t${sentAt.getTime()}`
  return { event: { kind: 'edit', channel: 'messenger', senderId: sender, target: `messenger:${mid}`, externalId: `messenger:edit:${mid}:${edit}`, text: e.text, editedAt: sentAt } }
}

const MEDIA_KINDS: readonly string[] = ['image', 'file', 'audio', 'video', 'sticker'] satisfies AttachmentKind[]

function parseAttachments(list: unknown[]): InboundAttachment[] {
  // During Meta's sticker transition (2026) a sticker arrives twice: a `sticker` attachment and an `image` with
  // payload.sticker_id. Keep one.
  const hasSticker = list.some((a) => isObject(a) && a.type === 'sticker')
  const out: InboundAttachment[] = []
  for (const a of list) {
    if (!isObject(a)) continue
    const payload = isObject(a.payload) ? a.payload : {}
    const type = typeof a.type === 'string' ? a.type : ''
    if (hasSticker && type === 'image' && payload.sticker_id !== undefined) continue
    const title = nonEmpty(a.title) ?? nonEmpty(payload.title)
    const base = { name: title, contentType: null, size: null }
    if (MEDIA_KINDS.includes(type)) {
      // Before the transition a sticker (the thumbs-up too) came only as an image with payload.sticker_id.
      const kind = type === 'image' && payload.sticker_id !== undefined ? 'sticker' : (type as AttachmentKind)
      out.push({ kind, ...base, ref: nonEmpty(payload.url) })
    } else if (type === 'location') {
      const c = isObject(payload.coordinates) ? payload.coordinates : {}
      const lat = toNumber(c.lat)
      const long = toNumber(c.long)
      // A location without usable coordinates is still shown as something the person sent, but as no place.
      out.push(lat !== null && long !== null ? { kind: 'location', ...base, ref: null, location: { lat, long } } : { kind: 'other', ...base, ref: null })
    } else if (type === 'fallback') {
      // A shared link: nothing to download (the URL is a web page anywhere), so its address is its name.
      out.push({ kind: 'other', ...base, name: nonEmpty(a.url) ?? nonEmpty(payload.url) ?? title, ref: null })
    } else {
      // Types this parser does not know (reels, templates…): kept as 'other'; a payload.url is still only fetched
      // from Meta's hosts.
      out.push({ kind: 'other', ...base, ref: nonEmpty(payload.url) })
    }
  }
  return out
}

/** Messenger timestamps are epoch milliseconds; some payloads (and the docs' postback example) give seconds. */
export function toDate(value: unknown): Date | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(n) || n <= 0) return null
  return new Date(n < 1e11 ? n * 1000 : n)
}

/** Coordinates are numbers, or decimal strings ("all JSON properties are strings"). */
function toNumber(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : NaN
  return Number.isFinite(n) ? n : null
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
