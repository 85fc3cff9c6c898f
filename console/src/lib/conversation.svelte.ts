// One conversation the consultant has opened: its details, its timeline kept complete by seq, and whether the visitor is typing.
import type { ConversationStatus } from '$protocol/channel.ts'
import type { Conversation, EventList, TimelineEvent } from '$protocol/rest.ts'
import { HttpError, request } from './api.ts'
import { received } from './sla.ts'
import { applyLive, applyPage, applySynced, emptyTimeline, type Merge, type Timeline } from './timeline.ts'
import { buildRows, type TimelineRow } from './timeline-view.ts'

const STATUSES: readonly string[] = ['queued', 'offered', 'assigned', 'pending', 'snoozed', 'resolved'] satisfies ConversationStatus[]

function isConversationStatus(value: string): value is ConversationStatus {
  return STATUSES.includes(value)
}

const PAGE = 200
/** How long a gap may stay open after asking the socket before the REST API is asked instead. */
const GAP_WAIT_MS = 3000
/** A visitor typing indicator with no update for this long is stale. */
const TYPING_STALE_MS = 8000
/** The event for an acked message normally follows at once; after this long, ask for it. */
const ACK_WAIT_MS = 1000

export interface ConversationHooks {
  /** Ask the hub to (re)send events after `afterSeq`; false if the socket is down. */
  subscribe: (conversationId: string, afterSeq: number) => boolean
  /** New events merged in; `live` is false while the history first loads. */
  onAdded: (conversation: ConversationView, added: TimelineEvent[], live: boolean) => void
}

export class ConversationView {
  readonly id: string
  details = $state.raw<Conversation | null>(null)
  timeline = $state.raw<Timeline>(emptyTimeline)
  status = $state<'loading' | 'ready' | 'not_found' | 'error'>('loading')
  visitorTyping = $state(false)
  /** What is shown: (occurredAt, seq) order, with edits, attachment states and delivery states folded in. */
  rows: TimelineRow[] = $derived(buildRows(this.timeline.events))
  /** The hub refused a reply (`outside_reply_window`, `opted_out`); cleared when the citizen writes again. */
  replyRefused = $state<{ code: string; message: string } | null>(null)

  #hooks: ConversationHooks
  #loading: Promise<void> | null = null
  #gapTimer: ReturnType<typeof setTimeout> | undefined
  #gapAskedAt = -1
  #typingTimer: ReturnType<typeof setTimeout> | undefined
  #disposed = false

  constructor(id: string, hooks: ConversationHooks) {
    this.id = id
    this.#hooks = hooks
  }

  get lastSeq(): number {
    return this.timeline.lastSeq
  }

  /** Loads details and every event after lastSeq over REST (again after an error). */
  load(): Promise<void> {
    this.#loading ??= this.#load().finally(() => (this.#loading = null))
    return this.#loading
  }

