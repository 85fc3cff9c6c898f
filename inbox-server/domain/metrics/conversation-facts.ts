// The facts the contact-centre metrics need, derived from one conversation's stored timeline: each wait in a queue
// (entry) and how it ended, each piece of work from opening to resolution (episode) with its first response and
// handling time, the transfers and escalations between queues, and the first survey answer. The wallboard and the
// reports both compute from these, so they always agree. Pure: the events are the only input besides the channel.
//
// Times are the server's (`createdAt`, epoch ms) throughout: the provider's `occurredAt` orders the timeline for
// reading but comes from clocks the centre does not control, and a late delivery must not count against staff.
// Two durations are the provider's own measurements: a call's wait when the caller hung up (`waitSeconds`) and the
// talk time of a consultant's call leg (`durationSeconds`). Events are read in `seq` order (the order written).
import type { ChannelKind } from '../../../protocol/channel.ts'
import type { TimelineEvent } from '../../../protocol/rest.ts'
import { consultantTalkMs, isCallerLegEnd, isVoicemailLeg } from './call-legs.ts'
import { inWriteOrder, numberField, serverTime, textField } from './event-fields.ts'

/** A queue's id; null for a conversation whose queue was deleted (reported as "no queue"). */
export type QueueId = string | null

/** How a conversation came to wait in a queue. */
export type EntryVia = 'created' | 'reopened' | 'resumed' | 'transferred' | 'escalated' | 'returned' | 'rerouted'

/**
 * How a wait ended. `moved`: transferred, escalated or rerouted to another queue while still waiting.
 * `closed`: resolved, set pending or snoozed by staff before anyone took it.
 */
export type EntryOutcome = 'waiting' | 'answered' | 'abandoned' | 'moved' | 'closed'

/** One wait in one queue: what the centre counts as one offered contact. */
export interface QueueEntry {
  queueId: QueueId
  via: EntryVia
  enteredAt: number
  /** When routing first presented it to a consultant (routing step `offered`), and how often it did. */
  presentedAt: number | null
  presentations: number
  declines: number
  timeouts: number
  /** Calls: put through to a consultant whose phone did not answer; it waited on, in its place. */
  unanswered: number
  outcome: EntryOutcome
  /** When it stopped waiting; null while it waits. */
  endedAt: number | null
  /** Answered: who took it. */
  answeredBy: string | null
  /**
   * Answered: server time from entering to the first assignment. Abandoned: the provider's measured wait for a call
   * (unless it rang out at a consultant's phone in between, which restarts the provider's count), else server time.
   */
  waitMs: number | null
  /** A call that came in while its queue was closed and went to voicemail: not offered to the centre. */
  outOfHours: boolean
}

/** How a piece of work began: the conversation was created, or the citizen wrote again, or staff reopened it. */
export type EpisodeStart = 'created' | 'citizen_reopened' | 'staff_reopened'

/** From opening (or reopening) to resolution: one piece of work. */
export interface Episode {
  startedAt: number
  startedBy: EpisodeStart
  /** The queue it was in when it ended (or is in now, while open). */
  queueId: QueueId
  /** First assignment (or the staff reopen, which makes it the reopener's). */
  answeredAt: number | null
  /** Who has it: the last consultant it was given to (transfers move it), for the figures per consultant. */
  consultantId: string | null
  /** First public message by a consultant. */
  firstResponseAt: number | null
  end: 'resolved' | 'abandoned' | null
  endedAt: number | null
  /** Written channels: answer to resolution (wall time). Calls: the consultants' talk time measured by the provider. */
  handlingMs: number | null
  /** When the handling is counted: the resolution (written channels) or the end of the last talk (calls). */
  handledAt: number | null
}

export type MoveKind = 'transfer' | 'escalation' | 'return' | 'reroute'

/** A hand-over: to another queue (toQueueId), to a consultant (toConsultantId, same queue), to an office, back from it. */
export interface Move {
  kind: MoveKind
  at: number
  fromQueueId: QueueId
  toQueueId: QueueId
  toConsultantId: string | null
}

export type Score = 1 | 2 | 3 | 4 | 5

export interface SurveyAnswer {
  score: Score
  at: number
  /** The queue the conversation was in when the answer came. */
  queueId: QueueId
}

export interface ConversationFacts {
  conversationId: string
  channel: ChannelKind
  entries: QueueEntry[]
  episodes: Episode[]
  moves: Move[]
  /** The first answer only: a second one in the same conversation is never counted. */
  survey: SurveyAnswer | null
  /** Where it is now. */
  queueId: QueueId
}

