// Staff set a conversation's labels (the whole set) or its priority (higher is served first in its queue); each
// change is a staff-only `update` event in the timeline.
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { AssignWaiting } from './assign-waiting.ts'
import type { Bus, Clock, ConsultantRecord, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'

export type AttributeOutcome = { ok: true; event: TimelineEvent | null } | { ok: false; error: 'not_found' | 'unknown_label' }

export function createConversationAttributes(deps: { store: Store; bus: Bus; clock: Clock; assignWaiting: AssignWaiting }) {
  const author = (by: ConsultantRecord) => ({ kind: 'consultant' as const, id: by.id, name: by.name })

  return {
    async setLabels(by: ConsultantRecord, conversationId: string, labelIds: readonly string[]): Promise<AttributeOutcome> {
      const now = deps.clock.now()
      const r = await deps.store.transaction(async (tx) => {
        const conv = await tx.lockConversation(conversationId)
        if (!conv) return { ok: false as const, error: 'not_found' as const }
        const change = await tx.setConversationLabels(conversationId, labelIds)
        if (!change) return { ok: false as const, error: 'unknown_label' as const }
        // Setting the labels it already has changes nothing and says nothing.
        if (change.added.length === 0 && change.removed.length === 0) return { ok: true as const, event: null, to: conv }
        const e = await tx.appendEvent({ conversationId }, { type: 'update', direction: null, text: null, author: author(by), data: { added: change.added, removed: change.removed } }, now)
        return { ok: true as const, event: e?.event ?? null, to: e?.conversation ?? conv }
      })
      if (!r.ok) return r
      if (r.event) publishEvents(deps.bus, r.to, [r.event])
      return { ok: true, event: r.event }
    },

    async setPriority(by: ConsultantRecord, conversationId: string, priority: number): Promise<AttributeOutcome> {
      const now = deps.clock.now()
      const r = await deps.store.transaction(async (tx) => {
        const conv = await tx.lockConversation(conversationId)
        if (!conv) return { ok: false as const, error: 'not_found' as const }
        if (conv.priority === priority) return { ok: true as const, event: null, to: conv }
        await tx.updateConversation(conversationId, { priority })
        const e = await tx.appendEvent({ conversationId }, { type: 'update', direction: null, text: null, author: author(by), data: { priority, from: conv.priority } }, now)
        return { ok: true as const, event: e?.event ?? null, to: e?.conversation ?? conv }
      })
      if (!r.ok) return r
      if (r.event) {
        publishEvents(deps.bus, r.to, [r.event])
        // A waiting conversation moved in its queue's order.
        if (r.to.status === 'queued') await deps.assignWaiting()
      }
      return { ok: true, event: r.event }
    },
  }
}

export type ConversationAttributes = ReturnType<typeof createConversationAttributes>
