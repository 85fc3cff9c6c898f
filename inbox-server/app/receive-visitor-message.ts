// A citizen writes, in the web chat or through a connector: stored once per clientId (widget) or provider message
// id (connectors), in their open conversation on that channel or a new one.
import type { TimelineEvent } from '../../protocol/rest.ts'
import { afterCitizenMessage } from '../domain/conversation-lifecycle.ts'
import { chooseEntry, type Entry } from '../domain/routing/choose-entry.ts'
import { detectLanguage } from '../domain/routing/detect-language.ts'
import type { Language } from '../../protocol/admin.ts'
import type { ChannelKind } from '../../protocol/channel.ts'
import type { AppendTarget, Bus, Clock, Defaults, NewEvent, SendOutcome, Store, TxStore } from './ports.ts'
import { publishEvents } from './publish-events.ts'
import type { SlaApplied, SlaClocks } from './sla-clocks.ts'
import { writeOnce } from './write-once.ts'
import type { NewAttachment } from './channel-ports.ts'

export interface VisitorMessage {
  contactId: string
  /** The widget's idempotency key; or `externalId`, the provider's message id, for a connector's delivery. */
  clientId?: string
  externalId?: string
  /** The channel it came through; the portal widget when left out. */
  channel?: { id: string; kind: ChannelKind }
  conversationId?: string
  text: string
  /** The pre-chat topic: the queue of a new conversation (unknown keys fall back to the channel's default). */
  topic?: string
  /** The widget's language: the hint when the text itself does not tell. */
  lang?: Language
  /** A connector's delivery: when the provider says it was sent (its place in the timeline). */
  sentAt?: Date
  /** The provider's other id for the message (edits and replies name it by this). */
  providerRef?: string
  /** Extra event data (attachments, the message it replies to, a pressed button). */
  data?: Record<string, unknown>
  /** Attachment rows to write with the message (their ids are in `data.attachments`). */
  attachments?: readonly NewAttachment[]
  /** Sent by a machine, or an opt-out keyword: stored only in a conversation that is open, without changing its
   * status or clocks; never opens or reopens one (not_found when there is none). */
  passive?: boolean
  /** Always a new conversation (an e-mail that threads into none), never the contact's open one. */
  fresh?: boolean
}

