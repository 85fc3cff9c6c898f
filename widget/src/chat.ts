// The chat's state: hub frames, sends and acks, subscriptions and gap filling, and the list the view shows.
import type {
  AckFrame,
  ErrorFrame,
  EventFrame,
  KbResultsFrame,
  SyncedFrame,
  VisitorFrame,
  VisitorServerFrame,
  WelcomeFrame,
} from '../../protocol/frames.ts'
import type { TimelineEvent } from '../../protocol/rest.ts'
import { MAX_MESSAGE_CHARS } from '../../protocol/limits.ts'
import { createTimeline, gapToFill, hasGap, lastSeq, markAsked, merge, skipHole, synced, type Timeline } from './timeline.ts'
import { Outbox } from './outbox.ts'
import { TypingNotifier } from './typing.ts'
import { errorText, type Dict, type Lang } from './i18n.ts'
import { forgetAll, type KV } from './storage.ts'
import { chatItems, type ConnectionState, type Item } from './chat-items.ts'

export const TOKEN_KEY = 'inboxhub.visitorToken'
export const CONVERSATION_KEY = 'inboxhub.conversationId'
export const SEEN_KEY = 'inboxhub.seen'
export const STAFF_TYPING_MS = 6000
/** Fallback if no `synced` comes: how long a re-subscribe may take to fill a gap before the seq is given up on. */
export const GAP_WAIT_MS = 5000
/** How long the citizen's typing must pause before the knowledge base is searched for their words. */
export const KB_DEBOUNCE_MS = 500
/** Longest `kb_search` query the hub takes. */
export const KB_MAX_Q = 200

/** A public knowledge-base article offered while the citizen types; `helped` once they answered "did it help?". */
export type Suggestion = KbResultsFrame['items'][number] & { helped?: boolean }

export type { ConnectionState, Item, MessageState } from './chat-items.ts'

export interface ChatView {
  render(items: Item[]): void
  connection(state: ConnectionState): void
  staffTyping(on: boolean): void
  notice(text: string): void
  /** The citizen's place in the queue of the current conversation and the estimated wait (s); null hides it. */
  queue(position: number | null, etaSeconds?: number | null): void
  /** Topics to pick before the first message; null or empty hides the choice. */
  topics(list: { key: string; name: string }[] | null): void
  unread(count: number): void
  /** The chat was removed from this device: reset what the view holds itself (draft, notices) and say so. */
  forgotten(): void
  /** Knowledge-base articles that may answer what the citizen is typing; an empty list hides them. */
  suggestions(list: Suggestion[]): void
}

export interface ChatDeps {
  send(frame: VisitorFrame): boolean
  view: ChatView
  kv: KV
  t: Dict
  lang: Lang
  page: string
}

type Hello = Extract<VisitorFrame, { type: 'hello' }>
type Send = Extract<VisitorFrame, { type: 'send' }>
type Survey = Extract<VisitorFrame, { type: 'survey' }>
/** Longest survey comment the hub takes. */
export const MAX_SURVEY_COMMENT = 1000

export class Chat {
  private ready = false
  private readonly timelines = new Map<string, Timeline>()
  /** Conversations the hub confirmed are this visitor's (welcome list, acks). */
  private listed = new Set<string>()
  private current: string | null
  private topicList: { key: string; name: string }[] = []
  private topic: string | null = null
  private readonly outbox: Outbox
  /** clientId -> conversationId it was last sent to (undefined = a new conversation). */
  private readonly sentTo = new Map<string, string | undefined>()
  private readonly typing: TypingNotifier
  private staffTimer: ReturnType<typeof setTimeout> | undefined
  private open = false
  private seen: Record<string, number>
  /** Survey answers on their way (sending) or refused (error), by conversation; gone once the answer is in. */
  private readonly surveys = new Map<string, { sending: boolean; error?: string }>()
  /** Deflection: the query for the text in the box now ('' when it does not qualify), the last one sent, the timer. */
  private kbQ = ''
  private kbSent = ''
  private kbTimer: ReturnType<typeof setTimeout> | undefined
  private kbShown: Suggestion[] = []
  /** Articles the citizen already said helped (true) or not (false): feedback goes once per article. */
  private readonly kbAnswers = new Map<string, boolean>()

