// A citizen writes in the web chat: stored once per clientId, in their open conversation or a new one.
import type { TimelineEvent } from '../../protocol/rest.ts'
import { afterCitizenMessage } from '../domain/conversation-lifecycle.ts'
import { queueForText } from '../domain/routing/match-keywords.ts'
import type { AppendTarget, Bus, Clock, Defaults, NewEvent, SendOutcome, Store, TxStore } from './ports.ts'
import { publishEvents } from './publish-events.ts'
import { writeOnce } from './write-once.ts'

export interface VisitorMessage {
  contactId: string
  clientId: string
  conversationId?: string
  text: string
  /** The pre-chat topic: the queue of a new conversation (unknown keys fall back to the channel's default). */
  topic?: string
}

export function createReceiveVisitorMessage(deps: {
  store: Store
  bus: Bus
  clock: Clock
  defaults: Defaults
  /** Pulled when a conversation enters its queue (new or reopened): routing looks for someone to take it. */
  onQueued?: () => void
}) {
  return async function receiveVisitorMessage(m: VisitorMessage): Promise<SendOutcome> {
    const now = deps.clock.now()
    const message: NewEvent = {
      type: 'message',
      direction: 'in',
      text: m.text,
      author: { kind: 'contact', id: m.contactId, name: null },
      clientId: m.clientId,
    }
    const target: AppendTarget = m.conversationId
      ? { conversationId: m.conversationId, contactId: m.contactId, channelKind: 'webchat' }
      : { openConversationOf: { contactId: m.contactId, channelId: deps.defaults.webchatChannelId } }

    const queueId = m.conversationId ? deps.defaults.defaultQueueId : await entryQueue(m)
    const r = await writeOnce(deps.store, { authorId: m.contactId, clientId: m.clientId }, () =>
      deps.store.transaction(async (tx) => {
        const written: TimelineEvent[] = []
        const appended =
          (await tx.appendEvent(target, message, now)) ?? (m.conversationId ? null : await openAndAppend(tx, m.contactId, queueId, target, message, now, written))
        if (!appended) return null
        written.push(appended.event)
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
        return { event: appended.event, written, to: appended.conversation }
      }),
    )
    if ('duplicate' in r) return { ok: true, event: r.duplicate, duplicate: true }
    if (!r.written) return { ok: false, error: 'not_found' }
    publishEvents(deps.bus, r.written.to, r.written.written)
    if (r.written.written.some((e) => e.type === 'status' && e.data?.status === 'queued')) deps.onQueued?.()
    return { ok: true, event: r.written.event, duplicate: false }
  }

  /**
   * The queue a new conversation enters: the picked topic's, else the one its words point to, else the default.
   * Read fresh each time (two small queries), but only for sends that name no conversation: first messages.
   */
  async function entryQueue(m: VisitorMessage): Promise<string> {
    const [topics, keywords] = await Promise.all([deps.store.listTopics(), deps.store.listKeywordRules()])
    const byTopic = m.topic ? topics.find((t) => t.key === m.topic)?.queueId : undefined
    return byTopic ?? queueForText(m.text, keywords) ?? deps.defaults.defaultQueueId
  }

  /** No open conversation: open one, once, even when this contact's first sends race each other. */
  async function openAndAppend(tx: TxStore, contactId: string, queueId: string, target: AppendTarget, message: NewEvent, now: Date, written: TimelineEvent[]) {
    await tx.lockContact(contactId)
    const raced = await tx.appendEvent(target, message, now)
    if (raced) return raced
    const conv = await tx.insertConversation({
      contactId,
      channelId: deps.defaults.webchatChannelId,
      channelKind: 'webchat',
      queueId,
      now,
    })
    const created = await tx.appendEvent({ conversationId: conv.id }, statusEvent('queued', 'created'), now)
    if (created) written.push(created.event)
    return tx.appendEvent({ conversationId: conv.id }, message, now)
  }
}

function statusEvent(status: string, transition: string): NewEvent {
  return { type: 'status', direction: null, text: null, author: { kind: 'system', id: null, name: null }, data: { status, transition } }
}
