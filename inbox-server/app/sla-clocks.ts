// SLA clocks carried out: inside the transaction that changes a conversation, its clocks take the same step, their
// state and next deadlines are written on the row, and each start, pause, resume, warning, breach and fulfilment
// is a staff-only `sla` event in its timeline. After the commit, the timer service is told the next deadline.
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { SlaPolicy } from '../../protocol/sla.ts'
import { EMPTY_SLA, nextFireAt, slaStep, slaSummary, type SlaEvent, type SlaInput, type SlaState } from '../domain/sla/sla-clocks.ts'
import type { ConversationRecord, NewEvent, TxStore } from './ports.ts'
import type { SlaContext, SlaContexts } from './sla-context.ts'
import type { StoredSla } from './sla-ports.ts'
import { SYSTEM_AUTHOR } from './routing-events.ts'

export interface SlaApplied {
  written: TimelineEvent[]
  /** The steps taken (for breach actions and notifications). */
  steps: SlaEvent[]
  /** The policy the clocks run under; null: none applies. */
  policy: SlaPolicy | null
  /** The next deadline after this (null: none), and whether it moved. */
  fireAt: Date | null
  fireAtChanged: boolean
}

type Conv = Pick<ConversationRecord, 'id' | 'queueId' | 'officeId' | 'channelKind' | 'priority'>

export function createSlaClocks(deps: { contexts: SlaContexts; onArmed: (conversationId: string, fireAt: Date | null) => void }) {
  return {
    /** Read before the transaction: the policies and calendars (cached). */
    context: (): Promise<SlaContext> => deps.contexts.get(),

    /** Applies `inputs` in order at `now` to the clocks of `conv`, whose row `tx` holds. */
    /** `read`: the clocks as already read with the row lock (else they are read here). */
    async apply(
      tx: TxStore,
      ctx: SlaContext,
      conv: Conv,
      inputs: readonly SlaInput['type'][],
      now: Date,
      read?: { stored: StoredSla | null; fireAt: Date | null },
    ): Promise<SlaApplied> {
      if (ctx.empty) return { written: [], steps: [], policy: null, fireAt: null, fireAtChanged: false }
      const { stored, fireAt: storedFireAt } = read ?? (await tx.readSla(conv.id))
      const unchanged = (policy: SlaPolicy | null): SlaApplied => ({ written: [], steps: [], policy, fireAt: storedFireAt, fireAtChanged: false })
      const policy = (stored?.policyId ? ctx.policyById(stored.policyId) : undefined) ?? ctx.choose(conv)
      if (!policy) return unchanged(null)
      const rules = ctx.rules(policy, conv)
      let state: SlaState = stored ? { clocks: stored.clocks as SlaState['clocks'] } : EMPTY_SLA
      const steps: SlaEvent[] = []
      for (const type of inputs) {
        const r = slaStep(state, { type } as SlaInput, now, rules.targets, rules.time)
        state = r.state
        steps.push(...r.events)
      }
      if (steps.length === 0) return unchanged(policy)
      const fireAt = nextFireAt(state)
      const summary = slaSummary(state)
      await tx.writeSla(conv.id, { sla: { clocks: state.clocks, policyId: policy.id }, slaDueAt: summary.dueAt, slaBreached: summary.breached, slaFireAt: fireAt })
      const written: TimelineEvent[] = []
      for (const s of steps) {
        const e = await tx.appendEvent({ conversationId: conv.id }, slaEvent(s, policy.id, policy.name), now)
        if (e) written.push(e.event)
      }
      return { written, steps, policy, fireAt, fireAtChanged: storedFireAt?.getTime() !== fireAt?.getTime() }
    },

    /** After the commit: the timer service (here and on the other nodes) learns the next deadline, if it moved. */
    armed(conversationId: string, applied: SlaApplied) {
      if (applied.fireAtChanged) deps.onArmed(conversationId, applied.fireAt)
    },

    /** After a timer fired: its deadline left the heap, so the next one is armed whether it moved or not. */
    rearm(conversationId: string, fireAt: Date | null) {
      deps.onArmed(conversationId, fireAt)
    },
  }
}

export type SlaClocks = ReturnType<typeof createSlaClocks>

function slaEvent(s: SlaEvent, policyId: string, policyName: string): NewEvent {
  return {
    type: 'sla',
    direction: null,
    text: null,
    author: SYSTEM_AUTHOR,
    data: {
      step: s.step,
      clock: s.clock,
      dueAt: s.dueAt,
      targetMs: s.targetMs,
      ...(s.usedMs === undefined ? {} : { usedMs: s.usedMs }),
      ...(s.breached === undefined ? {} : { breached: s.breached }),
      policyId,
      policyName,
    },
  }
}
