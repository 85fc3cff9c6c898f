// Sends what staff wrote on a provider's channel: claims due outbox rows, sends each through its channel's
// connector with the outbox id as idempotency key, and records the outcome as a staff-only `delivery` event
// (sent, or failed with the provider's reason). Failures worth retrying are retried with backoff.
import type { ChannelKind } from '../../protocol/channel.ts'
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { OutboxJob } from '../app/outbox-ports.ts'
import type { Bus, Clock, Logger, Store } from '../app/ports.ts'
import { createPollLoop } from './poll-loop.ts'
import { publishEvents } from '../app/publish-events.ts'
import { SYSTEM_AUTHOR } from '../app/routing-events.ts'
import { answerSubject } from '../domain/email-subject.ts'

/** The e-mail headers of an answer (connectors/connector.ts OutboundEmail). */
export interface AnswerEmail {
  replyTo: string
  subject: string
  inReplyTo: string | null
  references: string[]
  fromName: string | null
}

export interface Sender {
  send(msg: {
    outboxId: string
    conversationId: string
    recipientId: string
    text: string
    lastInboundAt: Date | null
    now: Date
    email?: AnswerEmail
    files?: { name: string; contentType: string; content: Uint8Array }[]
    choices?: string[]
  }): Promise<{ ok: true; providerId: string } | { ok: false; retryable: boolean; error: string }>
}

export const MAX_ATTEMPTS = 8
const LEASE_MS = 60_000
const BATCH = 20

/** 2 s, 4 s, 8 s … capped at 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(5 * 60_000, 1000 * 2 ** attempts)
}

/** E-mail and web forms are answered by e-mail, threaded into the citizen's mail client. */
export function answerEmail(job: OutboxJob, mailDomain: string): AnswerEmail | undefined {
  if ((job.channelKind !== 'email' && job.channelKind !== 'form') || !job.replyToken) return undefined
  const last = job.lastEmail
  const fallback = job.channelKind === 'form' ? 'Odpowiedź na formularz kontaktowy' : 'Odpowiedź z infolinii'
  return {
    replyTo: `reply+${job.replyToken}@${mailDomain}`,
    subject: answerSubject(last?.subject ?? null, fallback),
    inReplyTo: last?.messageId ?? null,
    references: last ? [...last.references, ...(last.messageId ? [last.messageId] : [])].slice(-20) : [],
    fromName: job.authorName,
  }
}

export function createOutboxWorker(deps: {
  store: Store
  bus: Bus
  clock: Clock
  log: Logger
  senders: Partial<Record<ChannelKind, Sender>>
  pollMs?: number
  /** The domain of conversation addresses (MAIL_DOMAIN), for answers by e-mail. */
  mailDomain?: string
}) {

  async function record(job: OutboxJob, data: Record<string, unknown>) {
    const now = deps.clock.now()
    const r = await deps.store.transaction(async (tx) =>
      tx.appendEvent({ conversationId: job.conversationId }, { type: 'delivery', direction: null, text: null, author: SYSTEM_AUTHOR, data: { messageId: job.eventId, ...data } }, now),
    )
    if (r) publishEvents(deps.bus, r.conversation, [r.event as TimelineEvent])
  }

  async function deliver(job: OutboxJob) {
    const sender = deps.senders[job.channelKind]
    const fail = async (error: string) => {
      await deps.store.failOutbox(job.id, error)
      await record(job, { state: 'failed', error, attempts: job.attempts })
    }
    if (!sender) return fail(`no connector is configured for ${job.channelKind}`)
    if (!job.recipientId) return fail('the contact has no identity on this channel')
    const startedAt = deps.clock.now()
    const email = deps.mailDomain ? answerEmail(job, deps.mailDomain) : undefined
    // Files sent with the reply (stored with the message when it was written).
    const files = await deps.store.filesOfEvent(job.eventId)
    const r = await sender
      .send({
        outboxId: job.id,
        conversationId: job.conversationId,
        recipientId: job.recipientId,
        text: job.text,
        lastInboundAt: job.lastInboundAt,
        now: startedAt,
        ...(email ? { email } : {}),
        ...(files.length ? { files } : {}),
        ...(job.survey ? { choices: ['1', '2', '3', '4', '5'] } : {}),
      })
      .catch((err: unknown) => ({
      ok: false as const,
      retryable: true,
      error: err instanceof Error ? err.message : String(err),
    }))
    if (r.ok) {
      await deps.store.markOutboxSent(job.id, startedAt, r.providerId)
      return record(job, { state: 'sent', providerId: r.providerId, attempts: job.attempts })
    }
    if (r.retryable && job.attempts < MAX_ATTEMPTS) {
      deps.log.warn({ outboxId: job.id, attempts: job.attempts, error: r.error }, 'send failed; retrying')
      return deps.store.retryOutbox(job.id, r.error, new Date(deps.clock.now().getTime() + backoffMs(job.attempts)))
    }
    return fail(r.error)
  }

  async function drain() {
    for (;;) {
      const now = deps.clock.now()
      const jobs = await deps.store.claimOutbox(now, new Date(now.getTime() + LEASE_MS), BATCH)
      for (const job of jobs) await deliver(job).catch((err: unknown) => deps.log.error({ err, outboxId: job.id }, 'outbox delivery failed'))
      if (jobs.length < BATCH) return
    }
  }

  return createPollLoop({ clock: deps.clock, log: deps.log, pollMs: deps.pollMs ?? 1000, name: 'outbox', drain })
}
