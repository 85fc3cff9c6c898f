// A consultant resolves a conversation, sets it pending, snoozes it until a time, or opens it again (reopens a
// resolved one as theirs, wakes a pending or snoozed one); the freed capacity goes back to routing.
import type { StaffStatusTarget, StatusChange, StatusTransition } from '../domain/staff-status-change.ts'
import { staffChangesStatus } from '../domain/staff-status-change.ts'
import type { SlaInput } from '../domain/sla/sla-clocks.ts'
import type { AssignWaiting } from './assign-waiting.ts'
import type { Bus, Clock, ConsultantRecord, ConversationRecord, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { SlaClocks } from './sla-clocks.ts'

export type ChangeStatusOutcome = { ok: true; event: TimelineEvent } | { ok: false; error: 'not_found' | 'no_change' | 'not_allowed' | 'bad_time' }

/** What each change does to the SLA clocks: resolving fulfils, pending and snoozed pause, open runs them again. */
const SLA_INPUT: Record<StatusTransition, SlaInput['type']> = { resolved: 'resolved', pending: 'paused', snoozed: 'paused', reopened: 'reopened', woke: 'resumed' }

type Author = { kind: 'consultant' | 'system'; id: string | null; name: string | null }

export function createChangeStatus(deps: { store: Store; bus: Bus; clock: Clock; assignWaiting: AssignWaiting; sla?: SlaClocks }) {
  /** Applies a change decided under the row lock by `decide`; null when the conversation is gone. */
  async function apply(conversationId: string, author: Author, decide: (conv: ConversationRecord, now: Date) => StatusChange): Promise<ChangeStatusOutcome> {
    const now = deps.clock.now()
    const slaContext = deps.sla ? await deps.sla.context() : null
    const r = await deps.store.transaction(async (tx) => {
      const conv = await tx.lockConversation(conversationId)
      if (!conv) return { ok: false as const, error: 'not_found' as const }
      const change = decide(conv, now)
      if (!change.ok) return change
      await tx.updateConversation(conv.id, {
        status: change.status,
        assigneeId: change.assigneeId,
        snoozedUntil: change.snoozedUntil,
        resolvedAt: change.status === 'resolved' ? now : null,
        ...(change.status === 'queued' ? { enqueuedAt: now, offerExpiresAt: null } : {}),
      })
      const appended = await tx.appendEvent(
        { conversationId: conv.id },
        {
          type: 'status',
          direction: null,
          text: null,
          author,
          data: { status: change.status, transition: change.transition, ...(change.snoozedUntil ? { until: change.snoozedUntil.toISOString() } : {}), ...(change.transition === 'reopened' ? { assigneeId: change.assigneeId } : {}) },
        },
        now,
      )
      if (!appended) return { ok: false as const, error: 'not_found' as const }
      const sla = deps.sla && slaContext ? await deps.sla.apply(tx, slaContext, conv, [SLA_INPUT[change.transition]], now) : null
      return { ok: true as const, event: appended.event, to: appended.conversation, sla }
    })
    if (!r.ok) return r
    publishEvents(deps.bus, r.to, [r.event, ...(r.sla?.written ?? [])])
    if (r.sla) deps.sla?.armed(r.to.id, r.sla)
    // Awaited: when the answer comes, the freed capacity has already been offered to the queue.
    await deps.assignWaiting()
    return { ok: true, event: r.event }
  }

  return {
    /** A consultant's change by hand. */
    changeStatus(m: { consultant: ConsultantRecord; conversationId: string; status: StaffStatusTarget }): Promise<ChangeStatusOutcome> {
      return apply(m.conversationId, { kind: 'consultant', id: m.consultant.id, name: m.consultant.name }, (conv, now) => staffChangesStatus(conv, m.status, m.consultant.id, now))
    },
    /** The snooze ran out: awake, unless it changed meanwhile (woken by hand or by the citizen, snoozed again). */
    wakeIfDue(conversationId: string): Promise<ChangeStatusOutcome> {
      return apply(conversationId, { kind: 'system', id: null, name: null }, (conv, now) => {
        const due = conv.status === 'snoozed' && conv.snoozedUntil !== null && conv.snoozedUntil.getTime() <= now.getTime()
        return due ? staffChangesStatus(conv, { status: 'open' }, '', now) : { ok: false, error: 'no_change' }
      })
    },
  }
}

export type ChangeStatus = ReturnType<typeof createChangeStatus>
