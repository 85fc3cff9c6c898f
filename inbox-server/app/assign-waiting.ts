// Routing carried out: under one lock across all nodes, plan who takes which waiting conversation and assign them.
import type { TimelineEvent } from '../../protocol/rest.ts'
import { planAssignments } from '../domain/routing/plan-assignments.ts'
import { offerTimeoutMs, type Waiting } from '../domain/routing/routing-model.ts'
import type { Bus, Clock, Logger, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'
import type { WaitEstimates } from './wait-estimates.ts'
import { assignmentEvent, routingEvent, SYSTEM_AUTHOR } from './routing-events.ts'

/**
 * How many waiting conversations one pass looks at, per queue and in all. A pass that left some out and still
 * assigned something is followed by another at once.
 */
export const PASS_LIMITS = { perQueue: 100, total: 2000 }

export type AssignWaiting = () => Promise<void>

/** Each still-waiting conversation's place in its own queue; `waiting` is in serving order already. */
function queuePositions(waiting: Waiting[], contactOf: Map<string, string>) {
  const next = new Map<string, number>()
  return waiting.map((w) => {
    const position = (next.get(w.queueId) ?? 0) + 1
    next.set(w.queueId, position)
    return { conversationId: w.id, queueId: w.queueId, contactId: contactOf.get(w.id) ?? '', position }
  })
}

/**
 * Returns a trigger, to be pulled on every change that can make a match (arrival, capacity freed, presence).
 * Pulls during a pass are coalesced into one more pass after it, so a burst of arrivals costs two passes.
 */
export function createAssignWaiting(deps: {
  store: Store
  bus: Bus
  clock: Clock
  log: Logger
  /** Arms the ring-no-answer timer of an offer made in this pass. */
  onOffered: (conversationId: string, expiresAt: Date) => void
  /** Smaller windows for tests. */
  passLimits?: { perQueue: number; total: number }
  /** False: one trigger runs one pass even when it left conversations out (the bench times single passes). */
  followUp?: boolean
  /** The estimated wait told with a new queue position; none: no estimate. */
  estimateWait?: WaitEstimates
}): AssignWaiting {
  let running: Promise<void> | null = null
  let queued: Promise<void> | null = null
  /** The position last announced to each waiting citizen, so a pass tells only those whose place changed. */
  const announced = new Map<string, number>()

  /** True when another pass may find more to do right away. */
  async function pass(): Promise<boolean> {
    const now = deps.clock.now()
    const r = await deps.store.transaction(async (tx) => {
      await tx.lockRouting()
      const { waiting, consultants, queues, contactOf, full } = await tx.routingSnapshot(deps.passLimits ?? PASS_LIMITS, now)
      const names = new Map(consultants.map((c) => [c.id, c.name]))
      // A conversation that has waited past its queue's overflow time may also go to the overflow queue's people.
      for (const w of waiting) {
        const q = queues.get(w.queueId)
        if (q?.overflowQueueId && q.overflowAfterSeconds !== null && now.getTime() - w.enqueuedAt >= q.overflowAfterSeconds * 1000) {
          w.alsoQueueIds = [q.overflowQueueId]
        }
      }
      const byId = new Map(waiting.map((w) => [w.id, w]))
      const written: { to: { contactId: string; officeId: string | null }; event: TimelineEvent }[] = []
      const offers: { consultantId: string; conversationId: string; expiresAt: Date }[] = []
      for (const d of planAssignments(waiting, consultants, now.getTime())) {
        const w = byId.get(d.conversationId)!
        const settings = queues.get(w.queueId) ?? { autoAccept: false, offerTimeoutSeconds: null }
        const consultant = { consultantId: d.consultantId, consultantName: names.get(d.consultantId) ?? null }
        if (settings.autoAccept) {
          if (!(await tx.assign(d.conversationId, d.consultantId, now))) continue
          const appended = await tx.appendEvent(
            { conversationId: d.conversationId },
            assignmentEvent({ id: d.consultantId, name: consultant.consultantName }, 'routing', SYSTEM_AUTHOR),
            now,
          )
          if (appended) written.push({ to: appended.conversation, event: appended.event })
          continue
        }
        const expiresAt = new Date(now.getTime() + offerTimeoutMs(w.channelKind, settings.offerTimeoutSeconds))
        if (!(await tx.offer(d.conversationId, d.consultantId, expiresAt, now))) continue
        const appended = await tx.appendEvent(
          { conversationId: d.conversationId },
          routingEvent('offered', { ...consultant, expiresAt: expiresAt.toISOString() }, SYSTEM_AUTHOR),
          now,
        )
        if (appended) written.push({ to: appended.conversation, event: appended.event })
        offers.push({ consultantId: d.consultantId, conversationId: d.conversationId, expiresAt })
      }
      const taken = new Set(offers.map((o) => o.conversationId).concat(written.map((w) => w.event.conversationId)))
      return { written, offers, more: full && taken.size > 0, positions: queuePositions(waiting.filter((w) => !taken.has(w.id)), contactOf) }
    })
    for (const w of r.written) publishEvents(deps.bus, w.to, [w.event])
    const still = new Set<string>()
    for (const p of r.positions) {
      still.add(p.conversationId)
      if (announced.get(p.conversationId) === p.position) continue
      announced.set(p.conversationId, p.position)
      const etaSeconds = deps.estimateWait ? await deps.estimateWait(p.queueId, p.position).catch(() => null) : null
      deps.bus.publish({ type: 'queue', contactId: p.contactId, conversationId: p.conversationId, position: p.position, etaSeconds })
    }
    for (const id of announced.keys()) if (!still.has(id)) announced.delete(id)
    for (const o of r.offers) {
      deps.onOffered(o.conversationId, o.expiresAt)
      deps.bus.publish({ type: 'offer', consultantId: o.consultantId, conversationId: o.conversationId, expiresAt: o.expiresAt.toISOString() })
    }
    return r.more
  }

  function trigger(): Promise<void> {
    if (!running) {
      running = pass()
        .catch((err: unknown) => {
          deps.log.error({ err }, 'routing pass failed')
          return false
        })
        .then((more) => {
          running = null
          // Some waiting conversations were beyond this pass's window and it made progress: go on at once.
          if (more && deps.followUp !== false) return trigger()
        })
      return running
    }
    queued ??= running.then(() => {
      queued = null
      return trigger()
    })
    return queued
  }
  return trigger
}