  async #load(): Promise<void> {
    if (this.status !== 'ready') this.status = 'loading'
    try {
      const [details] = await Promise.all([
        request<Conversation>(`/api/conversations/${encodeURIComponent(this.id)}`),
        this.#fetchEvents(),
      ])
      this.details = received(details)
      this.status = 'ready'
    } catch (error) {
      if (error instanceof HttpError && (error.status === 404 || error.status === 403 || error.status === 400)) {
        this.status = 'not_found'
      } else if (this.status !== 'ready') {
        this.status = 'error'
      }
    }
  }

  /** Pages through `GET /events?after=` until the hub has nothing newer. */
  async #fetchEvents(): Promise<void> {
    for (;;) {
      const after = this.timeline.lastSeq
      const page = await request<EventList>(
        `/api/conversations/${encodeURIComponent(this.id)}/events?after=${after}&limit=${PAGE}`,
      )
      this.#merge(applyPage(this.timeline, page.items, after))
      if (page.items.length < PAGE) return
    }
  }

  /** Events from the socket: live ones and those replayed after `subscribe`. */
  receive(events: TimelineEvent[]): void {
    this.#merge(applyLive(this.timeline, events))
  }

  /** The hub finished replaying: everything up to `lastSeq` has arrived. */
  synced(lastSeq: number): void {
    this.#merge(applySynced(this.timeline, lastSeq))
  }

  /** After an ack: if the acked event is not here yet, make sure it comes. */
  expect(seq: number): void {
    setTimeout(() => {
      if (this.#disposed || this.timeline.events.some((e) => e.seq === seq)) return
      if (seq > this.timeline.lastSeq) this.#askForGap(true)
    }, ACK_WAIT_MS)
  }

  setDetails(details: Conversation): void {
    this.details = details
  }

  refuseReply(code: string, message: string): void {
    this.replyRefused = { code, message }
  }

  setVisitorTyping(on: boolean): void {
    clearTimeout(this.#typingTimer)
    this.visitorTyping = on
    if (on) this.#typingTimer = setTimeout(() => (this.visitorTyping = false), TYPING_STALE_MS)
  }

  dispose(): void {
    this.#disposed = true
    clearTimeout(this.#gapTimer)
    clearTimeout(this.#typingTimer)
  }

  #merge(merge: Merge): void {
    if (merge.timeline !== this.timeline) this.timeline = merge.timeline
    if (merge.added.length > 0) {
      if (merge.added.some((e) => e.type === 'message' && e.direction === 'in')) {
        this.setVisitorTyping(false)
        this.replyRefused = null
      }
      this.#followChanges(merge.added)
      this.#hooks.onAdded(this, merge.added, this.status === 'ready')
    }
    if (merge.gap) this.#askForGap(false)
    else {
      clearTimeout(this.#gapTimer)
      this.#gapTimer = undefined
    }
  }

  /**
   * Status and assignment events update the header at once, a citizen's message the reply window, and an SMS
   * STOP / START the opt-out; the list catches up through `changed`.
   */
  #followChanges(added: TimelineEvent[]): void {
    let details = this.details
    if (!details) return
    for (const event of added) {
      if (event.type === 'message' && event.direction === 'in') {
        const last = details.lastInboundAt ? Date.parse(details.lastInboundAt) : -Infinity
        if (Date.parse(event.occurredAt) > last) details = { ...details, lastInboundAt: event.occurredAt }
        const optOut = event.data?.optOut
        if (event.seq > details.lastSeq && (optOut === 'stop' || optOut === 'start')) {
          details = { ...details, optedOutAt: optOut === 'stop' ? event.occurredAt : null }
        }
        continue
      }
      if (event.type !== 'status' && event.type !== 'assignment') continue
      if (event.seq <= details.lastSeq) continue
      const status = event.data?.status
      const assigneeId = event.data?.assigneeId
      details = {
        ...details,
        ...(typeof status === 'string' && isConversationStatus(status) ? { status } : {}),
        ...(event.type === 'assignment' && (typeof assigneeId === 'string' || assigneeId === null) ? { assigneeId } : {}),
      }
    }
    if (details !== this.details) this.details = details
  }

  /**
   * Something between lastSeq and a newer event is missing: ask the socket to replay after lastSeq
   * (once per lastSeq), and if the hole is still there a little later, read it over REST, which
   * also settles seqs that do not exist.
   */
  #askForGap(force: boolean): void {
    const lastSeq = this.timeline.lastSeq
    if (this.#gapTimer && this.#gapAskedAt === lastSeq && !force) return
    this.#gapAskedAt = lastSeq
    this.#hooks.subscribe(this.id, lastSeq)
    clearTimeout(this.#gapTimer)
    this.#gapTimer = setTimeout(() => {
      this.#gapTimer = undefined
      if (!this.#disposed && this.timeline.lastSeq === lastSeq) void this.load()
    }, GAP_WAIT_MS)
  }
}
