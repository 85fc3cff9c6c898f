// Matches waiting conversations to consultants: the decisions as values, for the use case to carry out in one transaction.
import { isEligible } from './eligible.ts'
import type { Consultant, Decision, Waiting } from './routing-model.ts'
import { compareConsultants, compareWaiting } from './routing-order.ts'

/**
 * Serves conversations in queue order; each goes to the first eligible consultant in consultant order, whose
 * load and idle time then count the new conversation. A conversation nobody can take is passed over, so one that
 * needs a rare skill does not hold up those behind it. The same inputs, in any order, give the same decisions.
 *
 * Consultants are indexed by queue, and a queue and channel kind that nobody could take is not scanned again
 * (loads only grow during a plan), so a plan costs about one scan per assignment, not one per waiting conversation.
 */
export function planAssignments(waiting: readonly Waiting[], consultants: readonly Consultant[], now: number): Decision[] {
  const byQueue = new Map<string, Consultant[]>()
  for (const c of consultants) {
    if (c.presence !== 'available') continue
    const copy = { ...c, load: { ...c.load } }
    for (const q of c.queueIds) {
      let list = byQueue.get(q)
      if (!list) byQueue.set(q, (list = []))
      list.push(copy)
    }
  }
  const exhausted = new Set<string>()
  const decisions: Decision[] = []
  for (const w of [...waiting].sort(compareWaiting)) {
    const also = w.alsoQueueIds ?? []
    const key = `${w.queueId}|${w.channelKind}|${also.join(',')}`
    if (exhausted.has(key)) continue
    let best: Consultant | undefined
    for (const q of [w.queueId, ...also]) {
      for (const c of byQueue.get(q) ?? []) if (isEligible(w, c) && (!best || compareConsultants(c, best) < 0)) best = c
    }
    if (!best) {
      // Without extra conditions nobody can take this queue and kind any more in this plan.
      if (w.requiredSkills.length === 0 && w.declinedBy.length === 0) exhausted.add(key)
      continue
    }
    const mutable = best as { load: Partial<Record<string, number>>; lastAssignedAt: number | null }
    mutable.load[w.channelKind] = (mutable.load[w.channelKind] ?? 0) + 1
    mutable.lastAssignedAt = now
    decisions.push({ conversationId: w.id, consultantId: best.id })
  }
  return decisions
}
