// A citizen writes in the web chat: stored once per clientId, in their open conversation or a new one.
import type { TimelineEvent } from '../../protocol/rest.ts'
import { afterCitizenMessage } from '../domain/conversation-lifecycle.ts'
import type { Bus, Clock, Defaults, NewEvent, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'

export type SendOutcome =
  | { ok: true; event: TimelineEvent; duplicate: boolean }
  | { ok: false; error: 'not_found' }

export interface VisitorMessage {
  contactId: string
  clientId: string
  conversationId?: string
  text: string
}

export function createReceiveVisitorMessage(deps: { store: Store; bus: Bus; clock: Clock; defaults: Defaults }) {
  return async function receiveVisitorMessage(m: VisitorMessage): Promise<SendOutcome> {
    const known = await deps.store.findEventByClientId(m.contactId, m.clientId)
    if (known) return { ok: true, event: known, duplicate: true }
    const now = deps.clock.now()
    const r = await deps.store.transaction(async (tx): Promise<SendOutcome & { written?: TimelineEvent[] }> => {
      // One sender's sends are serialised on its contact row, so a resend racing the original finds it.
      await tx.lockContact(m.contactId)
      const dup = await tx.findEventByClientId(m.contactId, m.clientId)
      if (dup) return { ok: true, event: dup, duplicate: true }

      const written: TimelineEvent[] = []
      let conv = m.conversationId ? await tx.lockConversation(m.conversationId) : await tx.findOpenConversation(m.contactId, deps.defaults.webchatChannelId)
      if (m.conversationId && (!conv || conv.contactId !== m.contactId || conv.channelKind !== 'webchat')) {
        return { ok: false, error: 'not_found' }
      }
      if (!conv) {
        conv = await tx.insertConversation({
          contactId: m.contactId,
          channelId: deps.defaults.webchatChannelId,
          channelKind: 'webchat',
          queueId: deps.defaults.defaultQueueId,
          now,
        })
        written.push(await tx.appendEvent(conv.id, statusEvent('queued', 'created'), now))
      } else {
        const change = afterCitizenMessage(conv)
        if (change.transition) {
          await tx.updateConversation(conv.id, { status: change.status, assigneeId: change.assigneeId, resolvedAt: null })
          written.push(await tx.appendEvent(conv.id, statusEvent(change.status, change.transition), now))
        }
      }
      const event = await tx.appendEvent(
        conv.id,
        { type: 'message', direction: 'in', text: m.text, author: { kind: 'contact', id: m.contactId, name: null }, clientId: m.clientId },
        now,
      )
      written.push(event)
      return { ok: true, event, duplicate: false, written }
    })
    if (r.ok && r.written) publishEvents(deps.bus, m.contactId, r.written)
    return r.ok ? { ok: true, event: r.event, duplicate: r.duplicate } : r
  }
}

function statusEvent(status: string, transition: string): NewEvent {
  return { type: 'status', direction: null, text: null, author: { kind: 'system', id: null, name: null }, data: { status, transition } }
}