  constructor(private readonly d: ChatDeps) {
    this.current = d.kv.getItem(CONVERSATION_KEY)
    this.outbox = new Outbox(d.kv)
    this.seen = parseSeen(d.kv.getItem(SEEN_KEY))
    this.typing = new TypingNotifier((on) => this.sendTyping(on))
  }

  /** Shows what is known before the hub answers (messages waiting in the outbox). */
  start(): void {
    this.d.view.connection('connecting')
    this.render()
  }

  onOpen(): void {
    const hello: Hello = { type: 'hello', lang: this.d.lang, page: this.d.page.slice(0, 2048) }
    const token = this.d.kv.getItem(TOKEN_KEY)
    if (token && token.length >= 16 && token.length <= 128) hello.visitorToken = token
    this.d.send(hello)
  }

  onClose(): void {
    this.ready = false
    this.typing.reset()
    this.staffTyping(false)
    this.d.view.connection('offline')
    // An answer in flight may be lost with the socket: let the citizen send it again.
    let lost = false
    for (const [id, s] of this.surveys) {
      if (!s.sending) continue
      this.surveys.set(id, { sending: false, error: this.d.t.surveyOffline })
      lost = true
    }
    if (lost) this.render()
  }

  onFrame(f: VisitorServerFrame): void {
    switch (f.type) {
      case 'welcome':
        return this.onWelcome(f)
      case 'event':
        return this.onEvent(f)
      case 'synced':
        return this.onSynced(f)
      case 'ack':
        return this.onAck(f)
      case 'error':
        return this.onError(f)
      case 'typing':
        if (f.who === 'staff') this.staffTyping(f.on)
        return
      case 'queue':
        if (f.conversationId === this.current && typeof f.position === 'number') this.d.view.queue(f.position, typeof f.etaSeconds === 'number' ? f.etaSeconds : null)
        return
      case 'kb_results':
        return this.onKbResults(f)
    }
  }

  /** The visitor pressed send; false if the text is empty or too long. */
  /** The topic picked in the pre-chat form ('' for none); it goes with the message that opens a conversation. */
  chooseTopic(key: string): void {
    this.topic = this.topicList.some((t) => t.key === key) ? key : null
  }

  submit(raw: string): boolean {
    const text = raw.trim()
    if (!text || text.length > MAX_MESSAGE_CHARS) return false
    this.typing.stop()
    this.clearKb()
    const item = this.outbox.add(text)
    this.transmit(item.clientId)
    this.render()
    return true
  }

  retry(clientId: string): void {
    if (!this.outbox.get(clientId)) return
    this.outbox.setState(clientId, 'sending')
    this.transmit(clientId)
    this.render()
  }

  discard(clientId: string): void {
    if (this.outbox.remove(clientId)) this.render()
  }

  /**
   * The citizen typed; `raw` is the whole text in the box. Besides the typing signal, this drives deflection: after
   * KB_DEBOUNCE_MS without typing, a text of at least 3 characters and two words is sent as `kb_search`, so public
   * articles can answer the question before a consultant has to. Only before a consultant has joined (see
   * `consultantJoined`); an emptied box clears the suggestions.
   */
  input(raw: string): void {
    const text = raw.trim()
    if (text) this.typing.input()
    clearTimeout(this.kbTimer)
    const q = text.replace(/\s+/g, ' ').slice(0, KB_MAX_Q).trim()
    this.kbQ = q.length >= 3 && q.includes(' ') && !this.consultantJoined() ? q : ''
    if (!text || this.consultantJoined()) return this.clearKb()
    if (this.kbQ && this.kbQ !== this.kbSent) this.kbTimer = setTimeout(() => this.kbSearch(), KB_DEBOUNCE_MS)
  }

