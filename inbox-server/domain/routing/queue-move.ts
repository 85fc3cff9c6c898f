// A conversation moving between queues (transfer, escalation, hand-back) takes the new queue's priority and skills
// and keeps what entry rules gave it on top of its old queue's (a language skill, a priority boost).

export interface QueueTraits {
  priority: number
  requiredSkills: readonly string[]
}

export function carryInto(conv: QueueTraits, from: QueueTraits | undefined, to: QueueTraits | undefined): { priority: number; requiredSkills: string[] } {
  const fromSkills = new Set(from?.requiredSkills ?? [])
  const own = conv.requiredSkills.filter((s) => !fromSkills.has(s))
  return {
    priority: conv.priority - (from?.priority ?? 0) + (to?.priority ?? 0),
    requiredSkills: [...new Set([...own, ...(to?.requiredSkills ?? [])])].sort(),
  }
}