export function createReceiveVisitorMessage(deps: {
  store: Store
  bus: Bus
  clock: Clock
  defaults: Defaults
  /** Pulled when a conversation enters its queue (new or reopened): routing looks for someone to take it. */
  onQueued?: () => void
  sla?: SlaClocks
}) {
  return async function receiveVisitorMessage(m: VisitorMessage): Promise<SendOutcome> {
    const now = deps.clock.now()
    const channel = m.channel ?? { id: deps.defaults.webchatChannelId, kind: 'webchat' as const }
    const message: NewEvent = {
      type: 'message',
      direction: 'in',
      text: m.text,
      author: { kind: 'contact', id: m.contactId, name: null },
      ...(m.clientId ? { clientId: m.clientId } : {}),
      ...(m.externalId ? { externalId: m.externalId } : {}),
      ...(m.providerRef ? { providerRef: m.providerRef } : {}),
      ...(m.data ? { data: m.data } : {}),
      ...(m.sentAt ? { occurredAt: m.sentAt } : {}),
    }
    const target: AppendTarget = m.conversationId
      ? { conversationId: m.conversationId, contactId: m.contactId, channelKind: channel.kind }
      : { openConversationOf: { contactId: m.contactId, channelId: channel.id } }

    const slaContext = deps.sla ? await deps.sla.context() : null
    let sla: SlaApplied | null = null
    const key = m.externalId ? { externalId: m.externalId } : { authorId: m.contactId, clientId: m.clientId ?? '' }
    const r = await writeOnce(deps.store, key, () =>
      deps.store.transaction(async (tx) => {
        const written: TimelineEvent[] = []
        if (m.passive) return appendPassive(tx, target, message, now)
        const appended =
          (m.fresh ? null : await tx.appendEvent(target, message, now)) ??
          (m.conversationId ? null : await openAndAppend(tx, m, channel, target, message, now, written))
        if (!appended) return null
        written.push(appended.event)
        if (m.attachments?.length) await tx.insertAttachments(appended.event.id, appended.event.conversationId, channel.kind, m.attachments, now)
        const change = afterCitizenMessage(appended.conversation)
        if (change.transition) {
          const id = appended.conversation.id
          await tx.updateConversation(id, {
            status: change.status,
            assigneeId: change.assigneeId,
            resolvedAt: null,
            ...(change.status === 'queued' ? { enqueuedAt: now } : {}),
          })
          const status = await tx.appendEvent({ conversationId: id }, statusEvent(change.status, change.transition), now)
          if (status) written.push(status.event)
        }
        if (deps.sla && slaContext) {
          const before = change.transition === 'reopened' ? (['reopened'] as const) : change.transition === 'resumed' ? (['resumed'] as const) : []
          sla = await deps.sla.apply(tx, slaContext, appended.conversation, [...before, 'citizen_message'], now)
          written.push(...sla.written)
        }
        return { event: appended.event, written, to: appended.conversation }
      }),
    )
    if ('duplicate' in r) return { ok: true, event: r.duplicate, duplicate: true }
    if (!r.written) return { ok: false, error: 'not_found' }
    publishEvents(deps.bus, r.written.to, r.written.written)
    if (sla) deps.sla?.armed(r.written.to.id, sla)
    if (r.written.written.some((e) => e.type === 'status' && e.data?.status === 'queued')) deps.onQueued?.()
    return { ok: true, event: r.written.event, duplicate: false }
  }

  /**
   * Where a new conversation waits (topic, rules, keywords, default), with its priority and required skills.
   * Read fresh, inside the transaction, and only when a conversation is opened: a message into an open
   * conversation (the common case) reads no queues or rules at all.
   */
  async function entryOf(tx: TxStore, m: VisitorMessage): Promise<Entry> {
    const ctx = await tx.entryContext()
    const language = detectLanguage(m.text, m.lang ?? null)
    return chooseEntry({ channelKind: m.channel?.kind ?? 'webchat', text: m.text, language, ...(m.topic ? { topic: m.topic } : {}) }, { ...ctx, defaultQueueId: deps.defaults.defaultQueueId })
  }

  /** Into an open conversation only; a resolved one (or none) stays as it is and nothing is written. */
  async function appendPassive(tx: TxStore, target: AppendTarget, message: NewEvent, now: Date) {
    if ('conversationId' in target) {
      const conv = await tx.lockConversation(target.conversationId)
      if (!conv || conv.status === 'resolved') return null
    }
    const appended = await tx.appendEvent(target, message, now)
    return appended ? { event: appended.event, written: [appended.event], to: appended.conversation } : null
  }

  /** No open conversation: open one, once, even when this contact's first sends race each other. */
  async function openAndAppend(tx: TxStore, m: VisitorMessage, channel: { id: string; kind: ChannelKind }, target: AppendTarget, message: NewEvent, now: Date, written: TimelineEvent[]) {
    const contactId = m.contactId
    await tx.lockContact(contactId)
    const raced = m.fresh ? null : await tx.appendEvent(target, message, now)
    if (raced) return raced
    const entry = await entryOf(tx, m)
    const conv = await tx.insertConversation({
      contactId,
      channelId: channel.id,
      channelKind: channel.kind,
      queueId: entry?.queueId ?? deps.defaults.defaultQueueId,
      priority: entry?.priority ?? 0,
      requiredSkills: entry?.requiredSkills ?? [],
      now,
    })
    // The queue it starts in, for the metrics (the conversation's queue changes with transfers).
    const opened = statusEvent('queued', 'created', entry)
    const created = await tx.appendEvent({ conversationId: conv.id }, { ...opened, data: { ...opened.data, queueId: conv.queueId } }, now)
    if (created) written.push(created.event)
    return tx.appendEvent({ conversationId: conv.id }, message, now)
  }
}

/** A new conversation's first status event also says how it was routed in (by topic, rule, keywords or default). */
function statusEvent(status: string, transition: string, entry: Entry | null = null): NewEvent {
  const routed = entry ? { entryBy: entry.by, priority: entry.priority, requiredSkills: entry.requiredSkills, rules: entry.rules } : {}
  return { type: 'status', direction: null, text: null, author: { kind: 'system', id: null, name: null }, data: { status, transition, ...routed } }
}
