// The consultant's desk: ties the staff socket to the inbox list, the open conversation and the outbox of unsent messages,
// and says SLA warnings and breaches aloud.
import type { ErrorCode, PresenceState, SlaFrame, StaffServerFrame } from '$protocol/frames.ts'
import { MAX_MESSAGE_CHARS } from '$protocol/limits.ts'
import type { Conversation, TimelineEvent } from '$protocol/rest.ts'
import { canSupervise } from './admin/roles.ts'
import { announcer } from './announcer.svelte.ts'
import { HttpError, request } from './api.ts'
import { newClientId } from './client-id.ts'
import { connection } from './connection.svelte.ts'
import { contactLabel } from './contact-label.ts'
import { ConversationView } from './conversation.svelte.ts'
import { drafts } from './drafts.svelte.ts'
import { errorKey } from './i18n.ts'
import { inbox } from './inbox.svelte.ts'
import { mentions } from './mentions.svelte.ts'
import { locale, t } from './locale.svelte.ts'
import { notifications } from './notifications.svelte.ts'
import type { PendingSend } from './outbox.ts'
import { outbox } from './outbox.svelte.ts'
import { presenceReasons } from './presence-reasons.svelte.ts'
import { session } from './session.svelte.ts'
import { lowerFirst, slaClockKey } from './sla.ts'
import { slaHints } from './sla-hints.svelte.ts'
import { OncePerStep, supervisorNoticeText, type SupervisorNotice } from './sla-notices.ts'
import { TypingSignal } from './typing-signal.ts'

/** Conversations kept in memory after being opened, so switching back is instant. */
const KEEP_VIEWS = 20
/** `changed` doorbells are gathered this long before the list refetches them. */
const CHANGED_DEBOUNCE_MS = 300
/** With more doorbells than this at once, one list refetch is cheaper than many single ones. */
const CHANGED_BATCH_LIMIT = 10
/** SLA badges tick here, but whether a calendar is open is the hub's to say: the shown ones are fetched this often. */
const SLA_REFRESH_MS = 60_000
/** SLA notices for a supervisor arriving this close together are said as one. */
const SLA_NOTICE_GATHER_MS = 1500

class Desk {
  current = $state.raw<ConversationView | null>(null)
  /** The signed-in consultant's presence, as the hub last said (welcome, then presence frames). */
  presence = $state<PresenceState>('offline')
  /** The reason code given with that presence (a break's kind, say), when the hub told us one. */
  presenceReason = $state<string | null>(null)
  /** Why the hub refused the last presence change (`bad_reason`: a reason that is unknown or no longer active). */
  presenceError = $state<ErrorCode | null>(null)
  resolving = $state(false)
  /** Conversations offered to this consultant, with when each offer lapses (ms). */
  offers = $state<{ conversationId: string; expiresAt: number }[]>([])

  #views = new Map<string, ConversationView>()
  #running = false
  #typing: TypingSignal | null = null
  #typingFor: string | null = null
  #changed = new Set<string>()
  #changedTimer: ReturnType<typeof setTimeout> | undefined
  #posting = new Set<string>()
  #slaTimer: ReturnType<typeof setInterval> | undefined
  #slaOnce = new OncePerStep()
  #slaGathered: SupervisorNotice[] = []
  #slaGatherTimer: ReturnType<typeof setTimeout> | undefined

  constructor() {
    session.onLeave((reason) => {
      this.stop()
      if (reason === 'logout') {
        drafts.clearAll()
        outbox.clearAll()
      }
    })
  }

