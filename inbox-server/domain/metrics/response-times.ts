// First response and resolution times, median and 90th percentile, in wall time (not business hours: the SLA
// clocks measure those). First response: from the citizen's opening (or writing into a resolved conversation) to
// the first public message by a consultant, for written channels only (a call's answer is its speed of answer);
// counted in the period the work began. Resolution: from opening (or reopening) to resolution, any channel;
// counted in the period it was resolved. A reopened conversation is new work with times of its own.
import type { ConversationFacts, Episode } from './conversation-facts.ts'
import { median, percentile } from './percentiles.ts'
import { inScope, within, type Period, type Scope } from './period.ts'

export interface ResponseFigures {
  firstResponses: number
  /** Begun in the period, still open, no public reply yet. */
  awaitingFirstResponse: number
  firstResponseMedianMs: number | null
  firstResponseP90Ms: number | null
  resolved: number
  resolutionMedianMs: number | null
  resolutionP90Ms: number | null
  /** Work that began in the period by a reopening (by the citizen or by staff). */
  reopened: number
}

const awaitsResponse = (ep: Episode) => ep.startedBy !== 'staff_reopened'

export function responseFigures(facts: readonly ConversationFacts[], period: Period, scope: Scope = {}): ResponseFigures {
  const firstResponse: number[] = []
  const resolution: number[] = []
  let awaiting = 0
  let reopened = 0
  for (const f of facts) {
    for (const ep of f.episodes) {
      if (!inScope(scope, ep.queueId, f.channel)) continue
      if (within(period, ep.startedAt)) {
        if (ep.startedBy !== 'created') reopened++
        if (f.channel !== 'voice' && awaitsResponse(ep)) {
          if (ep.firstResponseAt !== null) firstResponse.push(Math.max(0, ep.firstResponseAt - ep.startedAt))
          else if (ep.end === null) awaiting++
        }
      }
      if (ep.end === 'resolved' && within(period, ep.endedAt)) resolution.push(Math.max(0, ep.endedAt - ep.startedAt))
    }
  }
  return {
    firstResponses: firstResponse.length,
    awaitingFirstResponse: awaiting,
    firstResponseMedianMs: median(firstResponse),
    firstResponseP90Ms: percentile(firstResponse, 0.9),
    resolved: resolution.length,
    resolutionMedianMs: median(resolution),
    resolutionP90Ms: percentile(resolution, 0.9),
    reopened,
  }
}
