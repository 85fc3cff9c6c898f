// Fetches the attachments citizens sent, after the webhook's commit: claims pending ones with a lease, gets the
// bytes through the channel's connector (which checks hosts and the size cap), stores them, and tells the
// timeline with an `attachment` event. Retries with backoff; a refusal (too large, gone, a foreign host) is final.
import type { AttachmentInfo } from '../../protocol/attachments.ts'
import { MAX_ATTACHMENT_BYTES } from '../../protocol/attachments.ts'
import type { ChannelKind } from '../../protocol/channel.ts'
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { AttachmentJob } from '../app/channel-ports.ts'
import type { Bus, Clock, Logger, Store } from '../app/ports.ts'
import { createPollLoop } from './poll-loop.ts'
import { publishEvents } from '../app/publish-events.ts'

type Fetch = (ref: string, maxBytes: number) => Promise<{ ok: true; bytes: Uint8Array; contentType: string | null } | { ok: false; retryable: boolean; error: string }>

const LEASE_MS = 120_000
const BATCH = 8
const MAX_ATTEMPTS = 6

export function createAttachmentFetcher(deps: {
  store: Store
  bus: Bus
  clock: Clock
  log: Logger
  fetchers: Partial<Record<ChannelKind, Fetch>>
  maxBytes?: number
  pollMs?: number
}) {
  const maxBytes = deps.maxBytes ?? MAX_ATTACHMENT_BYTES

  async function announce(job: AttachmentJob, attachment: AttachmentInfo) {
    const conv = await deps.store.getConversation(job.conversationId)
    if (!conv) return
    const r = await deps.store.transaction((tx) =>
      tx.appendEvent(
        { conversationId: job.conversationId },
        { type: 'attachment', direction: null, text: null, author: { kind: 'system', id: null, name: null }, data: { eventId: job.eventId, attachment } },
        deps.clock.now(),
      ),
    )
    if (r) publishEvents(deps.bus, r.conversation, [r.event as TimelineEvent])
  }

  async function fetchOne(job: AttachmentJob) {
    const fetcher = deps.fetchers[job.channelKind]
    const fail = async (error: string) => {
      const info = await deps.store.failAttachment(job.id, error)
      deps.log.warn({ attachmentId: job.id, channel: job.channelKind, error }, 'attachment not fetched')
      if (info) await announce(job, info)
    }
    if (!fetcher) return fail(`no connector fetches ${job.channelKind} attachments`)
    const r = await fetcher(job.ref, maxBytes).catch((err: unknown) => ({ ok: false as const, retryable: true, error: err instanceof Error ? err.message : String(err) }))
    if (r.ok) {
      const info = await deps.store.storeAttachment(job.id, r.bytes, r.contentType)
      if (info) await announce(job, info)
      return
    }
    if (r.retryable && job.attempts < MAX_ATTEMPTS) {
      return deps.store.retryAttachment(job.id, r.error, new Date(deps.clock.now().getTime() + Math.min(2_000 * 2 ** (job.attempts - 1), 300_000)))
    }
    return fail(r.error)
  }

  async function drain() {
    for (;;) {
      const now = deps.clock.now()
      const jobs = await deps.store.claimAttachments(now, new Date(now.getTime() + LEASE_MS), BATCH)
      await Promise.all(jobs.map((job) => fetchOne(job).catch((err: unknown) => deps.log.error({ err, attachmentId: job.id }, 'attachment fetch failed'))))
      if (jobs.length < BATCH) return
    }
  }

  return createPollLoop({ clock: deps.clock, log: deps.log, pollMs: deps.pollMs ?? 5_000, name: 'attachment', drain })
}
