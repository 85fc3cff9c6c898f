// Test helper: timelines written as short lists of steps, in the shapes the app writes (app/routing-events.ts,
// voice-calls.ts, change-status.ts, …), so the metrics tests read as hand-computed fixtures.
import type { TimelineEvent } from '../../../protocol/rest.ts'

type Author = TimelineEvent['author']
type Step = Pick<TimelineEvent, 'type' | 'direction'> & { data: Record<string, unknown> | null; author?: Author; text?: string }

const SYSTEM: Author = { kind: 'system', id: null, name: null }
const consultant = (id: string): Author => ({ kind: 'consultant', id, name: id })
const citizen: Author = { kind: 'contact', id: 'contact', name: null }

const status = (transition: string, statusName: string | null, extra: Record<string, unknown> = {}): Step => ({
  type: 'status',
  direction: null,
  data: { ...(statusName ? { status: statusName } : {}), transition, ...extra },
})
const routing = (step: string, data: Record<string, unknown> = {}, author: Author = SYSTEM): Step => ({ type: 'routing', direction: null, data: { step, ...data }, author })
const call = (data: Record<string, unknown>, direction: TimelineEvent['direction'] = null): Step => ({ type: 'call', direction, data })

export const step = {
  created: (extra: Record<string, unknown> = {}) => status('created', 'queued', extra),
  citizenWrites: (text = 'Dzień dobry'): Step => ({ type: 'message', direction: 'in', data: null, author: citizen, text }),
  consultantWrites: (who: string, text = 'W czym mogę pomóc?'): Step => ({ type: 'message', direction: 'out', data: null, author: consultant(who), text }),
  automaticReply: (): Step => ({ type: 'message', direction: 'out', data: null, author: SYSTEM, text: 'Dziękujemy, odpowiemy wkrótce' }),
  note: (who: string): Step => ({ type: 'note', direction: null, data: null, author: consultant(who), text: 'notatka' }),
  offered: (who: string) => routing('offered', { consultantId: who, consultantName: who, expiresAt: '2030-01-01T00:00:00Z' }),
  declined: (who: string) => routing('declined', { consultantId: who, consultantName: who }, consultant(who)),
  timedOut: (who: string) => routing('timed_out', { consultantId: who }),
  assigned: (who: string, by: 'routing' | 'accepted' | 'picked' | 'transferred' | 'replied' = 'accepted'): Step => ({
    type: 'assignment',
    direction: null,
    data: { assigneeId: who, assigneeName: who, status: 'assigned', by },
    author: by === 'routing' ? SYSTEM : consultant(who),
  }),
  transferredToQueue: (queueId: string, by = 'kierownik') => routing('transferred', { toQueueId: queueId, toQueueName: queueId, fromConsultantId: by, fromName: by, note: null }, consultant(by)),
  transferredToConsultant: (who: string, by = 'kierownik') => routing('transferred', { toConsultantId: who, toName: who, fromConsultantId: by, fromName: by, note: null }, consultant(by)),
  escalated: (officeId: string, by = 'kierownik') => routing('escalated', { officeId, officeName: officeId, fromConsultantId: by, fromName: by, note: null }, consultant(by)),
  returned: (officeId: string, by = 'urzednik') => routing('returned', { fromOfficeId: officeId, fromConsultantId: by, fromName: by, note: null }, consultant(by)),
  rerouted: (queueId: string) => routing('rerouted', { toQueueId: queueId, toQueueName: queueId, reason: 'sla_breach' }),
  resolved: () => status('resolved', 'resolved'),
  pending: () => status('pending', 'pending'),
  snoozed: () => status('snoozed', 'snoozed', { until: '2030-01-01T00:00:00Z' }),
  woke: (to: 'queued' | 'assigned') => status('woke', to),
  reopenedByCitizen: () => status('reopened', 'queued'),
  reopenedByStaff: (who: string) => status('reopened', 'assigned', { assigneeId: who }),
  visitorLeft: (): Step => ({ type: 'status', direction: null, data: { transition: 'visitor_left' }, author: citizen }),
  abandoned: (waitSeconds?: number) => status('abandoned', 'resolved', waitSeconds === undefined ? {} : { waitSeconds }),
  notAnswered: (who: string) => status('not_answered', 'queued', { consultantId: who }),
  wrappedUp: () => status('wrapped_up', 'resolved', { disposition: 'informacja' }),
  callQueued: (sid = 'CA1') => call({ callSid: sid, state: 'queued', from: '+48600100200', to: '+48221234567', digits: '1' }, 'in'),
  callVoicemail: (sid = 'CA1') => call({ callSid: sid, state: 'voicemail', from: '+48600100200', to: '+48221234567', digits: '1' }, 'in'),
  callConnecting: (who: string, sid = 'CA1') => call({ state: 'connecting', callSid: sid, consultantId: who }),
  callerLeg: (state: string, sequence: number, durationSeconds: number | null = null, sid = 'CA1', extra: Record<string, unknown> = {}) =>
    call({ callSid: sid, state, sequence, durationSeconds, ...extra }),
  queueResult: (result: string, waitSeconds: number, sid = 'CA1') => call({ callSid: sid, state: `queue:${result}`, sequence: null, durationSeconds: null, waitSeconds }),
  consultantLeg: (state: string, durationSeconds: number | null, dialSid = 'CAd1', parent = 'CA1') => call({ callSid: dialSid, state, sequence: null, durationSeconds, parentCallSid: parent }),
  surveyAsked: (): Step => ({ type: 'survey', direction: 'out', data: { asked: true, channel: 'sms', providerId: 'SM1' }, text: 'Jak oceniasz?' }),
  surveyAnswer: (score: unknown): Step => ({ type: 'survey', direction: 'in', data: { score, comment: null, channel: 'sms' }, text: String(score) }),
}

/**
 * A conversation's events: each step at `seconds` after `start` (server time; `occurredAt` the same unless a step
 * is given one), numbered in the order listed.
 */
export function timeline(start: string, steps: readonly (readonly [seconds: number, step: Step, occurredAt?: string])[], conversationId = 'c1'): TimelineEvent[] {
  const t0 = Date.parse(start)
  return steps.map(([seconds, s, occurredAt], i) => {
    const createdAt = new Date(t0 + seconds * 1000).toISOString()
    return {
      id: `${conversationId}-${i + 1}`,
      conversationId,
      seq: i + 1,
      type: s.type,
      direction: s.direction,
      text: s.text ?? null,
      author: s.author ?? SYSTEM,
      clientId: null,
      data: s.data,
      createdAt,
      occurredAt: occurredAt ?? createdAt,
    }
  })
}

export const SECOND = 1000
export const MINUTE = 60_000
