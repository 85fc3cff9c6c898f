// Reports for a range of days (Europe/Warsaw): the same metrics functions as the wallboard over the conversations
// active since the range began, for the whole range, per queue, per channel kind, per hour of day and day of week;
// and the same as CSV for a spreadsheet.
import { DateTime } from 'luxon'
import type { ChannelKind } from '../../protocol/channel.ts'
import { MAX_REPORT_DAYS, type Report, type ReportFigures } from '../../protocol/reports.ts'
import { conversationFacts, type ConversationFacts } from '../domain/metrics/conversation-facts.ts'
import { metricsReport } from '../domain/metrics/metrics-report.ts'
import { metricsSettings, type MetricsSettings } from '../domain/metrics/metrics-settings.ts'
import type { Period, Scope } from '../domain/metrics/period.ts'
import { entriesIn } from '../domain/metrics/service-level.ts'
import { byDayOfWeek, byHourOfDay } from '../domain/metrics/time-buckets.ts'
import { figuresByConsultant } from '../domain/metrics/by-consultant.ts'
import { slaFigures } from '../domain/metrics/sla-compliance.ts'
import type { MetricsConversation } from './metrics-ports.ts'
import type { Clock, Store } from './ports.ts'

const ZONE = 'Europe/Warsaw'
const round = (v: number | null) => (v === null ? null : Math.round(v))

/** [from 00:00, the day after `to` 00:00) in Warsaw; null when the days are not real, reversed or too many. */
export function reportPeriod(fromDay: string, toDay: string): Period | null {
  const from = DateTime.fromISO(fromDay, { zone: ZONE })
  const to = DateTime.fromISO(toDay, { zone: ZONE }).plus({ days: 1 })
  if (!from.isValid || !to.isValid || to <= from) return null
  if (to.diff(from, 'days').days > MAX_REPORT_DAYS) return null
  return { from: from.toMillis(), to: to.toMillis() }
}

export function reportFigures(facts: readonly ConversationFacts[], convs: readonly MetricsConversation[], period: Period, settings: MetricsSettings, scope: Scope = {}): ReportFigures {
  const r = metricsReport(facts, period, settings, scope)
  const sla = slaFigures(convs, period, scope)
  return {
    offered: r.queue.offered,
    answered: r.queue.answered,
    abandoned: r.queue.abandoned,
    shortAbandoned: r.queue.shortAbandoned,
    abandonRate: r.queue.abandonRate,
    serviceLevel: r.queue.serviceLevel,
    averageSpeedOfAnswerMs: round(r.queue.averageSpeedOfAnswerMs),
    handled: r.handling.handled,
    averageHandlingMs: round(r.handling.averageHandlingMs),
    firstResponseMedianMs: round(r.responses.firstResponseMedianMs),
    firstResponseP90Ms: round(r.responses.firstResponseP90Ms),
    resolved: r.responses.resolved,
    resolutionMedianMs: round(r.responses.resolutionMedianMs),
    resolutionP90Ms: round(r.responses.resolutionP90Ms),
    transfers: r.moves.transfers,
    escalations: r.moves.escalations,
    slaCompliance: sla.compliance,
    slaBreaches: sla.breaches,
    satisfactionAverage: r.satisfaction.average,
    satisfactionAnswers: r.satisfaction.answers,
  }
}

export function createReports(deps: { store: Store; clock: Clock; settings?: MetricsSettings }) {
  const settings = deps.settings ?? metricsSettings()
  return async function report(period: Period): Promise<Report> {
    const [convs, queues, consultants, offices] = await Promise.all([
      deps.store.metricsConversations(new Date(period.from)),
      deps.store.listAdminQueues(),
      deps.store.listConsultants(),
      deps.store.listOffices(),
    ])
    const officeQueues = new Map(queues.flatMap((q) => (q.officeId && q.line === 'second_line' ? [[q.officeId, q.id] as const] : [])))
    const facts = convs.map((c) => conversationFacts({ conversationId: c.id, channel: c.channel, entryQueueId: c.queueId, officeQueues, events: c.events }))
    const figures = (scope: Scope = {}) => reportFigures(facts, convs, period, settings, scope)
    const rows = entriesIn(facts, period)
    const slice = (f: { offered: number; answered: number; abandoned: number; serviceLevel: number | null }) => ({ offered: f.offered, answered: f.answered, abandoned: f.abandoned, serviceLevel: f.serviceLevel })
    const channels = [...new Set(convs.map((c) => c.channel))].sort() as ChannelKind[]
    return {
      from: new Date(period.from).toISOString(),
      to: new Date(period.to).toISOString(),
      generatedAt: deps.clock.now().toISOString(),
      totals: figures(),
      byQueue: queues.map((q) => ({ id: q.id, name: q.name, ...figures({ queueId: q.id }) })),
      byChannel: channels.map((channel) => ({ channel, ...figures({ channel }) })),
      byConsultant: figuresByConsultant(facts, period)
        .map(({ consultantId, ...f }) => ({ id: consultantId, name: consultants.find((c) => c.id === consultantId)?.name ?? consultantId, ...f, averageHandlingMs: round(f.averageHandlingMs), firstResponseMedianMs: round(f.firstResponseMedianMs) }))
        .sort((a, b) => a.name.localeCompare(b.name, 'pl')),
      byOffice: offices.flatMap((o) => {
        const queueId = officeQueues.get(o.id)
        if (!queueId) return []
        const moves = facts.flatMap((f) => f.moves).filter((m) => m.at >= period.from && m.at < period.to)
        return [{ id: o.id, name: o.name, received: moves.filter((m) => m.kind === 'escalation' && m.toQueueId === queueId).length, handedBack: moves.filter((m) => m.kind === 'return' && m.fromQueueId === queueId).length, ...figures({ queueId }) }]
      }),
      byHour: byHourOfDay(rows, settings).map((f, hour) => ({ hour, ...slice(f) })),
      byWeekday: byDayOfWeek(rows, settings).map((f, i) => ({ weekday: i + 1, ...slice(f) })),
    }
  }
}

export type Reports = ReturnType<typeof createReports>
