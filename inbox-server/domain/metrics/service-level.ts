// Queue figures over the waits that entered a queue in a period: offered, answered, abandoned (short abandons
// apart), abandon rate, service level and average speed of answer. A wait is counted in the period it entered the
// queue, whenever it ended, so answered + abandoned never exceeds offered.
//
// Service level = answered within the target ÷ (answered + abandoned after the short-abandon threshold).
// Waits still waiting, moved to another queue while waiting, or closed by staff unanswered are in neither part.
import type { ChannelKind } from '../../../protocol/channel.ts'
import type { ConversationFacts, QueueEntry } from './conversation-facts.ts'
import type { MetricsSettings } from './metrics-settings.ts'
import { mean } from './percentiles.ts'
import { inScope, within, type Period, type Scope } from './period.ts'

/** A wait with the conversation it belongs to. */
export interface EntryRow {
  conversationId: string
  channel: ChannelKind
  entry: QueueEntry
}

export interface QueueFigures {
  /** Entered the queue, less short abandons and calls that went to voicemail out of hours. */
  offered: number
  answered: number
  answeredWithinTarget: number
  /** Left before anyone took it, after waiting longer than the short-abandon threshold. */
  abandoned: number
  /** Left within the threshold: in neither offered nor abandoned. */
  shortAbandoned: number
  /** Transferred, escalated or rerouted to another queue while waiting (offered there again). */
  movedOut: number
  /** Resolved, set pending or snoozed by staff while still waiting. */
  closedUnanswered: number
  /** Still waiting, as far as the events go. */
  waiting: number
  /** Calls that came in while the queue was closed (voicemail). */
  outOfHours: number
  /** Offers that rang out unaccepted, and calls put through that the consultant's phone did not answer. */
  offerTimeouts: number
  offerDeclines: number
  /** abandoned ÷ offered; null when nothing was offered. */
  abandonRate: number | null
  /** answeredWithinTarget ÷ (answered + abandoned); null when neither. */
  serviceLevel: number | null
  /** Mean wait of the answered ones, ms. */
  averageSpeedOfAnswerMs: number | null
}

/** The waits that entered a queue in `period`, of the conversations in `scope` (by the queue of the wait). */
export function entriesIn(facts: readonly ConversationFacts[], period: Period, scope: Scope = {}): EntryRow[] {
  const rows: EntryRow[] = []
  for (const f of facts) {
    for (const entry of f.entries) {
      if (within(period, entry.enteredAt) && inScope(scope, entry.queueId, f.channel)) rows.push({ conversationId: f.conversationId, channel: f.channel, entry })
    }
  }
  return rows
}

export function isShortAbandon(entry: QueueEntry, settings: MetricsSettings): boolean {
  return entry.outcome === 'abandoned' && entry.waitMs !== null && entry.waitMs <= settings.shortAbandonMs
}

export function queueFigures(rows: readonly EntryRow[], settings: MetricsSettings): QueueFigures {
  const f = { offered: 0, answered: 0, answeredWithinTarget: 0, abandoned: 0, shortAbandoned: 0, movedOut: 0, closedUnanswered: 0, waiting: 0, outOfHours: 0, offerTimeouts: 0, offerDeclines: 0 }
  const answerWaits: number[] = []
  for (const { channel, entry } of rows) {
    if (entry.outOfHours) {
      f.outOfHours++
      continue
    }
    if (isShortAbandon(entry, settings)) {
      f.shortAbandoned++
      continue
    }
    f.offered++
    f.offerTimeouts += entry.timeouts + entry.unanswered
    f.offerDeclines += entry.declines
    switch (entry.outcome) {
      case 'answered': {
        const wait = entry.waitMs ?? 0
        f.answered++
        answerWaits.push(wait)
        if (wait <= settings.targetMs(entry.queueId, channel)) f.answeredWithinTarget++
        break
      }
      case 'abandoned':
        f.abandoned++
        break
      case 'moved':
        f.movedOut++
        break
      case 'closed':
        f.closedUnanswered++
        break
      case 'waiting':
        f.waiting++
        break
    }
  }
  const handled = f.answered + f.abandoned
  return {
    ...f,
    abandonRate: f.offered > 0 ? f.abandoned / f.offered : null,
    serviceLevel: handled > 0 ? f.answeredWithinTarget / handled : null,
    averageSpeedOfAnswerMs: mean(answerWaits),
  }
}
