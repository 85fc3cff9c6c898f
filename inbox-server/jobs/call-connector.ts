// Puts calls through: when a call's conversation is given to a consultant (an accepted offer, auto-accept, a pick,
// a transfer), the provider is told to connect the waiting caller to that consultant's number or SIP address.
// Claimed with a lease (one node does it), retried with backoff, and each outcome is a call leg in the timeline.
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { CallConnectJob } from '../app/channel-ports.ts'
import type { Bus, Clock, Logger, Store } from '../app/ports.ts'
import { publishEvents } from '../app/publish-events.ts'
import { createPollLoop } from './poll-loop.ts'

type CallUpdate = Promise<{ ok: true } | { ok: false; retryable: boolean; error: string }>
export type ConnectCall = (callSid: string, target: { number?: string; sip?: string }) => CallUpdate
/** Takes the caller off whoever they were put through to and back into the queue. */
export type RequeueCall = (callSid: string) => CallUpdate
type Job = Omit<CallConnectJob, 'consultantId'> & { consultantId: string | null }

const LEASE_MS = 30_000
const RETRY_MS = 3_000

export function createCallConnector(deps: { store: Store; bus: Bus; clock: Clock; log: Logger; connect: ConnectCall; requeue: RequeueCall; pollMs?: number }) {
  async function record(job: Job, data: Record<string, unknown>) {
    const r = await deps.store.transaction((tx) =>
      tx.appendEvent(
        { conversationId: job.conversationId },
        { type: 'call', direction: null, text: null, author: { kind: 'system', id: null, name: null }, data: { consultantId: job.consultantId, ...data } },
        deps.clock.now(),
      ),
    )
    if (r) publishEvents(deps.bus, r.conversation, [r.event as TimelineEvent])
  }

  /** Transferred to a queue while put through to someone: the caller goes back to waiting. */
  async function requeueOne(job: Job) {
    if (!job.callSid) return deps.store.callRequeued(job.conversationId)
    const r = await deps.requeue(job.callSid).catch((err: unknown) => ({ ok: false as const, retryable: true, error: err instanceof Error ? err.message : String(err) }))
    if (!r.ok && r.retryable) return deps.store.callConnectRetry(job.conversationId, new Date(deps.clock.now().getTime() + RETRY_MS))
    await deps.store.callRequeued(job.conversationId)
    return record(job, r.ok ? { state: 'back_to_queue', callSid: job.callSid } : { state: 'back_to_queue_failed', error: r.error })
  }

  async function connectOne(job: CallConnectJob) {
    const give = async (error: string) => {
      await deps.store.callConnectDone(job.conversationId, job.consultantId)
      await record(job, { state: 'connect_failed', error })
    }
    if (!job.callSid) return give('the conversation has no call')
    if (!job.voiceTarget) return give('the consultant has no phone number or SIP address (voiceTarget)')
    const target = job.voiceTarget.startsWith('sip:') ? { sip: job.voiceTarget } : { number: job.voiceTarget }
    const r = await deps.connect(job.callSid, target).catch((err: unknown) => ({ ok: false as const, retryable: true, error: err instanceof Error ? err.message : String(err) }))
    if (r.ok) {
      await deps.store.callConnectDone(job.conversationId, job.consultantId)
      return record(job, { state: 'connecting', callSid: job.callSid })
    }
    if (r.retryable) return deps.store.callConnectRetry(job.conversationId, new Date(deps.clock.now().getTime() + RETRY_MS))
    return give(r.error)
  }

  async function drain() {
    for (;;) {
      const now = deps.clock.now()
      const jobs = await deps.store.claimCallConnects(now, new Date(now.getTime() + LEASE_MS), 8)
      await Promise.all(jobs.map((job) => (job.consultantId === null ? requeueOne(job) : connectOne({ ...job, consultantId: job.consultantId })).catch((err: unknown) => deps.log.error({ err, conversationId: job.conversationId }, 'connecting a call failed'))))
      if (jobs.length < 8) return
    }
  }

  return createPollLoop({ clock: deps.clock, log: deps.log, pollMs: deps.pollMs ?? 1000, name: 'call connector', drain })
}