  /** Opens the socket and loads the list; called when the signed-in part of the app mounts. */
  start(): void {
    if (this.#running) return
    this.#running = true
    connection.start({
      onReady: (welcome) => {
        if (welcome.consultant.presence !== this.presence) this.presenceReason = null
        this.presence = welcome.consultant.presence
        this.#ready()
      },
      onFrame: (frame) => this.#receive(frame),
      onDrop: ({ welcomed }) => {
        // A socket refused before its welcome may mean the session has ended: the API will say 401.
        if (!welcomed) void request('/api/auth/me').catch(() => {})
      },
    })
    void inbox.refresh()
    this.#slaTimer = setInterval(() => this.#refreshSla(), SLA_REFRESH_MS)
    window.addEventListener('online', this.#online)
    document.addEventListener('visibilitychange', this.#online)
  }

  stop(): void {
    if (!this.#running) return
    this.#running = false
    window.removeEventListener('online', this.#online)
    document.removeEventListener('visibilitychange', this.#online)
    this.stopTyping()
    connection.stop()
    clearTimeout(this.#changedTimer)
    this.#changed.clear()
    clearInterval(this.#slaTimer)
    clearTimeout(this.#slaGatherTimer)
    this.#slaGathered = []
    this.#slaOnce.clear()
    slaHints.clear()
    for (const view of this.#views.values()) view.dispose()
    this.#views.clear()
    this.current = null
    this.presenceError = null
    inbox.clear()
    announcer.clear()
  }

  /** Shows a conversation: subscribe (the hub replays after lastSeq), then fetch over REST. */
  open(id: string): ConversationView {
    let view = this.#views.get(id)
    if (view) {
      this.#views.delete(id)
    } else {
      view = new ConversationView(id, {
        subscribe: (conversationId, afterSeq) => connection.send({ type: 'subscribe', conversationId, afterSeq }),
        onAdded: (v, added, live) => this.#added(v, added, live),
      })
    }
    this.#views.set(id, view)
    this.#evict()
    if (this.current !== view) this.stopTyping()
    this.current = view
    connection.send({ type: 'subscribe', conversationId: id, afterSeq: view.lastSeq })
    void view.load()
    return view
  }

  /** The consultant moved away: stop the live stream for it; reopening subscribes again after its lastSeq. */
  leave(id: string): void {
    if (this.current?.id !== id) return
    this.stopTyping()
    this.current = null
    connection.send({ type: 'unsubscribe', conversationId: id })
  }

  /** Sends a reply (or, with `isPrivate`, a note) in the open conversation; false if there is nothing to send. */
  send(text: string, isPrivate: boolean, mentions: string[] = [], attachmentIds: string[] = []): boolean {
    const view = this.current
    const trimmed = text.trim()
    if (!view || !trimmed || trimmed.length > MAX_MESSAGE_CHARS) return false
    const item: PendingSend = {
      clientId: newClientId(),
      conversationId: view.id,
      text: trimmed,
      private: isPrivate,
      ...(isPrivate && mentions.length ? { mentions } : {}),
      ...(attachmentIds.length ? { attachmentIds } : {}),
      state: 'sending',
      createdAt: new Date().toISOString(),
    }
    outbox.add(item)
    this.stopTyping()
    void this.#deliver(item)
    return true
  }

  /** Tries a failed message again with the same clientId, so the hub stores it at most once. */
  retry(clientId: string): void {
    outbox.sending(clientId)
    const item = outbox.get(clientId)
    if (item) void this.#deliver(item)
  }

  discard(clientId: string): void {
    outbox.remove(clientId)
  }

  /** The consultant pressed a key in the reply box (never for a private note). */
  typing(): void {
    const view = this.current
    if (!view) return
    if (this.#typingFor !== view.id || !this.#typing) {
      this.#typing?.stop()
      const conversationId = view.id
      this.#typingFor = conversationId
      this.#typing = new TypingSignal((on) => connection.send({ type: 'typing', conversationId, on }))
    }
    this.#typing.input()
  }

  stopTyping(): void {
    this.#typing?.stop()
  }

  #online = (): void => {
    if (document.visibilityState !== 'hidden') connection.reconnectNow()
  }

  /** Takes (or passes on) an offered conversation; the hub answers with events, or `offer_gone`. */
  answerOffer(conversationId: string, accept: boolean): boolean {
    this.#dropOffer(conversationId)
    return connection.send({ type: accept ? 'accept' : 'decline', conversationId })
  }

  #dropOffer(conversationId: string): void {
    this.offers = this.offers.filter((o) => o.conversationId !== conversationId)
  }

  /** Asks the hub to change this consultant's presence, with a reason code; the hub's presence frame confirms it. */
  setPresence(state: PresenceState, reason?: string): boolean {
    this.presenceError = null
    return connection.send({ type: 'presence', state, ...(reason ? { reason } : {}) })
  }

  /** Takes the open conversation from its queue by hand; a 409 means routing or someone else was first. */
  async pick(): Promise<void> {
    const view = this.current
    if (!view || this.resolving) return
    this.resolving = true
    try {
      await request(`/api/conversations/${view.id}/pick`, { method: 'POST', body: {} })
    } catch (err) {
      if (!(err instanceof HttpError && err.status === 409)) throw err
      announcer.say(t('conversation.pickLost'))
    } finally {
      this.resolving = false
      void this.#refetchOne(view.id)
    }
  }

  /** Resolves the open conversation; the status event arrives live. */
  async resolve(): Promise<void> {
    const view = this.current
    if (!view || this.resolving) return
    this.resolving = true
    try {
      await request(`/api/conversations/${view.id}/status`, { method: 'POST', body: { status: 'resolved' } })
      void this.#refetchOne(view.id)
    } catch (err) {
      // 409: someone resolved it already; the list and timeline catch up through their own updates.
      if (!(err instanceof HttpError && err.status === 409)) throw err
    } finally {
      this.resolving = false
    }
  }

  /** After every (re)connect: subscribe again, resend what was not acked, refetch the list. */
  #ready(): void {
    void mentions.load()
    const view = this.current
    if (view) {
      connection.send({ type: 'subscribe', conversationId: view.id, afterSeq: view.lastSeq })
      if (view.status === 'error') void view.load()
      else void this.#refetchOne(view.id)
    }
    for (const item of outbox.toResend()) void this.#deliver(item)
    void inbox.refresh()
  }

  #receive(frame: StaffServerFrame): void {
    switch (frame.type) {
      case 'event': {
        notifications.frame(frame, this)
        outbox.settle([frame.event])
        this.#views.get(frame.conversationId)?.receive([frame.event])
        break
      }
      case 'synced': {
        this.#views.get(frame.conversationId)?.synced(frame.lastSeq)
        break
      }
      case 'ack': {
        const view = this.#views.get(frame.conversationId)
        // Stored. Only the open conversation waits for the event; any other gets it when reopened.
        if (!view || view !== this.current || view.timeline.events.some((e) => e.seq === frame.seq || e.clientId === frame.clientId)) {
          outbox.remove(frame.clientId)
        } else {
          outbox.acked(frame.clientId, frame.seq)
          view.expect(frame.seq)
        }
        break
      }
      case 'typing': {
        if (frame.who === 'visitor') this.#views.get(frame.conversationId)?.setVisitorTyping(frame.on)
        break
      }
      case 'changed': {
        this.#queueChanged(frame.conversationId)
        break
      }
      case 'presence': {
        if (frame.consultantId === session.consultant?.id) {
          this.presence = frame.state
          this.presenceReason = frame.reason
          this.presenceError = null
        }
        break
      }
      case 'offer': {
        const expiresAt = Date.parse(frame.expiresAt)
        this.offers = [...this.offers.filter((o) => o.conversationId !== frame.conversationId), { conversationId: frame.conversationId, expiresAt }]
        announcer.say(t('offer.announce'))
        notifications.frame(frame, this)
        // An offer not answered in time is withdrawn by the hub; drop it here too.
        setTimeout(() => this.#dropOffer(frame.conversationId), Math.max(0, expiresAt - Date.now()))
        break
      }
      case 'notification': {
        mentions.receive(frame.notification)
        break
      }
      case 'sla': {
        void this.#sla(frame)
        break
      }
      case 'error': {
        if (frame.code === 'offer_gone') announcer.say(t('offer.gone'))
        else if (frame.code === 'bad_reason') this.#presenceRefused(frame.code)
        else if (frame.clientId && outbox.get(frame.clientId)) {
          const item = outbox.get(frame.clientId)
          outbox.failed(frame.clientId, frame.code)
          this.#refused(item?.conversationId ?? frame.conversationId, frame.code, frame.message)
        }
        else console.warn('hub error frame', frame.code, frame.message)
        break
      }
      default:
        break
    }
  }

  /** Nothing changed: say so once, show it by the switch, and fetch the reasons again (one was probably retired). */
  #presenceRefused(code: ErrorCode): void {
    this.presenceError = code
    announcer.say(t('presence.notChanged', { reason: t(errorKey(code)) }))
    void presenceReasons.load(true)
  }

  #added(view: ConversationView, added: TimelineEvent[], live: boolean): void {
    outbox.settle(added)
    slaHints.learn(view.id, added)
    if (!live || view !== this.current) return
    const incoming = added.filter((e) => e.type === 'message' && e.direction === 'in')
    const last = incoming[incoming.length - 1]
    if (!last) return
    const name = last.author.name ?? (view.details ? contactLabel(view.details.contact, t('contact.guest')) : t('contact.guest'))
    const text = (last.text ?? '').slice(0, 300)
    announcer.say(t('announce.newMessage', { name, text }))
  }

  async #deliver(item: PendingSend): Promise<void> {
    const sent = connection.send({
      type: 'send',
      clientId: item.clientId,
      conversationId: item.conversationId,
      text: item.text,
      ...(item.private ? { private: true } : {}),
      ...(item.mentions?.length ? { mentions: item.mentions } : {}),
      ...(item.attachmentIds?.length ? { attachmentIds: item.attachmentIds } : {}),
    })
    if (sent || this.#posting.has(item.clientId)) return
    // The socket is down: the REST API takes the same clientId and stores the message once.
    this.#posting.add(item.clientId)
    try {
      const body = await request<TimelineEvent | { event: TimelineEvent }>(
        `/api/conversations/${encodeURIComponent(item.conversationId)}/messages`,
        { method: 'POST', body: { text: item.text, clientId: item.clientId, private: item.private, ...(item.mentions?.length ? { mentions: item.mentions } : {}), ...(item.attachmentIds?.length ? { attachmentIds: item.attachmentIds } : {}) } },
      )
      const event = 'event' in body ? body.event : body
      outbox.remove(item.clientId)
      this.#views.get(item.conversationId)?.receive([event])
    } catch (error) {
      // No answer at all: it stays "sending" and goes out again when the socket is back.
      if (error instanceof HttpError && error.status === 0) return
      outbox.failed(item.clientId, error instanceof HttpError ? error.code : 'unknown')
      if (error instanceof HttpError) this.#refused(item.conversationId, error.code, error.message)
    } finally {
      this.#posting.delete(item.clientId)
    }
  }

  /** A reply the hub will not send now (Messenger's reply window closed, an SMS number opted out): the composer says why. */
  #refused(conversationId: string | undefined, code: string, message: string): void {
    if ((code !== 'outside_reply_window' && code !== 'opted_out') || !conversationId) return
    this.#views.get(conversationId)?.refuseReply(code, message)
    void this.#refetchOne(conversationId)
  }

  #queueChanged(id: string): void {
    this.#changed.add(id)
    clearTimeout(this.#changedTimer)
    this.#changedTimer = setTimeout(() => this.#flushChanged(), CHANGED_DEBOUNCE_MS)
  }

  #flushChanged(): void {
    const ids = [...this.#changed]
    this.#changed.clear()
    if (ids.length > CHANGED_BATCH_LIMIT) {
      void inbox.refresh()
      for (const id of ids) if (this.#views.has(id)) void this.#refetchOne(id)
      return
    }
    for (const id of ids) void this.#refetchOne(id)
  }

  /** Fetches one conversation again (after a change made here), for the list and its open view. */
  refetch(id: string): Promise<Conversation | null> {
    return this.#refetchOne(id)
  }

  async #refetchOne(id: string): Promise<Conversation | null> {
    try {
      const conversation = await inbox.fetchOne(id)
      if (conversation) this.#views.get(id)?.setDetails(conversation)
      if (conversation) notifications.conversation(conversation, this)
      return conversation
    } catch {
      // The next doorbell or reconnect refetches it.
      return null
    }
  }

  /**
   * Badges count business time down here, but only the hub knows when a calendar opens or closes: while any shown
   * conversation has a clock, the list (one request for all it shows) and the open conversation are fetched again.
   */
  #refreshSla(): void {
    if (document.visibilityState === 'hidden') return
    const view = this.current
    if (inbox.items.some((c) => c.sla) || inbox.filter.sort === 'sla_due' || inbox.filter.breachedOnly) void inbox.refresh()
    if (view?.details?.sla) void this.#refetchOne(view.id)
  }

  /**
   * A clock warned or breached. The badge is refetched; the consultant it belongs to hears it (a breach urgently), a
   * supervisor gets one short notice for whatever arrives together; each conversation and step is said once.
   */
  async #sla(frame: SlaFrame): Promise<void> {
    slaHints.frame(frame.conversationId, frame.clock)
    const known = inbox.items.find((c) => c.id === frame.conversationId) ?? this.#views.get(frame.conversationId)?.details ?? null
    const fresh = await this.#refetchOne(frame.conversationId)
    if (!this.#running || !this.#slaOnce.first(frame.conversationId, frame.step)) return
    const conversation = fresh ?? known
    const me = session.consultant
    const name = conversation ? contactLabel(conversation.contact, t('contact.guest')) : null
    const mine = conversation ? conversation.assigneeId === me?.id : !canSupervise(me?.role)
    if (mine) {
      const clock = lowerFirst(t(slaClockKey(frame.clock)), locale.lang)
      const params = { clock, name: name ?? t('contact.guest') }
      if (frame.step === 'breached') announcer.alert(t('sla.announce.breached', params))
      else announcer.say(t('sla.announce.warning', params))
      return
    }
    this.#slaGathered.push({ step: frame.step, name })
    if (this.#slaGatherTimer !== undefined) return
    this.#slaGatherTimer = setTimeout(() => {
      this.#slaGatherTimer = undefined
      const notices = this.#slaGathered
      this.#slaGathered = []
      if (notices.length > 0) announcer.say(supervisorNoticeText(notices, t))
    }, SLA_NOTICE_GATHER_MS)
  }

  #evict(): void {
    for (const [id, view] of this.#views) {
      if (this.#views.size <= KEEP_VIEWS) break
      if (view === this.current) continue
      view.dispose()
      this.#views.delete(id)
    }
  }
}

export const desk = new Desk()