  /** The citizen's answer to "did this article answer your question?": sent once per article; false if not sent. */
  kbFeedback(articleId: string, helped: boolean): boolean {
    if (this.kbAnswers.has(articleId) || !this.kbShown.some((a) => a.id === articleId)) return false
    if (!this.ready || !this.d.send({ type: 'kb_feedback', articleId, helped })) return false
    this.kbAnswers.set(articleId, helped)
    this.showKb(this.kbShown)
    return true
  }

  /**
   * The citizen rated a resolved chat (1–5, optional comment): sent at once, never queued. Without a connection the
   * form stays and says so; the answer shows when the hub's `survey` event comes back, an error frame lets them retry.
   */
  rate(conversationId: string, score: number, comment: string): void {
    if (!Number.isInteger(score) || score < 1 || score > 5 || this.surveys.get(conversationId)?.sending) return
    const frame: Survey = { type: 'survey', conversationId, score }
    const text = comment.trim().slice(0, MAX_SURVEY_COMMENT)
    if (text) frame.comment = text
    const sent = this.ready && this.d.send(frame)
    this.surveys.set(conversationId, sent ? { sending: true } : { sending: false, error: this.d.t.surveyOffline })
    this.render()
  }

  /**
   * "End and remove from this device": drops the token, conversations, unsent messages and seen marks, in memory and
   * (with `wipe`) every `inboxhub.*` key in storage. The caller then reconnects, and the hello carries no token.
   * Without `wipe` another tab already cleared the shared storage; clearing it again could erase that tab's new token.
   */
  forget(wipe = true): void {
    // Tell staff the citizen has gone (only the tab that forgets; the hub records it in the timeline).
    if (wipe && this.ready && this.current) this.d.send({ type: 'leave', conversationId: this.current })
    this.ready = false
    this.typing.reset()
    this.staffTyping(false)
    this.timelines.clear()
    this.listed.clear()
    this.sentTo.clear()
    this.surveys.clear()
    this.kbAnswers.clear()
    this.clearKb()
    this.outbox.clear()
    this.seen = {}
    this.setCurrent(null)
    if (wipe) forgetAll(this.d.kv)
    this.d.view.connection('connecting')
    this.d.view.forgotten()
    this.render()
  }

  /** The panel was opened or closed; an open panel marks everything as seen. */
  setOpen(open: boolean): void {
    this.open = open
    this.render()
  }

  private onWelcome(f: WelcomeFrame): void {
    const kv = this.d.kv
    this.topicList = Array.isArray(f.topics) ? f.topics : []
    const old = kv.getItem(TOKEN_KEY)
    if (old && old !== f.visitorToken) {
      // The hub did not know the stored token and gave a new identity: what we had belongs to the old one.
      this.timelines.clear()
      this.setCurrent(null)
    }
    kv.setItem(TOKEN_KEY, f.visitorToken)
    this.ready = true
    const list = Array.isArray(f.conversations) ? f.conversations : []
    this.listed = new Set(list.map((c) => c.id))
    // The hub lists newest activity first; without a remembered one, continue the newest open conversation.
    if (!this.current) this.setCurrent(list.find((c) => c.status !== 'resolved')?.id ?? null)
    const ids = new Set(this.listed)
    if (this.current) ids.add(this.current)
    for (const id of ids) this.subscribe(id)
    for (const p of this.outbox.items) if (p.state === 'sending') this.transmit(p.clientId)
    this.d.view.connection('online')
    this.render()
  }

  private onEvent(f: EventFrame): void {
    const ev = f.event
    if (!ev || typeof ev.seq !== 'number') return
    const id = f.conversationId || ev.conversationId
    const tl = this.timeline(id)
    if (!merge(tl, ev)) return
    if (ev.clientId && this.outbox.remove(ev.clientId) && !this.current) this.setCurrent(id)
    if (ev.type === 'message' && ev.direction === 'out') this.staffTyping(false)
    if (id === this.current && this.consultantJoined()) this.clearKb()
    if (ev.type === 'survey' && typeof ev.data?.score === 'number') this.surveys.delete(id)
    // A consultant has it (or it ended): no longer waiting in the queue.
    if (id === this.current && (ev.type === 'assignment' || (ev.type === 'message' && ev.direction === 'out') || ev.data?.status === 'resolved')) {
      this.d.view.queue(null)
    }
    this.fillGap(id)
    this.render()
  }

