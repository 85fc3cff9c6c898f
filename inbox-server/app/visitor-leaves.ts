// A citizen ends the chat from the widget: a timeline event tells staff; the conversation's status is theirs to set.
import type { Bus, Clock, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'

export function createVisitorLeaves(deps: { store: Store; bus: Bus; clock: Clock }) {
  return async function visitorLeaves(m: { contactId: string; conversationId: string }): Promise<{ ok: true } | { ok: false; error: 'not_found' }> {
    const now = deps.clock.now()
    const r = await deps.store.transaction((tx) =>
      tx.appendEvent(
        { conversationId: m.conversationId, contactId: m.contactId, channelKind: 'webchat' },
        { type: 'status', direction: null, text: null, author: { kind: 'contact', id: m.contactId, name: null }, data: { transition: 'visitor_left' } },
        now,
      ),
    )
    if (!r) return { ok: false, error: 'not_found' }
    publishEvents(deps.bus, r.conversation, [r.event])
    return { ok: true }
  }
}
