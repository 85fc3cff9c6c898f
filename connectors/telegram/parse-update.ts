// A Bot API Update (https://core.telegram.org/bots/api#update) → the hub's InboundMessage. First slice: text, and the
// caption (or a placeholder) of photos and documents, in private chats. Ids may be numbers or, beyond 2^53, the
// decimal strings that parseJsonKeepingBigInts leaves; both become exact strings here.
import type { InboundMessage } from '../connector.ts'

type Id = number | string
interface TgUser { id: Id; first_name?: string; last_name?: string; username?: string }
interface TgMessage {
  message_id: Id
  date: number
  chat: { id: Id; type?: string }
  from?: TgUser
  text?: string
  caption?: string
  photo?: unknown[]
  document?: { file_name?: string }
}
interface TgUpdate { update_id: Id; message?: TgMessage }

export type ParsedUpdate =
  | { kind: 'message'; message: InboundMessage }
  /** Answered 200 and dropped; `reason` is for the log. */
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; reason: string }

export function parseUpdate(body: unknown): ParsedUpdate {
  if (!isObject(body) || !isId(body.update_id)) return { kind: 'invalid', reason: 'no update_id' }
  const update = body as unknown as TgUpdate
  // Not in this slice, each one branch away: `edited_message` (update the existing event, found by chat id +
  // message_id), `callback_query` (answerCallbackQuery), `channel_post`, `my_chat_member` (the user blocked the bot).
  if (update.message === undefined) return { kind: 'ignored', reason: `update type ${updateType(body)}` }
  const m = update.message
  if (!isObject(m) || !isObject(m.chat) || !isId(m.chat.id) || typeof m.date !== 'number') {
    return { kind: 'invalid', reason: 'malformed message' }
  }
  // A contact centre bot talks to citizens one to one; replies go to senderId, which is only the chat in a private chat.
  if (m.chat.type !== 'private') return { kind: 'ignored', reason: `chat type ${String(m.chat.type)}` }
  const text = messageText(m)
  if (text === null) return { kind: 'ignored', reason: 'message without text, caption, photo or document' }
  const from = isObject(m.from) && isId(m.from.id) ? m.from : null
  return {
    kind: 'message',
    message: {
      channel: 'telegram',
      senderId: String(from?.id ?? m.chat.id),
      senderName: from ? displayName(from) : null,
      externalId: `telegram:${String(update.update_id)}`,
      text,
      sentAt: new Date(m.date * 1000),
    },
  }
}

function messageText(m: TgMessage): string | null {
  const caption = typeof m.caption === 'string' && m.caption.trim() !== '' ? m.caption : null
  if (typeof m.text === 'string') return m.text
  if (Array.isArray(m.photo)) return caption ?? '[zdjęcie]'
  if (isObject(m.document)) {
    const name = typeof m.document.file_name === 'string' ? `: ${m.document.file_name}` : ''
    return caption ?? `[dokument${name}]`
  }
  return null
}

function displayName(u: TgUser): string | null {
  const full = [u.first_name, u.last_name].filter((s) => typeof s === 'string' && s.trim() !== '').join(' ')
  if (full !== '') return full
  return typeof u.username === 'string' && u.username !== '' ? u.username : null
}

function updateType(body: Record<string, unknown>): string {
  return Object.keys(body).find((k) => k !== 'update_id') ?? 'none'
}

function isId(v: unknown): v is Id {
  return (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v))
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
