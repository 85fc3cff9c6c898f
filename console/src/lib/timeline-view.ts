// The timeline as the consultant reads it: events in (occurredAt, seq) order, with later updates folded into the
// messages they are about (an edited text, an attachment that arrived, a staff message's delivery state) instead of
// showing each update as a row of its own. The seq-ordered Timeline (timeline.ts) stays the source for catching up.
import type { AttachmentInfo, AttachmentKind, AttachmentState } from '$protocol/attachments.ts'
import type { TimelineEvent } from '$protocol/rest.ts'
// A relative path, not $protocol: the unit tests run without SvelteKit's aliases and this is a value import.
import { timelineOrder } from '../../../protocol/rest.ts'

/**
 * A staff message's way to the citizen: queued (at the provider) → sent → delivered → read. `failed` (not sent, or a
 * bounced e-mail) and `undelivered` (the operator could not deliver an SMS) are not steps on that way but its end.
 */
export type DeliveryState = 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered'

export interface DeliveryInfo {
  state: DeliveryState
  error: string | null
}

/** An e-mail message (channels email and form): what the hub kept of the original besides the new part. */
export interface EmailInfo {
  subject: string | null
  /** The whole text, quoted history included. */
  fullText: string | null
  /** The original HTML, already sanitised by the hub; shown only in a sandboxed frame. */
  html: string | null
  /** The hub kept only the beginning of a long original. */
  truncated: boolean
}

/** A message a machine sent: an auto-reply (out of office) or a mailing list. */
export type AutomaticKind = 'auto_reply' | 'list'

/** An SMS keyword the citizen sent: STOP (opted out) or START (opted in again). */
export type OptOutKind = 'stop' | 'start'

export type ReplyTarget = { found: true; event: TimelineEvent; text: string } | { found: false }

export interface TimelineRow {
  event: TimelineEvent
  /** The latest text (after edits). */
  text: string | null
  edited: boolean
  attachments: AttachmentInfo[]
  /** Null until the hub says something about it (web chat messages never get one). */
  delivery: DeliveryInfo | null
  /** The message this one answers, when it names one. */
  replyTo: ReplyTarget | null
  /** A button the citizen pressed. */
  button: { kind: string; payload: string | null } | null
  /** E-mail extras (subject, the whole original), when the message came or went by e-mail. */
  email: EmailInfo | null
  automatic: AutomaticKind | null
  optOut: OptOutKind | null
}

/** As the hub ranks them (inbox-server/domain/delivery-state.ts): only forward, the two failures final. */
const RANK: Record<DeliveryState, number> = { queued: 1, sent: 2, delivered: 3, read: 4, undelivered: 5, failed: 5 }
const DELIVERY_STATES: readonly string[] = ['queued', 'sent', 'delivered', 'read', 'failed', 'undelivered'] satisfies DeliveryState[]
const KINDS: readonly string[] = ['image', 'file', 'audio', 'video', 'location', 'sticker', 'other'] satisfies AttachmentKind[]
const STATES: readonly string[] = ['pending', 'stored', 'failed'] satisfies AttachmentState[]

function isDeliveryState(value: unknown): value is DeliveryState {
  return typeof value === 'string' && DELIVERY_STATES.includes(value)
}

/**
 * The next delivery state: only forward (queued → sent → delivered → read), as the hub decides. A failure (not sent,
 * a bounced e-mail, an SMS the operator could not deliver) ends the way wherever it was and is final: the first one
 * stays, and nothing that arrives late moves the message back.
 */
export function nextDelivery(current: DeliveryInfo | null, incoming: DeliveryInfo): DeliveryInfo {
  if (!current) return incoming
  return RANK[incoming.state] > RANK[current.state] ? incoming : current
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null)

/** The e-mail extras of a message's data, or null when it has none. */
export function emailOf(data: TimelineEvent['data']): EmailInfo | null {
  const email = data?.email
  if (typeof email !== 'object' || email === null) return null
  const e = email as Record<string, unknown>
  const subject = str(e.subject)?.trim() || null
  const html = str(e.html)
  return { subject, fullText: str(e.fullText), html: html?.trim() ? html : null, truncated: e.truncated === true }
}

