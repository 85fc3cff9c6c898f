// Facts of single conversations from hand-written timelines: waits, answers, abandons, transfers, reopenings, calls.
import { describe, expect, it } from 'vitest'
import { conversationFacts, type ConversationInput } from './conversation-facts.ts'
import { SECOND, step, timeline } from './test-timeline.ts'

const START = '2026-05-12T08:00:00Z'
const T0 = Date.parse(START)
const at = (seconds: number) => T0 + seconds * SECOND

const facts = (events: ConversationInput['events'], o: Partial<ConversationInput> = {}) =>
  conversationFacts({ conversationId: 'c1', channel: 'webchat', entryQueueId: 'A', events, ...o })

describe('conversation facts: written channels', () => {
  it('an offer that timed out and was answered by the next consultant is one wait, answered', () => {
    const f = facts(
      timeline(START, [
        [0, step.created()],
        [0, step.citizenWrites()],
        [2, step.offered('ola')],
        [32, step.timedOut('ola')],
        [35, step.offered('jan')],
        [40, step.assigned('jan')],
        [48, step.automaticReply()],
        [50, step.note('jan')],
        [55, step.consultantWrites('jan')],
        [300, step.resolved()],
      ]),
    )
    expect(f.entries).toEqual([
      { queueId: 'A', via: 'created', enteredAt: at(0), presentedAt: at(2), presentations: 2, declines: 0, timeouts: 1, unanswered: 0, outcome: 'answered', endedAt: at(40), answeredBy: 'jan', waitMs: 40 * SECOND, outOfHours: false },
    ])
    // First response: the consultant's message at 55 s (not the automatic reply, not the note). Handling: 40 s → 300 s.
    expect(f.episodes).toEqual([
      { startedAt: at(0), startedBy: 'created', queueId: 'A', answeredAt: at(40), consultantId: 'jan', firstResponseAt: at(55), end: 'resolved', endedAt: at(300), handlingMs: 260 * SECOND, handledAt: at(300) },
    ])
    expect(f.moves).toEqual([])
    expect(f.survey).toBeNull()
  })

  it('reads events in seq order whatever order they are given in, and on the server clock, not the provider’s', () => {
    const events = timeline(START, [
      [0, step.created()],
      // The provider says the citizen sent it an hour before it reached the hub: the wait starts when it arrived.
      [0, step.citizenWrites(), '2026-05-12T07:00:00Z'],
      [30, step.assigned('jan', 'picked')],
      [60, step.consultantWrites('jan')],
    ])
    const f = facts([...events].reverse())
    expect(f.entries[0]).toMatchObject({ outcome: 'answered', waitMs: 30 * SECOND })
    expect(f.episodes[0]).toMatchObject({ firstResponseAt: at(60), end: null, handlingMs: null })
  })

  it('a reply to an unassigned conversation answers it (the reply comes first, then the assignment)', () => {
    const f = facts(timeline(START, [[0, step.created()], [0, step.citizenWrites()], [90, step.consultantWrites('ewa')], [90, step.assigned('ewa', 'replied')]]))
    expect(f.entries[0]).toMatchObject({ outcome: 'answered', answeredBy: 'ewa', waitMs: 90 * SECOND })
    expect(f.episodes[0]).toMatchObject({ answeredAt: at(90), firstResponseAt: at(90) })
  })

  it('a transfer from queue A to queue B: offered in both, answered in each where it was taken, handled to the end', () => {
    const f = facts(
      timeline(START, [
        [0, step.created()],
        [0, step.citizenWrites()],
        [10, step.assigned('ola', 'routing')],
        [15, step.consultantWrites('ola')],
        [60, step.transferredToQueue('B', 'ola')],
        [90, step.assigned('jan', 'routing')],
        [200, step.resolved()],
      ]),
    )
    expect(f.entries.map((e) => [e.queueId, e.via, e.enteredAt, e.outcome, e.waitMs])).toEqual([
      ['A', 'created', at(0), 'answered', 10 * SECOND],
      ['B', 'transferred', at(60), 'answered', 30 * SECOND],
    ])
    expect(f.moves).toEqual([{ kind: 'transfer', at: at(60), fromQueueId: 'A', toQueueId: 'B', toConsultantId: null }])
    // One piece of work, ended in B: handled from the first answer (10 s) to the resolution (200 s).
    expect(f.episodes[0]).toMatchObject({ queueId: 'B', answeredAt: at(10), firstResponseAt: at(15), handlingMs: 190 * SECOND })
    expect(f.queueId).toBe('B')
  })

  it('a transfer while still waiting moves the wait: left A unanswered, offered again in B', () => {
    const f = facts(timeline(START, [[0, step.created()], [45, step.transferredToQueue('B')], [50, step.offered('jan')], [70, step.assigned('jan')]]))
    expect(f.entries.map((e) => [e.queueId, e.outcome, e.endedAt, e.waitMs])).toEqual([
      ['A', 'moved', at(45), null],
      ['B', 'answered', at(70), 25 * SECOND],
    ])
  })

  it('a supervisor giving a waiting conversation to a consultant answers it and is no transfer; a transfer of a taken one is', () => {
    const f = facts(
      timeline(START, [
        [0, step.created()],
        [25, step.transferredToConsultant('ola')],
        [25, step.assigned('ola', 'transferred')],
        [100, step.transferredToConsultant('jan', 'ola')],
        [100, step.assigned('jan', 'transferred')],
      ]),
    )
    expect(f.entries).toHaveLength(1)
    expect(f.entries[0]).toMatchObject({ outcome: 'answered', answeredBy: 'ola', waitMs: 25 * SECOND })
    expect(f.moves).toEqual([{ kind: 'transfer', at: at(100), fromQueueId: 'A', toQueueId: 'A', toConsultantId: 'jan' }])
  })

  it('escalation to an office queue and the hand-back to the first line are new waits in those queues', () => {
    const f = facts(
      timeline(START, [
        [0, step.created()],
        [5, step.assigned('ola')],
        [60, step.escalated('PUP-Radom', 'ola')],
        [120, step.assigned('urzednik', 'picked')],
        [600, step.returned('PUP-Radom')],
        [610, step.assigned('ola', 'picked')],
      ]),
      { officeQueues: new Map([['PUP-Radom', 'Q-Radom']]) },
    )
    expect(f.entries.map((e) => [e.queueId, e.via, e.waitMs])).toEqual([
      ['A', 'created', 5 * SECOND],
      ['Q-Radom', 'escalated', 60 * SECOND],
      ['A', 'returned', 10 * SECOND],
    ])
    expect(f.moves.map((m) => [m.kind, m.fromQueueId, m.toQueueId])).toEqual([
      ['escalation', 'A', 'Q-Radom'],
      ['return', 'Q-Radom', 'A'],
    ])
  })

  it('an escalation to an office without a queue of its own waits again in the same queue', () => {
    const f = facts(timeline(START, [[0, step.created()], [5, step.assigned('ola')], [60, step.escalated('PUP-Kielce')]]))
    expect(f.entries.map((e) => [e.queueId, e.via, e.outcome])).toEqual([
      ['A', 'created', 'answered'],
      ['A', 'escalated', 'waiting'],
    ])
  })

  it('an SLA reroute of a waiting conversation moves its wait to the other queue', () => {
    const f = facts(timeline(START, [[0, step.created()], [600, step.rerouted('Pilne')]]))
    expect(f.entries.map((e) => [e.queueId, e.outcome])).toEqual([
      ['A', 'moved'],
      ['Pilne', 'waiting'],
    ])
    expect(f.moves[0]).toMatchObject({ kind: 'reroute', fromQueueId: 'A', toQueueId: 'Pilne' })
  })

  it('resolved then reopened by the citizen: a second wait and a second piece of work with times of its own', () => {
    const f = facts(
      timeline(START, [
        [0, step.created()],
        [0, step.citizenWrites()],
        [5, step.assigned('ola', 'routing')],
        [10, step.consultantWrites('ola')],
        [100, step.resolved()],
        [1000, step.citizenWrites('Jeszcze jedno pytanie')],
        [1000, step.reopenedByCitizen()],
        [1030, step.assigned('jan', 'routing')],
        [1040, step.consultantWrites('jan')],
        [1100, step.resolved()],
      ]),
    )
    expect(f.entries.map((e) => [e.via, e.enteredAt, e.waitMs])).toEqual([
      ['created', at(0), 5 * SECOND],
      ['reopened', at(1000), 30 * SECOND],
    ])
    expect(f.episodes.map((e) => [e.startedBy, e.firstResponseAt! - e.startedAt, e.endedAt! - e.startedAt, e.handlingMs])).toEqual([
      ['created', 10 * SECOND, 100 * SECOND, 95 * SECOND],
      ['citizen_reopened', 40 * SECOND, 100 * SECOND, 70 * SECOND],
    ])
  })

  it('reopened by staff: new work that is the reopener’s at once, no new wait', () => {
    const f = facts(timeline(START, [[0, step.created()], [5, step.assigned('ola')], [100, step.resolved()], [500, step.reopenedByStaff('ola')], [560, step.resolved()]]))
    expect(f.entries).toHaveLength(1)
    expect(f.episodes[1]).toMatchObject({ startedBy: 'staff_reopened', answeredAt: at(500), end: 'resolved', endedAt: at(560), handlingMs: 60 * SECOND })
  })

  it('a visitor who leaves the chat before anyone took it abandoned it, after the wait on the server clock', () => {
    const f = facts(timeline(START, [[0, step.created()], [0, step.citizenWrites()], [40, step.visitorLeft()], [70, step.assigned('ola', 'picked')]]))
    expect(f.entries[0]).toMatchObject({ outcome: 'abandoned', endedAt: at(40), waitMs: 40 * SECOND, answeredBy: null })
    // A visitor leaving an answered chat is no abandon.
    const answered = facts(timeline(START, [[0, step.created()], [5, step.assigned('ola')], [40, step.visitorLeft()]]))
    expect(answered.entries[0]).toMatchObject({ outcome: 'answered' })
  })

  it('resolved, set pending or snoozed while waiting: closed unanswered; woken into the queue: waiting again', () => {
    const f = facts(timeline(START, [[0, step.created()], [30, step.snoozed()], [3600, step.woke('queued')], [3650, step.assigned('ola')]]))
    expect(f.entries.map((e) => [e.via, e.outcome, e.waitMs])).toEqual([
      ['created', 'closed', null],
      ['resumed', 'answered', 50 * SECOND],
    ])
    const spam = facts(timeline(START, [[0, step.created()], [30, step.resolved()]]))
    expect(spam.entries[0]).toMatchObject({ outcome: 'closed', endedAt: at(30) })
    expect(spam.episodes[0]).toMatchObject({ end: 'resolved', answeredAt: null, handlingMs: null })
  })

  it('counts the first survey answer only; a second answer or a score outside 1–5 is not counted', () => {
    const f = facts(
      timeline(START, [
        [0, step.created()],
        [5, step.assigned('ola')],
        [100, step.resolved()],
        [110, step.surveyAsked()],
        [200, step.surveyAnswer(7)],
        [300, step.surveyAnswer(4)],
        [400, step.surveyAnswer(1)],
      ]),
    )
    expect(f.survey).toEqual({ score: 4, at: at(300), queueId: 'A' })
  })

  it('takes the queue from the created event when it names one', () => {
    const f = facts(timeline(START, [[0, step.created({ queueId: 'Z' })]]))
    expect(f.entries[0]!.queueId).toBe('Z')
  })

  it('an empty timeline has no facts', () => {
    expect(facts([])).toEqual({ conversationId: 'c1', channel: 'webchat', entries: [], episodes: [], moves: [], survey: null, queueId: 'A' })
  })
})

