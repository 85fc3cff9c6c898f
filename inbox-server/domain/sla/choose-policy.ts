// Which SLA policy a conversation's clocks follow: the most specific one that matches its queue, channel and priority.
import type { ChannelKind } from '../../../protocol/channel.ts'

export interface PolicyMatch {
  id: string
  name: string
  /** Null: every queue without a policy of its own. */
  queueId: string | null
  channelKind: ChannelKind | null
  /** Applies from this priority up; null: any priority. */
  minPriority: number | null
}

/**
 * Specificity: its own queue beats every queue, then a channel kind beats any, then the highest priority floor that
 * the conversation reaches. Ties go to the first name, so the same conversation always gets the same policy.
 */
export function choosePolicy<P extends PolicyMatch>(policies: readonly P[], c: { queueId: string | null; channelKind: ChannelKind; priority: number }): P | null {
  let best: { p: P; score: number[] } | null = null
  for (const p of policies) {
    if (p.queueId !== null && p.queueId !== c.queueId) continue
    if (p.channelKind !== null && p.channelKind !== c.channelKind) continue
    if (p.minPriority !== null && c.priority < p.minPriority) continue
    const score = [p.queueId !== null ? 1 : 0, p.channelKind !== null ? 1 : 0, p.minPriority ?? -Infinity]
    if (!best || greater(score, best.score) || (equal(score, best.score) && p.name.localeCompare(best.p.name, 'pl') < 0)) best = { p, score }
  }
  return best?.p ?? null
}

const greater = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!
  return false
}
const equal = (a: number[], b: number[]) => a.every((x, i) => x === b[i])
