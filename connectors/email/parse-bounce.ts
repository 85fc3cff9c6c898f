// A delivery status notification (RFC 3464, a bounce) → the receipt that marks the hub's mail as failed. The mail
// bounced is named by the Message-ID in the returned headers, which the hub set to `<outboxId@MAIL_DOMAIN>`.
import type { Attachment, ParsedMail, StructuredHeader } from 'mailparser'
import type { InboundReceipt } from '../connector.ts'

export type ParsedBounce = { kind: 'bounce'; receipt: InboundReceipt } | { kind: 'ignored'; reason: string }

const STATUS_TYPES = ['message/delivery-status', 'message/global-delivery-status']
const RETURNED_TYPES = ['text/rfc822-headers', 'message/rfc822', 'message/global', 'message/global-headers']
const DAEMON = /^(mailer-daemon|postmaster)@/i

/** Null when the mail is no delivery report; expects the parser's `keepDeliveryStatus` (the report as a part). */
export function parseBounce(mail: ParsedMail, receivedAt: Date): ParsedBounce | null {
  const contentType = mail.headers.get('content-type') as StructuredHeader | undefined
  const isReport = contentType?.value.toLowerCase() === 'multipart/report'
  const reportType = contentType?.params['report-type']?.toLowerCase() ?? null
  const statusPart = mail.attachments.find((a) => STATUS_TYPES.includes(a.contentType.toLowerCase()))
  const fromDaemon = mail.from?.value.some((a) => DAEMON.test(a.address ?? '')) ?? false
  if (isReport && reportType !== 'delivery-status') {
    // Read receipts (disposition-notification), abuse feedback: machine reports, never a citizen's words.
    return { kind: 'ignored', reason: `a ${reportType ?? 'untyped'} report` }
  }
  if (!isReport && !(fromDaemon && statusPart !== undefined)) return null
  if (statusPart === undefined) return { kind: 'ignored', reason: 'a delivery report without its status part' }

  const recipients = recipientFields(statusPart.content.toString('utf8'))
  const failed = recipients.filter((r) => action(r) === 'failed')
  if (failed.length === 0) {
    const actions = [...new Set(recipients.map(action))].join(', ') || 'none'
    return { kind: 'ignored', reason: `a delivery report without a failure (actions: ${actions})` }
  }
  const original = returnedMessageId(mail.attachments) ?? firstId(mail.inReplyTo) ?? lastId(mail.references)
  if (original === null) return { kind: 'ignored', reason: 'a bounce that names no original Message-ID' }
  return {
    kind: 'bounce',
    receipt: {
      kind: 'receipt',
      channel: 'email',
      senderId: null,
      state: 'failed',
      watermark: null,
      externalIds: [`email:${original}`],
      error: failed.map(describe).join('; '),
      at: receivedAt,
    },
  }
}

type Fields = Map<string, string>

/** The per-recipient field groups of a delivery-status body: blocks after the first (the per-message fields). */
function recipientFields(body: string): Fields[] {
  const blocks = body.replace(/\r\n/g, '\n').split(/\n[ \t]*\n/).map(headerFields).filter((f) => f.size > 0)
  return blocks.filter((f) => f.has('final-recipient') || f.has('original-recipient') || f.has('action') || f.has('status'))
}

function action(fields: Fields): string {
  const given = fields.get('action')?.toLowerCase()
  if (given !== undefined && given !== '') return given
  // Action is required, but some MTAs leave it out: the status class says as much.
  const status = fields.get('status') ?? ''
  return status.startsWith('5') ? 'failed' : status.startsWith('4') ? 'delayed' : status.startsWith('2') ? 'delivered' : 'unknown'
}

function describe(fields: Fields): string {
  // `rfc822; jan@example.pl`, `smtp; 550 5.1.1 …`: the type before the semicolon says nothing to staff.
  const value = (name: string) => fields.get(name)?.replace(/^[\w-]+\s*;\s*/, '').trim() || null
  const recipient = value('final-recipient') ?? value('original-recipient') ?? 'an unknown recipient'
  const diagnostic = value('diagnostic-code')
  const status = fields.get('status') ?? null
  const why = [diagnostic, status !== null && !(diagnostic ?? '').includes(status) ? `status ${status}` : null].filter((p) => p !== null)
  return `undeliverable to ${recipient}${why.length > 0 ? `: ${why.join(', ')}` : ''}`
}

/** The Message-ID of the mail sent back with the report (its headers, or the whole of it). */
function returnedMessageId(attachments: readonly Attachment[]): string | null {
  for (const part of attachments) {
    if (!RETURNED_TYPES.includes(part.contentType.toLowerCase())) continue
    const text = part.content.toString('utf8').replace(/\r\n/g, '\n')
    const head = text.split(/\n[ \t]*\n/)[0] ?? ''
    const id = firstId(headerFields(head).get('message-id'))
    if (id !== null) return id
  }
  return null
}

/** `Name: value` lines, folded lines unfolded, names lowercased; the first of a repeated name wins. */
function headerFields(block: string): Fields {
  const fields: Fields = new Map()
  for (const line of block.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim())
  }
  return fields
}

function firstId(value: string | undefined): string | null {
  if (value === undefined) return null
  const bracketed = /<([^<>\s]+)>/.exec(value)
  const bare = value.trim()
  return bracketed?.[1] ?? (bare !== '' && !/\s/.test(bare) ? bare : null)
}

function lastId(value: string | string[] | undefined): string | null {
  const all = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(firstId).filter((id) => id !== null)
  return all.at(-1) ?? null
}
