// Entry: which queue a new conversation waits in, with what priority and which required skills.
import type { ChannelKind } from '../../../protocol/channel.ts'
import type { Language } from '../../../protocol/admin.ts'
import { foldText, queueForText, type KeywordRule } from './match-keywords.ts'

export interface EntryQueue {
  id: string
  name: string
  line: string
  priority: number
  requiredSkills: readonly string[]
  topic: string | null
  ivrDigits: string | null
  keywords: readonly string[]
}

export interface EntryRuleValue {
  name: string
  position: number
  enabled: boolean
  channelKind: ChannelKind | null
  language: Language | null
  keywords: readonly string[]
  queueId: string | null
  priorityBoost: number
  skill: string | null
}

export interface EntryInput {
  channelKind: ChannelKind
  text: string
  language: Language | null
  /** Picked in the widget's pre-chat form. */
  topic?: string
  /** Pressed in the IVR menu (voice). */
  ivrDigits?: string
}

export interface Entry {
  queueId: string
  priority: number
  requiredSkills: string[]
  /** Why: `topic`, `ivr`, `rule`, `keywords` or `default`; and the names of the rules that matched. */
  by: 'topic' | 'ivr' | 'rule' | 'keywords' | 'default'
  rules: string[]
}

/**
 * The citizen's own choice (topic, IVR digits) first, then the first matching rule that names a queue, then the
 * queue the words point to, then the channel's default. Every matching rule adds its priority boost and skill.
 */
export function chooseEntry(input: EntryInput, ctx: { queues: readonly EntryQueue[]; rules: readonly EntryRuleValue[]; defaultQueueId: string }): Entry {
  const byId = new Map(ctx.queues.map((q) => [q.id, q]))
  const matching = [...ctx.rules]
    .filter((r) => r.enabled && ruleMatches(r, input))
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name, 'pl'))
  const chosen =
    pick('topic', input.topic ? ctx.queues.find((q) => q.topic === input.topic) : undefined) ??
    pick('ivr', input.ivrDigits ? ctx.queues.find((q) => q.ivrDigits === input.ivrDigits) : undefined) ??
    pick('rule', matching.map((r) => (r.queueId ? byId.get(r.queueId) : undefined)).find(Boolean)) ??
    pick('keywords', byId.get(queueForText(input.text, keywordRules(ctx.queues)) ?? '')) ??
    pick('default', byId.get(ctx.defaultQueueId)) ?? { by: 'default' as const, queue: null }
  const boost = matching.reduce((sum, r) => sum + r.priorityBoost, 0)
  const skills = new Set<string>(chosen.queue?.requiredSkills ?? [])
  for (const r of matching) if (r.skill) skills.add(r.skill)
  return {
    queueId: chosen.queue?.id ?? ctx.defaultQueueId,
    priority: (chosen.queue?.priority ?? 0) + boost,
    requiredSkills: [...skills].sort(),
    by: chosen.by,
    rules: matching.map((r) => r.name),
  }
}

function pick<B extends Entry['by']>(by: B, queue: EntryQueue | undefined): { by: B; queue: EntryQueue } | null {
  return queue ? { by, queue } : null
}

function keywordRules(queues: readonly EntryQueue[]): KeywordRule[] {
  return queues.filter((q) => q.line === 'first_line' && q.keywords.length > 0).map((q) => ({ queueId: q.id, name: q.name, keywords: q.keywords }))
}

function ruleMatches(r: EntryRuleValue, input: EntryInput): boolean {
  if (r.channelKind !== null && r.channelKind !== input.channelKind) return false
  if (r.language !== null && r.language !== input.language) return false
  if (r.keywords.length > 0) {
    const words = foldText(input.text).split(/[^\p{L}\p{N}]+/u).filter(Boolean)
    const keys = r.keywords.map(foldText)
    if (!words.some((w) => keys.some((k) => w.startsWith(k)))) return false
  }
  return true
}