function automaticOf(data: TimelineEvent['data']): AutomaticKind | null {
  const value = data?.automatic
  return value === 'auto_reply' || value === 'list' ? value : null
}

function optOutOf(data: TimelineEvent['data']): OptOutKind | null {
  const value = data?.optOut
  return value === 'stop' || value === 'start' ? value : null
}

/** The policy of the frame an e-mail's HTML is shown in: no scripts, no requests; inline styles and embedded images only. */
export const EMAIL_FRAME_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src cid: data:"

/**
 * The `srcdoc` of the sandboxed frame for an e-mail's (already sanitised) HTML: the CSP first, so it is in force before
 * any of the mail is parsed; links open nowhere (a sandbox without popups blocks `_blank`), so the frame never navigates.
 */
export function emailSrcdoc(html: string): string {
  const csp = EMAIL_FRAME_CSP.replace(/"/g, '&quot;')
  return (
    `<meta http-equiv="Content-Security-Policy" content="${csp}">` +
    '<meta name="referrer" content="no-referrer">' +
    '<base target="_blank">' +
    '<style>body{margin:0.5rem;font-family:system-ui,sans-serif;overflow-wrap:anywhere}img{max-width:100%;height:auto}</style>' +
    html
  )
}

/** Whether "show the whole message" would show more than the text: an HTML original or a longer full text. */
export function hasWholeMessage(email: EmailInfo | null, text: string | null): boolean {
  if (!email) return false
  if (email.html) return true
  const full = email.fullText?.trim() ?? ''
  return full !== '' && full !== (text ?? '').trim()
}

/** One attachment from untyped event data, or null when it is not one. */
export function toAttachment(value: unknown): AttachmentInfo | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  if (typeof v.id !== 'string' || !v.id) return null
  const kind = typeof v.kind === 'string' && KINDS.includes(v.kind) ? (v.kind as AttachmentKind) : 'other'
  const state = typeof v.state === 'string' && STATES.includes(v.state) ? (v.state as AttachmentState) : 'pending'
  const loc = v.location as { lat?: unknown; long?: unknown } | undefined
  const location =
    typeof loc === 'object' && loc !== null && typeof loc.lat === 'number' && typeof loc.long === 'number' && Number.isFinite(loc.lat) && Number.isFinite(loc.long)
      ? { lat: loc.lat, long: loc.long }
      : undefined
  return {
    id: v.id,
    kind,
    name: typeof v.name === 'string' && v.name ? v.name : null,
    contentType: typeof v.contentType === 'string' ? v.contentType : null,
    size: typeof v.size === 'number' && Number.isFinite(v.size) && v.size >= 0 ? v.size : null,
    state,
    ...(location ? { location } : {}),
  }
}

function attachmentsOf(data: TimelineEvent['data']): AttachmentInfo[] {
  const list = data?.attachments
  if (!Array.isArray(list)) return []
  return list.map(toAttachment).filter((a): a is AttachmentInfo => a !== null)
}

/** An attachment's state only settles: once stored or failed it never goes back to pending. */
function mergeAttachment(list: AttachmentInfo[], update: AttachmentInfo): AttachmentInfo[] {
  const index = list.findIndex((a) => a.id === update.id)
  if (index === -1) return [...list, update]
  const current = list[index]!
  if (current.state !== 'pending' && update.state === 'pending') return list
  const location = update.location ?? current.location
  const merged: AttachmentInfo = { ...current, ...update }
  if (location) merged.location = location
  const next = [...list]
  next[index] = merged
  return next
}

function deliveryTargets(data: Record<string, unknown>): string[] {
  const ids: string[] = []
  for (const key of ['messageId', 'eventId']) {
    const value = data[key]
    if (typeof value === 'string') ids.push(value)
  }
  for (const key of ['messageIds', 'eventIds']) {
    const value = data[key]
    if (Array.isArray(value)) for (const id of value) if (typeof id === 'string') ids.push(id)
  }
  return ids
}

/** A receipt's watermark (ms or an ISO time): every staff message up to it is meant. */
function watermarkOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string') {
    const at = Date.parse(value)
    return Number.isNaN(at) ? null : at
  }
  return null
}

