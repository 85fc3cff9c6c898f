// A mail the SMTP listener received, as mailparser parsed it → the citizen's message (threading headers, the new
// text, sanitised HTML, attachments with their bytes), the receipt of a bounce, or nothing (with the reason).
import EmailReplyParser from 'email-reply-parser'
import type { AddressObject, Attachment, ParsedMail, SimpleParserOptions } from 'mailparser'
import type { AttachmentKind } from '../../protocol/attachments.ts'
import type { InboundAttachment, InboundMessage, InboundReceipt } from '../connector.ts'
import { automaticKind } from './automatic-mail.ts'
import { parseBounce } from './parse-bounce.ts'
import { sanitizeMailHtml } from './sanitize-mail-html.ts'

/** How `parseMail` expects the mail parsed: cid: links kept (no inlined data: images), a bounce's status part kept
 * as a part, and an attached message kept whole (a bounce's returned mail, a forwarded .eml). */
export const MAIL_PARSER_OPTIONS: SimpleParserOptions = { keepCidLinks: true, keepDeliveryStatus: true, ignoreEmbedded: true }

export interface ReceivedMail {
  mail: ParsedMail
  /** The SMTP envelope's RCPT TO addresses: the reply address may be there only (a Bcc, a forward). */
  recipients: readonly string[]
  receivedAt: Date
  /** The SHA-256 of the raw bytes, hex: the mail's identity when it has no Message-ID. */
  rawSha256: string
}

export type ParsedMailResult =
  | { kind: 'message'; message: InboundMessage }
  | { kind: 'bounce'; receipt: InboundReceipt }
  /** Answered 250 and dropped; `reason` is for the log. */
  | { kind: 'ignored'; reason: string }

const REPLY_ADDRESS = /^reply\+([A-Za-z0-9_-]{16,64})@(.+)$/i
const DAY_MS = 24 * 60 * 60 * 1000
/** Mail queues give up after about five days: a Date older than this is a wrong clock, not a slow delivery. */
const OLDEST_SENT_MS = 30 * DAY_MS

/** `domain`: MAIL_DOMAIN, where the conversation addresses `reply+<token>@` live. */
export function parseMail(received: ReceivedMail, domain: string): ParsedMailResult {
  const { mail, receivedAt } = received
  const bounce = parseBounce(mail, receivedAt)
  if (bounce !== null) return bounce

  const sender = mail.from?.value.find((a) => a.address !== undefined && a.address.includes('@'))
  if (sender?.address === undefined) return { kind: 'ignored', reason: 'no From address' }

  const messageId = firstId(mail.messageId)
  const ownId = (id: string) => id !== messageId
  // Some clients put the mail's own Message-ID in In-Reply-To: it threads to nothing.
  const inReplyTo = [firstId(mail.inReplyTo)].filter((id) => id !== null).find(ownId) ?? null
  const references = [...new Set(ids(mail.references))].filter(ownId)
  const fullText = (mail.text ?? '').replace(/\r\n?/g, '\n').trimEnd()
  const html = typeof mail.html === 'string' ? sanitizeMailHtml(mail.html) : ''
  const automatic = automaticKind(mail)

  const message: InboundMessage = {
    kind: 'message',
    channel: 'email',
    senderId: sender.address.toLowerCase(),
    senderName: sender.name.trim() || null,
    externalId: `email:${messageId ?? `sha256:${received.rawSha256}`}`,
    text: newPart(fullText),
    sentAt: sentAt(mail.date, receivedAt),
    email: {
      messageId,
      inReplyTo,
      references,
      replyToken: replyToken([...received.recipients, ...addresses(mail.to), ...addresses(mail.cc)], domain),
      subject: mail.subject?.trim() || null,
      fullText,
      html: html === '' ? null : html,
    },
  }
  // The generic link to the message answered, by the externalId it has (a citizen's mail, or ours: `email:<outbox id>@`).
  if (inReplyTo !== null) message.replyTo = `email:${inReplyTo}`
  const attachments = mail.attachments.map(attachment)
  if (attachments.length > 0) message.attachments = attachments
  if (automatic !== null) message.automatic = automatic
  return { kind: 'message', message }
}

/** What the citizen wrote this time: quoted history ("W dniu … napisał(a):", "> …") and the signature cut off. */
function newPart(fullText: string): string {
  const reply = new EmailReplyParser().parseReply(fullText).trim()
  return reply === '' ? fullText.trim() : reply
}

function sentAt(date: Date | undefined, receivedAt: Date): Date {
  if (date === undefined || Number.isNaN(date.getTime())) return receivedAt
  const ahead = date.getTime() - receivedAt.getTime()
  return ahead > DAY_MS || ahead < -OLDEST_SENT_MS ? receivedAt : date
}

function replyToken(recipients: readonly string[], domain: string): string | null {
  for (const address of recipients) {
    const match = REPLY_ADDRESS.exec(address.trim())
    if (match && match[2]?.toLowerCase() === domain.toLowerCase()) return match[1] ?? null
  }
  return null
}

function addresses(header: AddressObject | AddressObject[] | undefined): string[] {
  const objects = Array.isArray(header) ? header : header === undefined ? [] : [header]
  return objects.flatMap((o) => o.value.flatMap((a) => [a.address, ...(a.group ?? []).map((g) => g.address)]))
    .filter((a) => a !== undefined)
}

function attachment(part: Attachment): InboundAttachment {
  const type = part.contentType.toLowerCase()
  const kind: AttachmentKind = type.startsWith('image/') ? 'image' : type.startsWith('audio/') ? 'audio' : type.startsWith('video/') ? 'video' : 'file'
  // A copy: mailparser's Buffer may be a view into a shared pool.
  const content = new Uint8Array(part.content)
  return { kind, name: part.filename ?? null, contentType: part.contentType, size: content.byteLength, ref: null, content }
}

/** The Message-ID inside angle brackets (mailparser keeps them), or a bare one; null when there is none. */
function firstId(value: string | undefined): string | null {
  if (value === undefined) return null
  const bracketed = /<([^<>\s]+)>/.exec(value)
  const bare = value.trim()
  return bracketed?.[1] ?? (bare !== '' && !/[\s<>]/.test(bare) ? bare : null)
}

/** References, oldest first: mailparser gives one string or an array, and a string may still hold several ids. */
function ids(value: string | string[] | undefined): string[] {
  const parts = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return parts.flatMap((p) => {
    const bracketed = [...p.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] ?? '')
    return bracketed.length > 0 ? bracketed : p.split(/\s+/)
  }).filter((id) => id !== '')
}
