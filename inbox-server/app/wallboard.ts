// The supervisors' wallboard: today's figures (from Warsaw midnight) per queue and per channel kind, computed by the
// same metrics functions as the reports, plus who waits now, consultants' states with the time in state, and each
// office's open escalations.
import { DateTime } from 'luxon'
import type { ChannelKind } from '../../protocol/channel.ts'
import { slaFigures } from '../domain/metrics/sla-compliance.ts'
import type { BoardFigures, Wallboard } from '../../protocol/wallboard.ts'
import { conversationFacts, type ConversationFacts } from '../domain/metrics/conversation-facts.ts'
import { waitingNow } from '../domain/metrics/live-queue.ts'
import { metricsReport } from '../domain/metrics/metrics-report.ts'
import { metricsSettings, type MetricsSettings } from '../domain/metrics/metrics-settings.ts'
import type { Period, Scope } from '../domain/metrics/period.ts'
import { NOT_RESPONDING } from './expire-offer.ts'
import type { MetricsConversation } from './metrics-ports.ts'
import type { Clock, Store } from './ports.ts'

const ZONE = 'Europe/Warsaw'
const round = (v: number | null) => (v === null ? null : Math.round(v))

/** Today's figures for one slice: the report's, the live queue, and SLA breaches written today. */
export function boardFigures(facts: readonly ConversationFacts[], convs: readonly MetricsConversation[], period: Period, now: number, settings: MetricsSettings, scope: Scope = {}): BoardFigures {
  const r = metricsReport(facts, period, settings, scope)
  const live = waitingNow(facts, now, scope)
  return {
    waiting: live.waiting,
    longestWaitMs: round(live.longestWaitMs),
    offered: r.queue.offered,
    answered: r.queue.answered,
    abandoned: r.queue.abandoned,
    shortAbandoned: r.queue.shortAbandoned,
    abandonRate: r.queue.abandonRate,
    serviceLevel: r.queue.serviceLevel,
    averageSpeedOfAnswerMs: round(r.queue.averageSpeedOfAnswerMs),
    averageHandlingMs: round(r.handling.averageHandlingMs),
    slaBreaches: slaFigures(convs, period, scope).breaches,
    satisfaction: r.satisfaction.average,
    satisfactionAnswers: r.satisfaction.answers,
  }
}

export function createWallboard(deps: { store: Store; clock: Clock; settings?: MetricsSettings }) {
  const settings = deps.settings ?? metricsSettings()
  return async function wallboard(): Promise<Wallboard> {
    const now = deps.clock.now()
    const from = DateTime.fromJSDate(now).setZone(ZONE).startOf('day')
    const period = { from: from.toMillis(), to: now.getTime() + 1 }
    const [convs, queues, offices, consultants] = await Promise.all([
      deps.store.metricsConversations(from.toJSDate()),
      deps.store.listAdminQueues(),
      deps.store.listOffices(),
      deps.store.listConsultants(),
    ])
    const officeQueues = new Map(queues.flatMap((q) => (q.officeId && q.line === 'second_line' ? [[q.officeId, q.id] as const] : [])))
    const facts = convs.map((c) => conversationFacts({ conversationId: c.id, channel: c.channel, entryQueueId: c.queueId, officeQueues, events: c.events }))
    const at = now.getTime()
    const figures = (scope: Scope = {}) => boardFigures(facts, convs, period, at, settings, scope)
    const present = new Set(convs.map((c) => c.channel))
    const load = new Map<string, Partial<Record<ChannelKind, number>>>()
    for (const c of convs) {
      if (!c.assigneeId || (c.status !== 'assigned' && c.status !== 'offered')) continue
      const mine = load.get(c.assigneeId) ?? {}
      mine[c.channel] = (mine[c.channel] ?? 0) + 1
      load.set(c.assigneeId, mine)
    }
    return {
      generatedAt: now.toISOString(),
      from: from.toUTC().toISO()!,
      totals: figures(),
      queues: queues.map((q) => ({ id: q.id, name: q.name, ...figures({ queueId: q.id }) })),
      channels: [...present].sort().map((channel) => ({ channel, ...figures({ channel }) })),
      consultants: consultants
        .filter((c) => !c.disabled)
        .map((c) => ({
          id: c.id,
          name: c.name,
          state: c.presence === 'busy' && c.presenceReason === NOT_RESPONDING ? 'not_responding' : c.presence,
          reason: c.presenceReason ?? null,
          since: c.presenceSince?.toISOString() ?? null,
          load: load.get(c.id) ?? {},
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'pl')),
      offices: offices
        .map((o) => ({ id: o.id, name: o.name, openEscalations: convs.filter((c) => c.officeId === o.id && c.status !== 'resolved').length }))
        .filter((o) => o.openEscalations > 0),
    }
  }
}

export type WallboardSource = ReturnType<typeof createWallboard>