/** Whether an event is an update to another one and has no row of its own (a failed or undelivered one keeps its row). */
export function isUpdateOnly(event: TimelineEvent): boolean {
  if (event.type === 'edit' || event.type === 'attachment') return true
  return event.type === 'delivery' && event.data?.state !== 'failed' && event.data?.state !== 'undelivered'
}

function isStaffMessage(event: TimelineEvent): boolean {
  return event.type === 'message' && event.direction === 'out'
}

const SNIPPET = 80

function snippet(text: string | null, attachments: AttachmentInfo[]): string {
  const base = (text ?? '').replace(/\s+/g, ' ').trim()
  if (base) return base.length > SNIPPET ? `${base.slice(0, SNIPPET - 1)}…` : base
  return attachments[0]?.name ?? ''
}

/** An event stored before `occurredAt` existed happened when it was stored. */
function withTime(event: TimelineEvent): Pick<TimelineEvent, 'occurredAt' | 'seq'> {
  return (event.occurredAt as string | undefined) ? event : { occurredAt: event.createdAt, seq: event.seq }
}

/** The rows to show, in display order, from events kept in seq order. */
export function buildRows(events: readonly TimelineEvent[]): TimelineRow[] {
  const rows = new Map<string, TimelineRow>()
  for (const event of events) {
    // A call's voicemail carries its recording as an attachment, which may arrive (be stored) later.
    if (event.type !== 'message' && event.type !== 'note' && event.type !== 'call') continue
    const data = event.data
    const edited = data?.edited
    const button = data?.button as { kind?: unknown; payload?: unknown } | undefined
    rows.set(event.id, {
      event,
      text: event.text,
      edited: typeof edited === 'object' && edited !== null,
      attachments: attachmentsOf(data),
      delivery: null,
      replyTo: null,
      button:
        typeof button === 'object' && button !== null
          ? { kind: typeof button.kind === 'string' ? button.kind : 'other', payload: typeof button.payload === 'string' ? button.payload : null }
          : null,
      email: event.type === 'message' ? emailOf(data) : null,
      automatic: event.type === 'message' && event.direction === 'in' ? automaticOf(data) : null,
      optOut: event.type === 'message' && event.direction === 'in' ? optOutOf(data) : null,
    })
  }

  // Updates apply in the order the hub stored them.
  for (const event of events) {
    const data = event.data
    if (!data) continue
    if (event.type === 'edit') {
      const row = typeof data.eventId === 'string' ? rows.get(data.eventId) : undefined
      if (row && typeof data.text === 'string') {
        row.text = data.text
        row.edited = true
      }
    } else if (event.type === 'attachment') {
      const row = typeof data.eventId === 'string' ? rows.get(data.eventId) : undefined
      const attachment = toAttachment(data.attachment)
      if (row && attachment) row.attachments = mergeAttachment(row.attachments, attachment)
    } else if (event.type === 'delivery' && isDeliveryState(data.state)) {
      const info: DeliveryInfo = { state: data.state, error: typeof data.error === 'string' && data.error ? data.error : null }
      const targets = new Set(deliveryTargets(data))
      const watermark = data.state === 'delivered' || data.state === 'read' ? watermarkOf(data.watermark) : null
      for (const row of rows.values()) {
        if (!isStaffMessage(row.event)) continue
        const meant = targets.has(row.event.id) || (watermark !== null && Date.parse(withTime(row.event).occurredAt) <= watermark)
        if (meant) row.delivery = nextDelivery(row.delivery, info)
      }
    }
  }

  for (const row of rows.values()) {
    const target = row.event.data?.replyTo
    if (typeof target !== 'string' || !target) continue
    const found = rows.get(target)
    row.replyTo = found ? { found: true, event: found.event, text: snippet(found.text, found.attachments) } : { found: false }
  }

  return events
    .filter((e) => !isUpdateOnly(e))
    .sort((a, b) => timelineOrder(withTime(a), withTime(b)))
    .map((event) => rows.get(event.id) ?? { event, text: event.text, edited: false, attachments: [], delivery: null, replyTo: null, button: null, email: null, automatic: null, optOut: null })
}
