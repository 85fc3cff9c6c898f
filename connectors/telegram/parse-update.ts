// A Bot API Update (https://core.telegram.org/bots/api#update) → at most one of the hub's inbound events: a message
// (text, caption, attachments, reply) or an inline-keyboard press in a private chat, or an edit of such a message.
// Ids may be numbers or, beyond 2^53, the decimal strings that parseJsonKeepingBigInts leaves; both become exact strings.
import type { InboundAttachment, InboundEdit, InboundMessage } from '../connector.ts'

type Id = number | string
interface TgUser { id: Id; first_name?: string; last_name?: string; username?: string }
interface TgFile { file_id: string; file_size?: unknown; file_name?: unknown; mime_type?: unknown }
interface TgPhotoSize extends TgFile { width?: unknown; height?: unknown }
interface TgMessage {
  message_id: Id
  date: number
  edit_date?: unknown
  chat: { id: Id; type?: string }
  from?: TgUser
  text?: unknown
  caption?: unknown
  reply_to_message?: { message_id?: unknown }
  photo?: unknown
  document?: unknown
  animation?: unknown
  voice?: unknown
  audio?: unknown
  video?: unknown
  video_note?: unknown
  sticker?: unknown
  location?: unknown
}
interface TgCallbackQuery { id: string; from: TgUser; data?: unknown; message?: unknown }

export type ParsedUpdate =
  /** `callbackQueryId`: an inline-keyboard press, to be answered (answerCallbackQuery) once the event is stored. */
  | { kind: 'event'; event: InboundMessage | InboundEdit; callbackQueryId?: string }
  /** Answered 200 and dropped; `reason` is for the log. */
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; reason: string }

/** `receivedAt`: when the webhook came, the time of updates that carry none (callback queries). */
export function parseUpdate(body: unknown, receivedAt: Date): ParsedUpdate {
  if (!isObject(body) || !isId(body.update_id)) return { kind: 'invalid', reason: 'no update_id' }
  // Each update is one delivery; Telegram repeats it with the same update_id until it gets a 2xx.
  const externalId = `telegram:${String(body.update_id)}`
  // Not handled: `channel_post`, `my_chat_member` (the user blocked the bot), `message_reaction`, inline queries…
  if (body.message !== undefined) return parseMessage(body.message, externalId)
  if (body.edited_message !== undefined) return parseEdit(body.edited_message, externalId)
  if (body.callback_query !== undefined) return parseCallbackQuery(body.callback_query, externalId, receivedAt)
  return { kind: 'ignored', reason: `update type ${updateType(body)}` }
}

function parseMessage(raw: unknown, externalId: string): ParsedUpdate {
  const m = messageOf(raw)
  if (typeof m === 'string') return { kind: 'invalid', reason: m }
  // A contact centre bot talks to citizens one to one; replies go to senderId, which is only the chat in a private chat.
  if (m.chat.type !== 'private') return { kind: 'ignored', reason: `chat type ${String(m.chat.type)}` }
  const text = textOf(m)
  const attachments = attachmentsOf(m)
  if (text === '' && attachments.length === 0) return { kind: 'ignored', reason: `message without text, caption or a supported attachment (${messageType(m)})` }
  const from = senderOf(m)
  const reply = m.reply_to_message
  // Telegram's reply_to_message is in the same chat (replies to other chats come as external_reply).
  const replyTo = isObject(reply) && isId(reply.message_id) ? `telegram:${String(m.chat.id)}:${String(reply.message_id)}` : null
  return {
    kind: 'event',
    event: {
      kind: 'message',
      channel: 'telegram',
      senderId: from.id,
      senderName: from.name,
      externalId,
      ref: messageRef(m),
      text,
      sentAt: new Date(m.date * 1000),
      ...(attachments.length > 0 ? { attachments } : {}),
      ...(replyTo !== null ? { replyTo } : {}),
    },
  }
}

function parseEdit(raw: unknown, externalId: string): ParsedUpdate {
  const m = messageOf(raw)
  if (typeof m === 'string') return { kind: 'invalid', reason: `edited_message: ${m}` }
  if (m.chat.type !== 'private') return { kind: 'ignored', reason: `edit in chat type ${String(m.chat.type)}` }
  const editedAt = typeof m.edit_date === 'number' && Number.isFinite(m.edit_date) ? m.edit_date : m.date
  return {
    kind: 'event',
    event: {
      kind: 'edit',
      channel: 'telegram',
      senderId: senderOf(m).id,
      target: messageRef(m),
      externalId,
      text: textOf(m),
      editedAt: new Date(editedAt * 1000),
    },
  }
}

function parseCallbackQuery(raw: unknown, externalId: string, receivedAt: Date): ParsedUpdate {
  if (!isObject(raw) || typeof raw.id !== 'string' || raw.id === '' || !isObject(raw.from) || !isId(raw.from.id)) {
    return { kind: 'invalid', reason: 'malformed callback_query' }
  }
  const q = raw as unknown as TgCallbackQuery
  // The keyboard's message, when the bot sent it (not inline mode): only presses in a private chat are the citizen's.
  const chat = isObject(q.message) && isObject(q.message.chat) ? q.message.chat : null
  if (chat !== null && chat.type !== 'private') return { kind: 'ignored', reason: `callback in chat type ${String(chat.type)}` }
  const data = typeof q.data === 'string' ? q.data : null
  return {
    kind: 'event',
    event: {
      kind: 'message',
      channel: 'telegram',
      senderId: String(q.from.id),
      senderName: displayName(q.from),
      externalId,
      text: data ?? '',
      // A press carries no time of its own; the message's `date` is when the keyboard was sent, not pressed.
      sentAt: receivedAt,
      button: { kind: 'callback', payload: data },
    },
    callbackQueryId: q.id,
  }
}

