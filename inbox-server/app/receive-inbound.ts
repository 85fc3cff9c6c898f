// What connectors parsed from their providers' webhooks, stored: citizens' messages (once, on the provider's id,
// in their open conversation on that channel or a new one, placed by the provider's send time), their edits,
// echoes of the hub's own sends (linked, never a second message), and delivery and read receipts (message states
// moving forward). Resolves once all of it is committed: the webhook may then answer 2xx.
import { randomBytes } from 'node:crypto'
import type { AttachmentInfo, AttachmentKind } from '../../protocol/attachments.ts'
import type { ChannelKind } from '../../protocol/channel.ts'
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { NewAttachment } from './channel-ports.ts'
import type { DeliveryState } from '../domain/delivery-state.ts'
import type { Bus, Clock, Logger, SendOutcome, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'
import type { VisitorMessage } from './receive-visitor-message.ts'
import { writeOnce } from './write-once.ts'

/** The shapes of connectors/connector.ts's InboundEvent (the app does not depend on connectors). */
export type InboundItem =
  | {
      kind: 'message'
      channel: ChannelKind
      senderId: string
      senderName: string | null
      externalId: string
      ref?: string
      text: string
      sentAt: Date
      attachments?: readonly { kind: AttachmentKind; name: string | null; contentType: string | null; size: number | null; ref: string | null; location?: { lat: number; long: number }; content?: Uint8Array }[]
      replyTo?: string
      button?: { kind: string; payload: string | null }
      email?: InboundEmail
      automatic?: 'auto_reply' | 'list'
      optOut?: 'stop' | 'start'
    }
  | { kind: 'edit'; channel: ChannelKind; senderId: string; target: string; externalId: string; text: string; editedAt: Date }
  | { kind: 'echo'; channel: ChannelKind; recipientId: string; externalId: string; outboxId: string | null; text: string; sentAt: Date }
  | { kind: 'receipt'; channel: ChannelKind; senderId: string | null; state: DeliveryState; watermark: Date | null; externalIds?: string[]; error?: string; at: Date }

interface InboundEmail {
  messageId: string | null
  inReplyTo: string | null
  references: string[]
  replyToken: string | null
  subject: string | null
  fullText: string
  html: string | null
}

/** The original of a long mail is kept in full up to this many characters (the timeline is not an archive of
 * newsletters); the citizen's new text is never cut. */
const MAX_ORIGINAL_CHARS = 200_000

const CHANNEL_NAMES: Partial<Record<ChannelKind, string>> = { telegram: 'Telegram', messenger: 'Messenger', sms: 'SMS', email: 'E-mail', form: 'Formularz', voice: 'Infolinia' }
/** The author of page messages typed outside the hub (in Meta's page inbox), seen through their echoes. */
const PAGE_AUTHOR = { kind: 'system' as const, id: null, name: 'Strona (poza hubem)' }
/** How many contacts' profile look-ups this process remembers having made. */
const PROFILE_MEMORY = 10_000

/** Channels where a survey is answered by a message with a digit. */
const SURVEY_BY_MESSAGE: ReadonlySet<ChannelKind> = new Set(['sms', 'messenger', 'telegram'])

export function createReceiveInbound(deps: {
  store: Store
  bus: Bus
  clock: Clock
  log: Logger
  receive: (m: VisitorMessage) => Promise<SendOutcome>
  /** Pulled when attachments wait to be fetched. */
  onAttachments?: () => void
  /** Profile look-ups by channel (Messenger's profile API), made after the commit for contacts without a name. */
  profiles?: Partial<Record<ChannelKind, (senderId: string) => Promise<string | null>>>
  /** An SMS that answers a survey the contact was asked (after a call): recorded there, true; else false. */
  surveyAnswer?: (contactId: string, text: string, externalId: string) => Promise<boolean>
}) {
  const channels = new Map<ChannelKind, Promise<{ id: string; kind: ChannelKind }>>()
  const looked = new Set<string>()
  const channelOf = (kind: ChannelKind) => {
    let c = channels.get(kind)
    if (!c) {
      c = deps.store.ensureChannel(kind, CHANNEL_NAMES[kind] ?? kind)
      channels.set(kind, c)
      c.catch(() => channels.delete(kind))
    }
    return c
  }

  async function message(m: Extract<InboundItem, { kind: 'message' }>) {
    // Machines and opt-out keywords never open or reopen a conversation, and change no status or clock.
    const passive = m.automatic !== undefined || m.optOut !== undefined
    if (m.optOut) await deps.store.setOptOut(m.channel, m.senderId, m.optOut === 'stop' ? m.sentAt : null)
    // An e-mail goes where it threads (its conversation's reply address, then the mails it answers), whatever
    // channel that conversation is on (a web form answered by e-mail) and whoever in the thread wrote it.
    let channel = await channelOf(m.channel)
    let contactId: string
    let conversationId: string | undefined
    const thread = m.email ? await deps.store.findEmailThread(m.email.replyToken, [m.email.inReplyTo, ...[...m.email.references].reverse()].filter((x): x is string => !!x)) : null
    if (thread) {
      conversationId = thread.conversationId
      contactId = thread.contactId
      channel = { id: thread.channelId, kind: thread.channelKind }
    } else if (m.email && passive) {
      deps.log.info({ channel: m.channel, automatic: m.automatic }, 'automatic mail outside any thread: not stored')
      return
    } else {
      contactId = await deps.store.findOrCreateContact(m.channel, m.senderId)
      if (m.senderName) await deps.store.nameContact(contactId, m.senderName)
    }
    const fresh = m.email !== undefined && thread === null
    // "5" after a survey question (a call's, or a resolved conversation's) is its rating, not a new conversation.
    if (SURVEY_BY_MESSAGE.has(m.channel) && !passive && deps.surveyAnswer && (await deps.surveyAnswer(contactId, m.text, m.externalId))) return
    const rows: NewAttachment[] = (m.attachments ?? []).map((a) => ({ id: randomBytes(16).toString('base64url'), ...a }))
    const infos: AttachmentInfo[] = rows.map((a) => ({
      id: a.id,
      kind: a.kind,
      name: a.name,
      contentType: a.contentType,
      size: a.size,
      state: a.ref === null ? 'stored' : 'pending',
      ...(a.location ? { location: a.location } : {}),
    }))
    // A reply names the earlier message by the provider's id; the timeline names it by event id, and only within
    // this contact's own messages.
    const quoted = m.replyTo ? await deps.store.findProviderMessage(m.replyTo) : null
    const data: Record<string, unknown> = {
      ...(infos.length > 0 ? { attachments: infos } : {}),
      ...(quoted && quoted.contactId === contactId ? { replyTo: quoted.eventId } : {}),
      ...(m.button ? { button: m.button } : {}),
      ...(m.email ? { email: emailData(m.email, m.senderId) } : {}),
      ...(m.automatic ? { automatic: m.automatic } : {}),
      ...(m.optOut ? { optOut: m.optOut } : {}),
    }
    const r = await deps.receive({
      contactId,
      externalId: m.externalId,
      text: m.text,
      channel,
      sentAt: m.sentAt,
      ...(conversationId ? { conversationId } : {}),
      ...(fresh && !passive ? { fresh } : {}),
      ...(passive ? { passive } : {}),
      ...(m.ref ? { providerRef: m.ref } : {}),
      ...(Object.keys(data).length > 0 ? { data } : {}),
      ...(rows.length > 0 ? { attachments: rows } : {}),
    })
    if (!r.ok && passive) {
      deps.log.info({ channel: m.channel, automatic: m.automatic, optOut: m.optOut }, 'automatic message or opt-out outside an open conversation: not stored')
      return
    }
    if (!r.ok) throw new Error(`inbound ${m.externalId} not stored: ${r.error}`)
    if (!r.duplicate && rows.some((a) => a.ref !== null)) deps.onAttachments?.()
    if (!m.senderName) lookUpProfile(m.channel, m.senderId, contactId)
  }

  /** After the commit, once per contact per process: the name from the provider's profile API, if it tells one. */
  function lookUpProfile(kind: ChannelKind, senderId: string, contactId: string) {
    const profile = deps.profiles?.[kind]
    if (!profile || looked.has(contactId)) return
    if (looked.size >= PROFILE_MEMORY) looked.clear()
    looked.add(contactId)
    void profile(senderId)
      .then((name) => (name ? deps.store.nameContact(contactId, name) : undefined))
      .catch((err: unknown) => deps.log.warn({ err, channel: kind }, 'profile look-up failed'))
  }

  async function edit(e: Extract<InboundItem, { kind: 'edit' }>) {
    const target = await deps.store.findProviderMessage(e.target)
    const contactId = await deps.store.findContact(e.channel, e.senderId)
    if (!target || !contactId || target.contactId !== contactId) {
      deps.log.warn({ channel: e.channel, externalId: e.externalId }, 'edit of a message the hub does not have; ignored')
      return
    }
    const now = deps.clock.now()
    const r = await writeOnce(deps.store, { externalId: e.externalId }, () =>
      deps.store.transaction(async (tx) => {
        const appended = await tx.appendEvent(
          { conversationId: target.conversationId },
          {
            type: 'edit',
            direction: null,
            text: null,
            author: { kind: 'contact', id: contactId, name: null },
            externalId: e.externalId,
            data: { eventId: target.eventId, text: e.text, previousText: target.text, at: e.editedAt.toISOString() },
          },
          now,
        )
        if (!appended) return null
        await tx.editMessage(target.eventId, e.text, e.editedAt)
        return appended
      }),
    )
    if ('written' in r && r.written) publishEvents(deps.bus, r.written.conversation, [r.written.event])
  }

  async function echo(e: Extract<InboundItem, { kind: 'echo' }>) {
    // The hub's own send: its outbox id came back in the echo. Remember the provider's id; store nothing new.
    const ours = e.outboxId ? await deps.store.findOutbox({ id: e.outboxId }) : await deps.store.findOutbox({ providerId: e.externalId })
    if (ours) {
      if (ours.providerId === null) await deps.store.setOutboxProviderId(ours.id, e.externalId)
      return
    }
    // Someone answered in the page's own inbox: shown in the conversation so the consultant sees it was answered.
    const contactId = await deps.store.findContact(e.channel, e.recipientId)
    if (!contactId) return
    const channel = await channelOf(e.channel)
    const now = deps.clock.now()
    const r = await writeOnce(deps.store, { externalId: e.externalId }, () =>
      deps.store.transaction((tx) =>
        tx.appendEvent(
          { openConversationOf: { contactId, channelId: channel.id } },
          { type: 'message', direction: 'out', text: e.text, author: PAGE_AUTHOR, externalId: e.externalId, occurredAt: e.sentAt, data: { outsideHub: true } },
          now,
        ),
      ),
    )
    if ('written' in r && r.written) publishEvents(deps.bus, r.written.conversation, [r.written.event])
  }

  async function receipt(e: Extract<InboundItem, { kind: 'receipt' }>) {
    const contactId = e.senderId === null ? null : await deps.store.findContact(e.channel, e.senderId)
    if (e.senderId !== null && !contactId) return
    const now = deps.clock.now()
    const written = await deps.store.transaction(async (tx) => {
      const changed = await tx.applyReceipt({
        contactId,
        channelKind: e.channel,
        state: e.state,
        watermark: e.watermark,
        providerIds: e.externalIds ?? [],
        at: e.at,
        ...(e.error ? { error: e.error } : {}),
      })
      const out: { conversation: { contactId: string; officeId: string | null }; event: TimelineEvent }[] = []
      for (const c of changed) {
        const appended = await tx.appendEvent(
          { conversationId: c.conversationId },
          { type: 'delivery', direction: null, text: null, author: { kind: 'system', id: null, name: null }, data: { state: e.state, messageIds: c.eventIds, ...(e.watermark ? { watermark: e.watermark.toISOString() } : {}), ...(e.error ? { error: e.error } : {}) } },
          now,
        )
        if (appended) out.push(appended)
      }
      return out
    })
    for (const w of written) publishEvents(deps.bus, w.conversation, [w.event])
  }

  return async function ingest(items: readonly InboundItem[]): Promise<void> {
    // Provider order (a batch may list them otherwise); a stable sort keeps the batch's order for equal times.
    const ordered = [...items].sort((a, b) => timeOf(a) - timeOf(b))
    for (const item of ordered) {
      if (item.kind === 'message') await message(item)
      else if (item.kind === 'edit') await edit(item)
      else if (item.kind === 'echo') await echo(item)
      else await receipt(item)
    }
  }
}

function timeOf(i: InboundItem): number {
  return (i.kind === 'edit' ? i.editedAt : i.kind === 'receipt' ? i.at : i.sentAt).getTime()
}

/** What the timeline keeps of a mail: its threading headers, and the original (capped) beside the new text. */
function emailData(e: InboundEmail, from: string) {
  return {
    from,
    subject: e.subject,
    messageId: e.messageId,
    inReplyTo: e.inReplyTo,
    references: e.references.slice(-20),
    fullText: e.fullText.slice(0, MAX_ORIGINAL_CHARS),
    html: e.html === null ? null : e.html.slice(0, MAX_ORIGINAL_CHARS),
    ...(e.fullText.length > MAX_ORIGINAL_CHARS || (e.html?.length ?? 0) > MAX_ORIGINAL_CHARS ? { truncated: true } : {}),
  }
}
