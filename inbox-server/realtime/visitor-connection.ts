// One citizen's widget socket: hello, subscribe-then-fetch, idempotent sends, typing, ping.
import { createHash, randomBytes } from 'node:crypto'
import type { WebSocket } from 'ws'
import { VisitorFrame, type VisitorServerFrame } from '../../protocol/frames.ts'
import { fullBucket, take, type Bucket } from '../domain/token-bucket.ts'
import type { Bus, Clock, Logger, SendOutcome, Store } from '../app/ports.ts'
import type { VisitorMessage } from '../app/receive-visitor-message.ts'
import type { Fanout, Peer } from './fanout.ts'
import { errorFrame } from './frame-errors.ts'
import type { WaitEstimates } from '../app/wait-estimates.ts'
import { parseFrame } from './parse-frame.ts'
import { replay } from './replay.ts'
import { sendFrame } from './socket-peer.ts'

export interface VisitorDeps {
  store: Store
  bus: Bus
  clock: Clock
  log: Logger
  fanout: Fanout
  receiveVisitorMessage: (m: VisitorMessage) => Promise<SendOutcome>
  estimateWait: WaitEstimates
  visitorLeaves: (m: { contactId: string; conversationId: string }) => Promise<{ ok: true } | { ok: false; error: 'not_found' }>
  /** The citizen's rating of a conversation whose survey was asked in the chat; false when there is none to answer. */
  answerSurvey?: (m: { conversationId: string; score: number; comment: string | null }) => Promise<boolean>
  /** Public articles for what the citizen is typing, and whether one helped. */
  kb?: { search(q: string): Promise<{ id: string; title: string; excerpt: string; text: string }[]>; feedback(articleId: string, helped: boolean): Promise<boolean> }
}

const SENDS_PER_SECOND = 1
const SEND_BURST = 10