  /** The replay is complete up to lastSeq: seqs we never got there (private notes) are not missing. */
  private onSynced(f: SyncedFrame): void {
    const tl = this.timelines.get(f.conversationId)
    if (!tl || typeof f.lastSeq !== 'number') return
    synced(tl, f.lastSeq)
    this.fillGap(f.conversationId)
  }

  private onAck(f: AckFrame): void {
    const item = this.outbox.remove(f.clientId)
    this.sentTo.delete(f.clientId)
    const isNew = !this.timelines.has(f.conversationId)
    this.setCurrent(f.conversationId)
    this.listed.add(f.conversationId)
    const tl = this.timeline(f.conversationId)
    if (isNew) this.subscribe(f.conversationId)
    if (item) {
      // The stored event may never come as an `event` frame; show it from the ack. Same seq later = duplicate.
      const ev: TimelineEvent = {
        id: f.id,
        conversationId: f.conversationId,
        seq: f.seq,
        type: 'message',
        direction: 'in',
        text: item.text,
        author: { kind: 'contact', id: null, name: null },
        clientId: f.clientId,
        data: null,
        createdAt: f.createdAt ?? item.createdAt,
        occurredAt: f.createdAt ?? item.createdAt,
      }
      merge(tl, ev)
      this.fillGap(f.conversationId)
    }
    this.render()
  }

  private onError(f: ErrorFrame): void {
    if (f.clientId) {
      const item = this.outbox.get(f.clientId)
      if (!item) return
      const to = this.sentTo.get(f.clientId)
      if ((f.code === 'conversation_closed' || f.code === 'not_found') && to && to === this.current) {
        // The remembered conversation is gone or closed: send again without an id, the hub opens a new one.
        this.setCurrent(null)
        this.transmit(f.clientId)
        return
      }
      this.outbox.setState(f.clientId, 'failed', errorText(this.d.t, f.code))
      this.render()
      return
    }
    // A refused survey answer: the error names its conversation (or, without a name, it is the answer in flight).
    for (const [id, s] of this.surveys) {
      if (!s.sending || (f.conversationId && f.conversationId !== id)) continue
      this.surveys.set(id, { sending: false, error: this.d.t.surveyFailed })
      this.render()
      return
    }
    const cur = this.current
    if ((f.code === 'not_found' || f.code === 'forbidden') && cur && !this.listed.has(cur)) {
      // Most likely our remembered conversation, which the hub no longer lists for this visitor.
      this.timelines.delete(cur)
      this.setCurrent(null)
      this.render()
      return
    }
    this.d.view.notice(errorText(this.d.t, f.code))
  }

  /**
   * Whether a consultant has joined, so deflection stops: the current conversation (there is none before the first
   * message) has a message written by staff (author kind 'consultant'; automatic 'system' messages do not count),
   * and it has not been resolved since (a new question after a resolved chat may be answered by an article again).
   */
  private consultantJoined(): boolean {
    const tl = this.current ? this.timelines.get(this.current) : undefined
    let joined = false
    for (const ev of tl?.events ?? []) {
      if (ev.type === 'message' && ev.direction === 'out' && ev.author?.kind === 'consultant') joined = true
      else if (ev.type === 'status' && ev.data?.status === 'resolved') joined = false
    }
    return joined
  }

  private kbSearch(): void {
    const q = this.kbQ
    if (!q || !this.ready || this.consultantJoined()) return
    if (this.d.send({ type: 'kb_search', q })) this.kbSent = q
  }

  /** Results for a query that is no longer the text in the box (the citizen typed on) are dropped. */
  private onKbResults(f: KbResultsFrame): void {
    if (!f.q || f.q !== this.kbQ || this.consultantJoined() || !Array.isArray(f.items)) return
    const list = f.items.filter((a) => a && typeof a.id === 'string' && typeof a.title === 'string' && typeof a.text === 'string').slice(0, 3)
    this.showKb(list.map(({ id, title, excerpt, text }) => ({ id, title, excerpt: typeof excerpt === 'string' ? excerpt : '', text })))
  }