/** The message, or why it is malformed. */
function messageOf(raw: unknown): TgMessage | string {
  if (!isObject(raw) || !isObject(raw.chat) || !isId(raw.chat.id) || !isId(raw.message_id) || typeof raw.date !== 'number') {
    return 'malformed message'
  }
  return raw as unknown as TgMessage
}

/** Edits and replies name a message by chat and message_id (message ids are only unique within a chat). */
function messageRef(m: TgMessage): string {
  return `telegram:${String(m.chat.id)}:${String(m.message_id)}`
}

/** In a private chat the chat id is the user's id, so it stands in when `from` is missing. */
function senderOf(m: TgMessage): { id: string; name: string | null } {
  const from = isObject(m.from) && isId(m.from.id) ? m.from : null
  return { id: String(from?.id ?? m.chat.id), name: from ? displayName(from) : null }
}

function textOf(m: TgMessage): string {
  if (typeof m.text === 'string') return m.text
  return typeof m.caption === 'string' ? m.caption : ''
}

function attachmentsOf(m: TgMessage): InboundAttachment[] {
  const out: InboundAttachment[] = []
  const photo = largestPhoto(m.photo)
  // Telegram re-encodes every photo as JPEG; the sizes are the same picture scaled, so the largest is the one kept.
  if (photo) out.push({ kind: 'image', name: null, contentType: 'image/jpeg', size: sizeOf(photo.file_size), ref: photo.file_id })
  // An animation (GIF, silent MP4) also comes as `document` for older clients: taken once, as the animation.
  const animation = fileOf(m.animation)
  if (animation) out.push(fileAttachment('video', animation))
  else {
    const document = fileOf(m.document)
    if (document) out.push(fileAttachment('file', document))
  }
  for (const [field, kind] of [['voice', 'audio'], ['audio', 'audio'], ['video', 'video'], ['video_note', 'video']] as const) {
    const file = fileOf(m[field])
    if (file) out.push(fileAttachment(kind, file))
  }
  const sticker = fileOf(m.sticker)
  if (sticker) {
    const s = m.sticker as { is_animated?: unknown; is_video?: unknown }
    const contentType = s.is_animated === true ? 'application/x-tgsticker' : s.is_video === true ? 'video/webm' : 'image/webp'
    out.push({ kind: 'sticker', name: null, contentType, size: sizeOf(sticker.file_size), ref: sticker.file_id })
  }
  const location = m.location
  if (isObject(location) && isCoordinate(location.latitude, 90) && isCoordinate(location.longitude, 180)) {
    out.push({ kind: 'location', name: null, contentType: null, size: null, ref: null, location: { lat: location.latitude, long: location.longitude } })
  }
  return out
}

function fileAttachment(kind: InboundAttachment['kind'], f: TgFile): InboundAttachment {
  return {
    kind,
    name: typeof f.file_name === 'string' && f.file_name !== '' ? f.file_name : null,
    contentType: typeof f.mime_type === 'string' && f.mime_type !== '' ? f.mime_type : null,
    size: sizeOf(f.file_size),
    ref: f.file_id,
  }
}

function largestPhoto(photo: unknown): TgPhotoSize | null {
  if (!Array.isArray(photo)) return null
  let best: TgPhotoSize | null = null
  let bestArea = -1
  for (const p of photo) {
    const size: TgPhotoSize | null = fileOf(p)
    if (!size) continue
    const area = typeof size.width === 'number' && typeof size.height === 'number' ? size.width * size.height : 0
    // Sizes come smallest first; on a tie (no dimensions) the later one wins.
    if (area >= bestArea) [best, bestArea] = [size, area]
  }
  return best
}

function fileOf(v: unknown): TgFile | null {
  return isObject(v) && typeof v.file_id === 'string' && v.file_id !== '' ? (v as unknown as TgFile) : null
}

function sizeOf(v: unknown): number | null {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null
}

function isCoordinate(v: unknown, limit: number): v is number {
  return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= limit
}

function displayName(u: TgUser): string | null {
  const full = [u.first_name, u.last_name].filter((s) => typeof s === 'string' && s.trim() !== '').join(' ')
  if (full !== '') return full
  return typeof u.username === 'string' && u.username !== '' ? u.username : null
}

function updateType(body: Record<string, unknown>): string {
  return Object.keys(body).find((k) => k !== 'update_id') ?? 'none'
}

/** The first content field of a message nothing was taken from (contact, poll, dice, service messages…), for the log. */
function messageType(m: TgMessage): string {
  return Object.keys(m).find((k) => !['message_id', 'date', 'chat', 'from', 'reply_to_message', 'entities', 'caption_entities', 'message_thread_id'].includes(k)) ?? 'empty'
}

function isId(v: unknown): v is Id {
  return (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v))
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