export interface ConversationInput {
  conversationId: string
  channel: ChannelKind
  /** The queue it was created in (the `created` event names it in `data.queueId` when it does; that wins). */
  entryQueueId: QueueId
  /** Office id → the office's queue: an `escalated` event names the office (its `data.toQueueId` wins when given). */
  officeQueues?: ReadonlyMap<string, string>
  /** All of its timeline events, any order. */
  events: readonly TimelineEvent[]
}

interface WorkingEpisode extends Omit<Episode, 'handlingMs' | 'handledAt'> {
  talkMs: number
  talkLegs: number
  lastTalkAt: number | null
  callerEndedAt: number | null
}

const isScore = (n: number | null): n is Score => n !== null && Number.isInteger(n) && n >= 1 && n <= 5

export function conversationFacts(input: ConversationInput): ConversationFacts {
  const entries: QueueEntry[] = []
  const episodes: WorkingEpisode[] = []
  const moves: Move[] = []
  let survey: SurveyAnswer | null = null
  let queue: QueueId = input.entryQueueId
  /** The entry still waiting, if any. */
  let waiting: QueueEntry | null = null
  /** The entry answered last: a call that rings out at the consultant's phone waits on in it. */
  let lastAnswered: QueueEntry | null = null
  /** The episode written to: the open one, or the last one after it ended (late call legs still belong to it). */
  let episode: WorkingEpisode | null = null
  /** While escalated: the first-line queue a hand-back returns to. */
  let firstLineQueue: QueueId | undefined

  const open = () => (episode && episode.end === null ? episode : null)

  function enter(at: number, via: EntryVia) {
    waiting = { queueId: queue, via, enteredAt: at, presentedAt: null, presentations: 0, declines: 0, timeouts: 0, unanswered: 0, outcome: 'waiting', endedAt: null, answeredBy: null, waitMs: null, outOfHours: false }
    entries.push(waiting)
  }

  function leave(at: number, outcome: Exclude<EntryOutcome, 'waiting'>, waitMs: number | null = null) {
    if (!waiting) return
    waiting.outcome = outcome
    waiting.endedAt = at
    waiting.waitMs = waitMs === null ? null : Math.max(0, waitMs)
    waiting = null
  }

  function startEpisode(at: number, startedBy: EpisodeStart) {
    episode = { startedAt: at, startedBy, queueId: queue, answeredAt: null, consultantId: null, firstResponseAt: null, end: null, endedAt: null, talkMs: 0, talkLegs: 0, lastTalkAt: null, callerEndedAt: null }
    episodes.push(episode)
  }

  function endEpisode(at: number, end: 'resolved' | 'abandoned') {
    const ep = open()
    if (!ep) return
    ep.end = end
    ep.endedAt = at
  }

  /** Into another queue as a new arrival there (what the app's `requeuedInto` does). */
  function requeue(kind: MoveKind, via: EntryVia, at: number, to: QueueId) {
    moves.push({ kind, at, fromQueueId: queue, toQueueId: to, toConsultantId: null })
    leave(at, 'moved')
    queue = to
    const ep = open()
    if (ep) ep.queueId = to
    enter(at, via)
  }

  function onStatus(e: TimelineEvent, at: number) {
    const status = textField(e.data, 'status')
    switch (textField(e.data, 'transition')) {
      case 'created':
        if (episodes.length > 0) return
        queue = textField(e.data, 'queueId') ?? input.entryQueueId
        startEpisode(at, 'created')
        enter(at, 'created')
        return
      case 'reopened':
        leave(at, 'closed')
        if (status === 'queued') {
          // The citizen wrote into a resolved conversation: new work, waiting in its queue again.
          startEpisode(at, 'citizen_reopened')
          enter(at, 'reopened')
        } else {
          // Reopened by hand: it is the reopener's at once, nobody waits.
          startEpisode(at, 'staff_reopened')
          if (episode) {
            episode.answeredAt = at
            episode.consultantId = textField(e.data, 'assigneeId')
          }
        }
        return
      case 'resumed':
      case 'woke':
        if (status === 'queued' && !waiting) enter(at, 'resumed')
        return
      case 'pending':
      case 'snoozed':
        leave(at, 'closed')
        return
      case 'resolved':
      case 'wrapped_up':
        leave(at, 'closed')
        endEpisode(at, 'resolved')
        return
      case 'abandoned': {
        const w: QueueEntry | null = waiting
        if (w) {
          const provider = numberField(e.data, 'waitSeconds')
          leave(at, 'abandoned', provider !== null && w.unanswered === 0 ? provider * 1000 : at - w.enteredAt)
        }
        endEpisode(at, 'abandoned')
        return
      }
      case 'visitor_left': {
        const w: QueueEntry | null = waiting
        if (w) leave(at, 'abandoned', at - w.enteredAt)
        return
      }
      case 'not_answered': {
        // The consultant's phone did not answer: the same entry waits on, its clock still running from the start.
        const back = lastAnswered
        if (waiting || !back || back !== entries[entries.length - 1]) return
        const ep = open()
        if (ep && ep.answeredAt === back.endedAt) ep.answeredAt = null
        Object.assign(back, { outcome: 'waiting', endedAt: null, answeredBy: null, waitMs: null, unanswered: back.unanswered + 1 })
        waiting = back
        lastAnswered = null
        return
      }
    }
  }

  function onAssignment(e: TimelineEvent, at: number) {
    const w: QueueEntry | null = waiting
    if (w) {
      leave(at, 'answered', at - w.enteredAt)
      w.answeredBy = textField(e.data, 'assigneeId')
      lastAnswered = w
    }
    const ep = open()
    if (ep) {
      ep.answeredAt ??= at
      ep.consultantId = textField(e.data, 'assigneeId') ?? ep.consultantId
    }
  }

  function onRouting(e: TimelineEvent, at: number) {
    const w: QueueEntry | null = waiting
    switch (textField(e.data, 'step')) {
      case 'offered':
        if (w) {
          w.presentedAt ??= at
          w.presentations++
        }
        return
      case 'declined':
        if (w) w.declines++
        return
      case 'timed_out':
        if (w) w.timeouts++
        return
      case 'transferred': {
        const toQueue = textField(e.data, 'toQueueId')
        if (toQueue !== null) return requeue('transfer', 'transferred', at, toQueue)
        // To a consultant while it waits: a supervisor's hand assignment (the assignment that follows answers it).
        if (!w) moves.push({ kind: 'transfer', at, fromQueueId: queue, toQueueId: queue, toConsultantId: textField(e.data, 'toConsultantId') })
        return
      }
      case 'escalated': {
        const office = textField(e.data, 'officeId')
        const to = textField(e.data, 'toQueueId') ?? (office !== null ? input.officeQueues?.get(office) : undefined) ?? queue
        if (firstLineQueue === undefined) firstLineQueue = queue
        return requeue('escalation', 'escalated', at, to)
      }
      case 'returned': {
        const to = textField(e.data, 'toQueueId') ?? (firstLineQueue !== undefined ? firstLineQueue : queue)
        firstLineQueue = undefined
        return requeue('return', 'returned', at, to)
      }
      case 'rerouted': {
        const to = textField(e.data, 'toQueueId')
        if (to !== null) requeue('reroute', 'rerouted', at, to)
        return
      }
    }
  }

  function onCall(e: TimelineEvent, at: number) {
    const w: QueueEntry | null = waiting
    if (isVoicemailLeg(e) && w && w.via === 'created') w.outOfHours = true
    if (!episode) return
    const talk = consultantTalkMs(e)
    if (talk !== null) {
      episode.talkMs += talk
      episode.talkLegs++
      episode.lastTalkAt = at
    }
    if (isCallerLegEnd(e)) episode.callerEndedAt ??= at
  }

  for (const e of inWriteOrder(input.events)) {
    const at = serverTime(e)
    if (!Number.isFinite(at)) continue
    switch (e.type) {
      case 'status':
        onStatus(e, at)
        break
      case 'assignment':
        onAssignment(e, at)
        break
      case 'routing':
        onRouting(e, at)
        break
      case 'call':
        onCall(e, at)
        break
      case 'message': {
        const ep = open()
        if (ep && e.direction === 'out' && e.author.kind === 'consultant') ep.firstResponseAt ??= at
        break
      }
      case 'survey': {
        const score = numberField(e.data, 'score')
        if (survey === null && isScore(score)) survey = { score, at, queueId: queue }
        break
      }
    }
  }

  return { conversationId: input.conversationId, channel: input.channel, entries, episodes: episodes.map((w) => finish(w, input.channel)), moves, survey, queueId: queue }
}

function finish(w: WorkingEpisode, channel: ChannelKind): Episode {
  const { talkMs, talkLegs, lastTalkAt, callerEndedAt, ...episode } = w
  return { ...episode, ...handling() }

  function handling(): Pick<Episode, 'handlingMs' | 'handledAt'> {
    if (channel === 'voice') {
      if (talkLegs > 0 && lastTalkAt !== null) return { handlingMs: talkMs, handledAt: lastTalkAt }
      // No consultant leg reported its duration: from the answer to the caller's hang-up, on the server's clock.
      if (w.answeredAt !== null && callerEndedAt !== null && callerEndedAt >= w.answeredAt) return { handlingMs: callerEndedAt - w.answeredAt, handledAt: callerEndedAt }
      return { handlingMs: null, handledAt: null }
    }
    if (w.end === 'resolved' && w.answeredAt !== null && w.endedAt !== null) return { handlingMs: Math.max(0, w.endedAt - w.answeredAt), handledAt: w.endedAt }
    return { handlingMs: null, handledAt: null }
  }
}