/** The identity kept for a widget visitor is a hash of its token, so a database leak does not leak tokens. */
export function visitorExternalId(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

/**
 * Per-socket state as fields and behaviour on the prototype: an idle socket (a page left open) costs only its
 * fields, not a dozen closures. Lazily made: the rate bucket, the frame chain and the set of owned conversations.
 */
class VisitorConnection implements Peer<VisitorServerFrame> {
  private token: string | null = null
  private contactId: string | null = null
  private lang: 'pl' | 'en' = 'pl'
  private bucket: Bucket | null = null
  /** Look-ups while typing have their own allowance: they never use up the citizen's messages. */
  private kbBucket: Bucket | null = null
  private chain: Promise<void> | null = null
  private closed = false
  /** Conversations this visitor was shown to own; conversations never change owner, so this only grows. */
  private owned: Set<string> | null = null

  constructor(
    private readonly ws: WebSocket,
    private readonly deps: VisitorDeps,
  ) {}

  /** The connection is the fanout's peer for this socket. */
  send(frame: VisitorServerFrame): void {
    sendFrame(this.ws, frame)
  }

  onMessage(data: unknown): void {
    // Frames of one socket are handled in order: a send must not overtake the hello before it.
    const run = () =>
      this.handle(data).catch((err: unknown) => {
        this.deps.log.error({ err }, 'visitor frame failed')
        this.send(errorFrame('internal'))
      })
    this.chain = this.chain ? this.chain.then(run) : run()
  }

  onClose(): void {
    this.closed = true
    if (this.contactId) this.deps.fanout.removeVisitor(this.contactId, this)
  }

  private own(id: string) {
    ;(this.owned ??= new Set()).add(id)
  }

  private becomes(id: string) {
    this.contactId = id
    // A socket that closed while the contact was looked up must not be registered again.
    if (!this.closed) this.deps.fanout.addVisitor(id, this)
  }

  private async contact(): Promise<string> {
    if (!this.contactId) this.becomes(await this.deps.store.findOrCreateContact('webchat', visitorExternalId(this.token!)))
    return this.contactId!
  }

  private async owns(conversationId: string): Promise<{ contactId: string } | null> {
    const contactId = this.contactId
    if (!contactId) return null
    if (this.owned?.has(conversationId)) return { contactId }
    const conv = await this.deps.store.getConversation(conversationId)
    if (!conv || conv.contactId !== contactId || conv.channelKind !== 'webchat') return null
    this.own(conversationId)
    return { contactId }
  }

  private async handle(data: unknown): Promise<void> {
    const deps = this.deps
    const parsed = parseFrame(VisitorFrame, data)
    if (!parsed.ok) return this.send(parsed.error)
    const f = parsed.frame
    if (f.type === 'ping') return this.send({ type: 'pong' })
    if (f.type === 'hello') {
      if (this.token) return this.send(errorFrame('bad_frame', undefined, 'hello was already sent'))
      const token = (this.token = f.visitorToken ?? randomBytes(24).toString('base64url'))
      this.lang = f.lang
      // A contact exists only once a visitor has written; a returning reader creates nothing.
      const known = f.visitorToken ? await deps.store.findContact('webchat', visitorExternalId(token)) : null
      if (known) this.becomes(known)
      const conversations = this.contactId ? await deps.store.contactConversations(this.contactId) : []
      for (const c of conversations) this.own(c.id)
      const topics = (await deps.store.listTopics()).map(({ key, name }) => ({ key, name }))
      return this.send({ type: 'welcome', visitorToken: token, conversations, topics })
    }
    if (!this.token) return this.send(errorFrame('not_hello', 'clientId' in f ? f.clientId : undefined))

    if (f.type === 'subscribe') {
      if (!(await this.owns(f.conversationId))) return this.send(errorFrame('not_found', undefined, undefined, f.conversationId))
      await replay(deps.store, this, f.conversationId, f.afterSeq, true)
      // A citizen who (re)connects while waiting learns their place at once, not at the next routing pass.
      const place = await deps.store.queuePosition(f.conversationId)
      if (place) {
        const etaSeconds = await deps.estimateWait(place.queueId, place.position).catch(() => null)
        this.send({ type: 'queue', conversationId: f.conversationId, position: place.position, etaSeconds })
      }
      return
    }
    if (f.type === 'typing') {
      const o = await this.owns(f.conversationId)
      if (!o) return this.send(errorFrame('not_found', undefined, undefined, f.conversationId))
      return deps.bus.publish({ type: 'typing', conversationId: f.conversationId, contactId: o.contactId, who: 'visitor', on: f.on })
    }
    if (f.type === 'leave') {
      const o = await this.owns(f.conversationId)
      const r = o ? await deps.visitorLeaves({ contactId: o.contactId, conversationId: f.conversationId }) : null
      if (!r?.ok) return this.send(errorFrame('not_found', undefined, undefined, f.conversationId))
      return
    }
    if (f.type === 'kb_search' || f.type === 'kb_feedback') {
      // Typed words are looked up at most about once a second; over that, quietly nothing (the citizen is typing).
      const now = deps.clock.now().getTime()
      const t = take(this.kbBucket ?? fullBucket(SEND_BURST, now), now, SENDS_PER_SECOND, SEND_BURST)
      this.kbBucket = t.bucket
      if (!t.ok || !deps.kb) return f.type === 'kb_search' ? this.send({ type: 'kb_results', q: f.q, items: [] }) : undefined
      if (f.type === 'kb_search') return this.send({ type: 'kb_results', q: f.q, items: await deps.kb.search(f.q) })
      // Feedback on an article that is gone (or not public) is dropped: nothing for the citizen to do about it.
      await deps.kb.feedback(f.articleId, f.helped)
      return
    }
    if (f.type === 'survey') {
      const o = await this.owns(f.conversationId)
      const ok = o && deps.answerSurvey ? await deps.answerSurvey({ conversationId: f.conversationId, score: f.score, comment: f.comment || null }) : false
      // The answer itself comes back as the conversation's survey event.
      if (!ok) return this.send(errorFrame('not_found', undefined, 'No survey to answer in this conversation', f.conversationId))
      return
    }
    // send
    const now = deps.clock.now().getTime()
    const t = take(this.bucket ?? fullBucket(SEND_BURST, now), now, SENDS_PER_SECOND, SEND_BURST)
    this.bucket = t.bucket
    if (!t.ok) return this.send(errorFrame('rate_limited', f.clientId))
    const r = await deps.receiveVisitorMessage({
      contactId: await this.contact(),
      clientId: f.clientId,
      text: f.text,
      ...(f.conversationId ? { conversationId: f.conversationId } : {}),
      ...(f.topic ? { topic: f.topic } : {}),
      lang: this.lang,
    })
    if (!r.ok) return this.send(errorFrame(r.error, f.clientId, undefined, f.conversationId))
    this.own(r.event.conversationId)
    this.send({ type: 'ack', clientId: f.clientId, conversationId: r.event.conversationId, id: r.event.id, seq: r.event.seq, createdAt: r.event.createdAt })
  }
}

export function openVisitorConnection(ws: WebSocket, deps: VisitorDeps): { onMessage(data: unknown): void; onClose(): void } {
  return new VisitorConnection(ws, deps)
}