describe('conversation facts: calls', () => {
  const call = (events: ConversationInput['events']) => facts(events, { channel: 'voice' })

  it('a call answered after the target: the wait to the answer, talk time from the consultant’s completed leg', () => {
    const f = call(
      timeline(START, [
        [0, step.created({ entryBy: 'ivr' })],
        [0, step.callQueued()],
        [0, step.callerLeg('in-progress', 1)],
        [25, step.assigned('ola', 'routing')],
        [26, step.callConnecting('ola')],
        [30, step.queueResult('bridged', 29)],
        [125, step.consultantLeg('completed', 95)],
        [126, step.callerLeg('completed', 3, 126)],
        [200, step.wrappedUp()],
        [210, step.surveyAsked()],
        [400, step.surveyAnswer(5)],
      ]),
    )
    expect(f.entries[0]).toMatchObject({ outcome: 'answered', waitMs: 25 * SECOND, answeredBy: 'ola' })
    // Talk time is the provider's 95 s (not the caller's 126 s, which includes the wait); counted when the leg ended.
    expect(f.episodes[0]).toMatchObject({ answeredAt: at(25), firstResponseAt: null, end: 'resolved', endedAt: at(200), handlingMs: 95 * SECOND, handledAt: at(125) })
    expect(f.survey).toMatchObject({ score: 5 })
  })

  it('without a consultant leg, talk time runs from the answer to the caller’s hang-up', () => {
    const f = call(timeline(START, [[0, step.created()], [10, step.assigned('ola', 'routing')], [130, step.callerLeg('completed', 3, 130)]]))
    expect(f.episodes[0]).toMatchObject({ handlingMs: 120 * SECOND, handledAt: at(130) })
  })

  it('a caller who hangs up in the queue abandoned it after the wait the provider measured', () => {
    const f = call(timeline(START, [[0, step.created()], [0, step.callQueued()], [4, step.queueResult('hangup', 3)], [4, step.abandoned(3)]]))
    expect(f.entries[0]).toMatchObject({ outcome: 'abandoned', endedAt: at(4), waitMs: 3 * SECOND })
    expect(f.episodes[0]).toMatchObject({ end: 'abandoned', handlingMs: null })
    // Without the provider's figure: the server's.
    const noWait = call(timeline(START, [[0, step.created()], [42, step.abandoned()]]))
    expect(noWait.entries[0]).toMatchObject({ outcome: 'abandoned', waitMs: 42 * SECOND })
  })

  it('ring-no-answer at the consultant’s phone: the same wait goes on, answered by the next one, its clock from the start', () => {
    const f = call(
      timeline(START, [
        [0, step.created()],
        [10, step.offered('ola')],
        [12, step.assigned('ola')],
        [13, step.callConnecting('ola')],
        [40, step.consultantLeg('no-answer', 0)],
        [40, step.notAnswered('ola')],
        [45, step.offered('jan')],
        [50, step.assigned('jan')],
        [170, step.consultantLeg('completed', 110, 'CAd2')],
      ]),
    )
    expect(f.entries).toHaveLength(1)
    expect(f.entries[0]).toMatchObject({ outcome: 'answered', answeredBy: 'jan', waitMs: 50 * SECOND, unanswered: 1, presentations: 2 })
    expect(f.episodes[0]).toMatchObject({ answeredAt: at(50), handlingMs: 110 * SECOND })
  })

  it('a caller who hangs up after ringing out at a consultant: the wait on the server clock, not the provider’s restarted one', () => {
    const f = call(timeline(START, [[0, step.created()], [12, step.assigned('ola')], [40, step.notAnswered('ola')], [44, step.abandoned(4)]]))
    expect(f.entries[0]).toMatchObject({ outcome: 'abandoned', waitMs: 44 * SECOND, unanswered: 1 })
  })

  it('a call transferred from A to B where the caller hangs up: answered in A, abandoned only in B', () => {
    const f = call(
      timeline(START, [
        [0, step.created()],
        [8, step.assigned('ola', 'routing')],
        [70, step.consultantLeg('completed', 60)],
        [70, step.transferredToQueue('B', 'ola')],
        [100, step.queueResult('hangup', 28)],
        [100, step.abandoned(28)],
      ]),
    )
    expect(f.entries.map((e) => [e.queueId, e.outcome, e.waitMs])).toEqual([
      ['A', 'answered', 8 * SECOND],
      ['B', 'abandoned', 28 * SECOND],
    ])
    expect(f.episodes[0]).toMatchObject({ queueId: 'B', end: 'abandoned', handlingMs: 60 * SECOND })
  })

  it('a call to a closed line (voicemail) is out of hours, whatever the hang-up after it says', () => {
    const f = call(timeline(START, [[0, step.created()], [0, step.callVoicemail()], [40, step.callerLeg('completed', 2, 40)], [40, step.abandoned()]]))
    expect(f.entries[0]).toMatchObject({ outOfHours: true, outcome: 'abandoned' })
  })

  it('ignores stale callbacks', () => {
    const f = call(timeline(START, [[0, step.created()], [10, step.assigned('ola')], [100, step.callerLeg('completed', 1, 100, 'CA1', { stale: true })]]))
    expect(f.episodes[0]).toMatchObject({ handlingMs: null })
  })
})
