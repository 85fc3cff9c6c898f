// Who may take a conversation: in its queue, with its skills, available, under capacity for its channel kind.
import type { Consultant, Waiting } from './routing-model.ts'

export type Ineligibility = 'not_available' | 'not_in_queue' | 'missing_skill' | 'at_capacity' | 'on_call' | 'declined'

export function whyIneligible(w: Waiting, c: Consultant): Ineligibility | null {
  if (c.presence !== 'available') return 'not_available'
  if (!c.queueIds.includes(w.queueId) && !(w.alsoQueueIds ?? []).some((q) => c.queueIds.includes(q))) return 'not_in_queue'
  if (w.declinedBy.includes(c.id)) return 'declined'
  if (!w.requiredSkills.every((s) => c.skills.includes(s))) return 'missing_skill'
  if (c.voiceExclusive && (c.load.voice ?? 0) > 0) return 'on_call'
  if ((c.load[w.channelKind] ?? 0) >= c.capacity[w.channelKind]) return 'at_capacity'
  return null
}

export function isEligible(w: Waiting, c: Consultant): boolean {
  return whyIneligible(w, c) === null
}
