// After a call: the consultant who took it is in after-call work (nothing new is offered) until they record how it
// ended (a disposition code and a note), or until the configured maximum runs out; then available again. The
// wrap-up resolves the call's conversation. The end is kept as the presence's start time, so a restart or another
// node ends it on time.
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { Bus, Clock, ConsultantRecord, Logger, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'
import type { SetPresenceOutcome } from './set-presence.ts'

export type WrapUpOutcome = { ok: true; events: TimelineEvent[] } | { ok: false; error: 'not_found' | 'not_yours' | 'not_a_call' | 'unknown_disposition' }

export function createAfterCallWork(deps: {
  store: Store
  bus: Bus
  clock: Clock
  log: Logger
  setPresence: (c: ConsultantRecord, state: 'after_call_work' | 'available', reason: string | null) => Promise<SetPresenceOutcome>
  /** The longest after-call work before the consultant is available again (AFTER_CALL_WORK_SECONDS). */
  maxMs: number
}) {
  /** Consultant id → this node's timer for the end of their after-call work. */
  const armed = new Map<string, () => void>()

  /** Ends `consultantId`'s after-call work `maxMs` after it began (`since`), on this node's clock. */
  function arm(consultantId: string, since: Date) {
    armed.get(consultantId)?.()
    const cancel = deps.clock.setTimer(() => {
      armed.delete(consultantId)
      due(consultantId).catch((err: unknown) => deps.log.error({ err, consultantId }, 'ending after-call work failed'))
    }, since.getTime() + deps.maxMs - deps.clock.now().getTime())
    armed.set(consultantId, cancel)
  }

  /** The timer ran out: available again, unless they left after-call work or began another one since (any node). */
  async function due(consultantId: string) {
    const c = await deps.store.findConsultantById(consultantId)
    if (!c || c.presence !== 'after_call_work') return
    const since = c.presenceSince ?? deps.clock.now()
    if (since.getTime() + deps.maxMs > deps.clock.now().getTime()) return arm(consultantId, since)
    await deps.setPresence(c, 'available', null)
  }

  async function backToWork(consultantId: string) {
    armed.get(consultantId)?.()
    armed.delete(consultantId)
    const c = await deps.store.findConsultantById(consultantId)
    // Only out of after-call work: a consultant who went on a break meanwhile stays there.
    if (c && c.presence === 'after_call_work') await deps.setPresence(c, 'available', null)
  }

  return {
    /** The call of `conversationId` ended while `consultantId` had it. */
    async callEnded(consultantId: string, conversationId: string) {
      const c = await deps.store.findConsultantById(consultantId)
      if (!c || c.presence === 'offline') return
      await deps.setPresence(c, 'after_call_work', null)
      deps.log.info({ consultantId, conversationId }, 'after-call work began')
      arm(consultantId, deps.clock.now())
    },

    /** Arms the end of every stored after-call work: at start (a restart, work begun on a node that died). */
    async reload() {
      for (const c of await deps.store.listConsultants()) if (c.presence === 'after_call_work') arm(c.id, c.presenceSince ?? deps.clock.now())
    },

    stop() {
      for (const cancel of armed.values()) cancel()
      armed.clear()
    },

    /** The consultant records how the call ended: a note with the disposition, the conversation resolved. */
    async wrapUp(by: ConsultantRecord, conversationId: string, disposition: string, note: string | null): Promise<WrapUpOutcome> {
      const now = deps.clock.now()
      // One of the supervisors' active codes; its labels go with it, so the timeline reads the same after a rename.
      const code = (await deps.store.listDispositions()).find((d) => d.code === disposition && d.active)
      if (!code) return { ok: false, error: 'unknown_disposition' }
      const labels = { labelPl: code.labelPl, labelEn: code.labelEn }
      const r = await deps.store.transaction(async (tx) => {
        const conv = await tx.lockConversation(conversationId)
        if (!conv) return { ok: false as const, error: 'not_found' as const }
        if (conv.channelKind !== 'voice') return { ok: false as const, error: 'not_a_call' as const }
        if (conv.assigneeId !== by.id && by.role !== 'supervisor' && by.role !== 'admin') return { ok: false as const, error: 'not_yours' as const }
        const author = { kind: 'consultant' as const, id: by.id, name: by.name }
        const written: TimelineEvent[] = []
        const n = await tx.appendEvent({ conversationId }, { type: 'note', direction: null, text: note, author, data: { disposition, ...labels } }, now)
        if (n) written.push(n.event)
        if (conv.status !== 'resolved') {
          await tx.updateConversation(conversationId, { status: 'resolved', resolvedAt: now })
          const s = await tx.appendEvent({ conversationId }, { type: 'status', direction: null, text: null, author, data: { status: 'resolved', transition: 'wrapped_up', disposition, ...labels } }, now)
          if (s) written.push(s.event)
        }
        return { ok: true as const, events: written, to: conv }
      })
      if (!r.ok) return r
      publishEvents(deps.bus, r.to, r.events)
      if (r.to.assigneeId) await backToWork(r.to.assigneeId)
      return { ok: true, events: r.events }
    },
  }
}

export type AfterCallWork = ReturnType<typeof createAfterCallWork>
