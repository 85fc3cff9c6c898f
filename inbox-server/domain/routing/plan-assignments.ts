// Matches waiting conversations to consultants: the decisions as values, for the use case to carry out in one transaction.
import { isEligible } from './eligible.ts'
import type { Consultant, Decision, Waiting } from './routing-model.ts'
import { compareConsultants, compareWaiting } from './routing-order.ts'

/**
 * Serves conversations in queue order; each goes to the first eligible consultant in consultant order, whose
 * load and idle time then count the new conversation. A conversation nobody can take is passed over, so one that
 * needs a rare skill does not hold up those behind it. The same inputs, in any order, give the same decisions.
 */
export function planAssignments(waiting: readonly Waiting[], consultants: readonly Consultant[], now: number): Decision[] {
  const pool = consultants.filter((c) => c.presence === 'available').map((c) => ({ ...c, load: { ...c.load } }))
  const decisions: Decision[] = []
  for (const w of [...waiting].sort(compareWaiting)) {
    let best: (typeof pool)[number] | undefined
    for (const c of pool) if (isEligible(w, c) && (!best || compareConsultants(c, best) < 0)) best = c
    if (!best) continue
    best.load[w.channelKind] = (best.load[w.channelKind] ?? 0) + 1
    best.lastAssignedAt = now
    decisions.push({ conversationId: w.id, consultantId: best.id })
  }
  return decisions
}