  private showKb(list: Suggestion[]): void {
    this.kbShown = list.map((a) => (this.kbAnswers.has(a.id) ? { ...a, helped: this.kbAnswers.get(a.id) } : a))
    this.d.view.suggestions(this.kbShown)
  }

  private clearKb(): void {
    clearTimeout(this.kbTimer)
    this.kbQ = this.kbSent = ''
    if (this.kbShown.length) this.showKb([])
  }

  private transmit(clientId: string): void {
    const item = this.outbox.get(clientId)
    if (!this.ready || !item) return
    const conversationId = this.current ?? undefined
    const frame: Send = { type: 'send', clientId, text: item.text }
    if (conversationId) frame.conversationId = conversationId
    else if (this.topic) frame.topic = this.topic
    this.sentTo.set(clientId, conversationId)
    this.d.send(frame)
  }

  private subscribe(id: string): void {
    const tl = this.timeline(id)
    if (this.ready) this.d.send({ type: 'subscribe', conversationId: id, afterSeq: markAsked(tl) })
  }

  /** Re-subscribes from the last contiguous seq once per gap; a seq still missing after GAP_WAIT_MS is skipped. */
  private fillGap(id: string): void {
    const tl = this.timeline(id)
    if (!this.ready) return
    const from = gapToFill(tl)
    if (from === null) return
    this.d.send({ type: 'subscribe', conversationId: id, afterSeq: from })
    setTimeout(() => {
      if (this.timelines.get(id) !== tl || tl.contiguous !== from || !hasGap(tl)) return
      skipHole(tl)
      this.fillGap(id)
    }, GAP_WAIT_MS)
  }

  private sendTyping(on: boolean): boolean {
    const conversationId = this.current
    return !!conversationId && this.ready && this.d.send({ type: 'typing', conversationId, on })
  }

  private staffTyping(on: boolean): void {
    clearTimeout(this.staffTimer)
    this.staffTimer = on ? setTimeout(() => this.staffTyping(false), STAFF_TYPING_MS) : undefined
    this.d.view.staffTyping(on)
  }

  private timeline(id: string): Timeline {
    let tl = this.timelines.get(id)
    if (!tl) this.timelines.set(id, (tl = createTimeline()))
    return tl
  }

  private setCurrent(id: string | null): void {
    if (id === this.current) return
    this.current = id
    if (id) this.d.kv.setItem(CONVERSATION_KEY, id)
    else this.d.kv.removeItem(CONVERSATION_KEY)
  }

  private render(): void {
    if (this.open) this.markSeen()
    this.d.view.topics(this.current ? null : this.topicList)
    this.d.view.render(this.items())
    this.d.view.unread(this.unreadCount())
  }

  /** Everything to show: conversations oldest first, each in seq order, then messages still in the outbox. */
  items(): Item[] {
    return chatItems(this.timelines.values(), this.outbox.items, this.d.t).map((i) => {
      const s = i.kind === 'survey' && !i.answered ? this.surveys.get(i.conversationId) : undefined
      return s ? { ...i, ...s } : i
    })
  }

  private unreadCount(): number {
    let n = 0
    for (const [id, tl] of this.timelines) {
      const seen = this.seen[id] ?? 0
      for (const ev of tl.events) if (ev.seq > seen && ev.type === 'message' && ev.direction === 'out') n++
    }
    return n
  }

  private markSeen(): void {
    let changed = false
    for (const [id, tl] of this.timelines) {
      const last = lastSeq(tl)
      if ((this.seen[id] ?? 0) < last) {
        this.seen[id] = last
        changed = true
      }
    }
    if (changed) this.d.kv.setItem(SEEN_KEY, JSON.stringify(this.seen))
  }
}

function parseSeen(raw: string | null): Record<string, number> {
  try {
    const v: unknown = JSON.parse(raw ?? '{}')
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, number>
  } catch {
    /* start fresh */
  }
  return {}
}
