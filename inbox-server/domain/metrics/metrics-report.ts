// One report of everything for a period and a scope, and the same per queue and per channel kind: what the
// wallboard (period = today so far) and the date-range reports both call, so their figures cannot differ.
import { CHANNEL_KINDS, type ChannelKind } from '../../../protocol/channel.ts'
import type { ConversationFacts, QueueId } from './conversation-facts.ts'
import { handlingFigures, type HandlingFigures } from './handling.ts'
import type { MetricsSettings } from './metrics-settings.ts'
import type { Period, Scope } from './period.ts'
import { responseFigures, type ResponseFigures } from './response-times.ts'
import { satisfactionFigures, type SatisfactionFigures } from './satisfaction.ts'
import { entriesIn, queueFigures, type QueueFigures } from './service-level.ts'
import { moveFigures, type MoveFigures } from './transfers.ts'

export interface MetricsReport {
  queue: QueueFigures
  handling: HandlingFigures
  responses: ResponseFigures
  moves: MoveFigures
  satisfaction: SatisfactionFigures
}

export function metricsReport(facts: readonly ConversationFacts[], period: Period, settings: MetricsSettings, scope: Scope = {}): MetricsReport {
  return {
    queue: queueFigures(entriesIn(facts, period, scope), settings),
    handling: handlingFigures(facts, period, scope),
    responses: responseFigures(facts, period, scope),
    moves: moveFigures(facts, period, scope),
    satisfaction: satisfactionFigures(facts, period, scope),
  }
}

/** Every queue the conversations have been in, in first-seen order. */
export function queuesOf(facts: readonly ConversationFacts[]): QueueId[] {
  const seen = new Set<QueueId>()
  for (const f of facts) {
    for (const e of f.entries) seen.add(e.queueId)
    for (const m of f.moves) seen.add(m.fromQueueId).add(m.toQueueId)
    seen.add(f.queueId)
  }
  return [...seen]
}

export function reportsByQueue(facts: readonly ConversationFacts[], period: Period, settings: MetricsSettings): { queueId: QueueId; report: MetricsReport }[] {
  return queuesOf(facts).map((queueId) => ({ queueId, report: metricsReport(facts, period, settings, { queueId }) }))
}

/** Only the channel kinds that have conversations. */
export function reportsByChannel(facts: readonly ConversationFacts[], period: Period, settings: MetricsSettings): { channel: ChannelKind; report: MetricsReport }[] {
  const present = new Set(facts.map((f) => f.channel))
  return CHANNEL_KINDS.filter((c) => present.has(c)).map((channel) => ({ channel, report: metricsReport(facts, period, settings, { channel }) }))
}
