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
import { socketPeer } from './socket-peer.ts'

export interface VisitorDeps {
  store: Store
  bus: Bus
  clock: Clock
  log: Logger
  fanout: Fanout
  receiveVisitorMessage: (m: VisitorMessage) => Promise<SendOutcome>
  estimateWait: WaitEstimates
  visitorLeaves: (m: { contactId: string; conversationId: string }) => Promise<{ ok: true } | { ok: false; error: 'not_found' }>
}

const SENDS_PER_SECOND = 1
const SEND_BURST = 10

/** The identity kept for a widget visitor is a hash of its token, so a database leak does not leak tokens. */
export function visitorExternalId(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

export function openVisitorConnection(ws: WebSocket, deps: VisitorDeps) {
  const peer: Peer<VisitorServerFrame> = socketPeer(ws)
  let token: string | null = null
  let contactId: string | null = null
  let lang: 'pl' | 'en' = 'pl'
  let bucket: Bucket = fullBucket(SEND_BURST, deps.clock.now().getTime())
  let chain = Promise.resolve()
  let closed = false
  /** Conversations this visitor was shown to own; conversations never change owner, so this only grows. */
  const owned = new Set<string>()

  function becomes(id: string) {
    contactId = id
    // A socket that closed while the contact was looked up must not be registered again.
    if (!closed) deps.fanout.addVisitor(id, peer)
  }

  async function contact(): Promise<string> {
    if (!contactId) becomes(await deps.store.findOrCreateContact('webchat', visitorExternalId(token!)))
    return contactId!
  }

  async function owns(conversationId: string): Promise<{ contactId: string } | null> {
    if (!contactId) return null
    if (owned.has(conversationId)) return { contactId }
    const conv = await deps.store.getConversation(conversationId)
    if (!conv || conv.contactId !== contactId || conv.channelKind !== 'webchat') return null
    owned.add(conversationId)
    return { contactId }
  }

  async function handle(data: unknown) {
    const parsed = parseFrame(VisitorFrame, data)
    if (!parsed.ok) return peer.send(parsed.error)
    const f = parsed.frame
    if (f.type === 'ping') return peer.send({ type: 'pong' })
    if (f.type === 'hello') {
      if (token) return peer.send(errorFrame('bad_frame', undefined, 'hello was already sent'))
      token = f.visitorToken ?? randomBytes(24).toString('base64url')
      lang = f.lang
      // A contact exists only once a visitor has written; a returning reader creates nothing.
      const known = f.visitorToken ? await deps.store.findContact('webchat', visitorExternalId(token)) : null
      if (known) becomes(known)
      const conversations = contactId ? await deps.store.contactConversations(contactId) : []
      for (const c of conversations) owned.add(c.id)
      const topics = (await deps.store.listTopics()).map(({ key, name }) => ({ key, name }))
      return peer.send({ type: 'welcome', visitorToken: token, conversations, topics })
    }
    if (!token) return peer.send(errorFrame('not_hello', 'clientId' in f ? f.clientId : undefined))

    if (f.type === 'subscribe') {
      if (!(await owns(f.conversationId))) return peer.send(errorFrame('not_found', undefined, undefined, f.conversationId))
      await replay(deps.store, peer, f.conversationId, f.afterSeq, true)
      // A citizen who (re)connects while waiting learns their place at once, not at the next routing pass.
      const place = await deps.store.queuePosition(f.conversationId)
      if (place) {
        const etaSeconds = await deps.estimateWait(place.queueId, place.position).catch(() => null)
        peer.send({ type: 'queue', conversationId: f.conversationId, position: place.position, etaSeconds })
      }
      return
    }
    if (f.type === 'typing') {
      const o = await owns(f.conversationId)
      if (!o) return peer.send(errorFrame('not_found', undefined, undefined, f.conversationId))
      return deps.bus.publish({ type: 'typing', conversationId: f.conversationId, contactId: o.contactId, who: 'visitor', on: f.on })
    }
    if (f.type === 'leave') {
      const o = await owns(f.conversationId)
      const r = o ? await deps.visitorLeaves({ contactId: o.contactId, conversationId: f.conversationId }) : null
      if (!r?.ok) return peer.send(errorFrame('not_found', undefined, undefined, f.conversationId))
      return
    }
    // send
    const t = take(bucket, deps.clock.now().getTime(), SENDS_PER_SECOND, SEND_BURST)
    bucket = t.bucket
    if (!t.ok) return peer.send(errorFrame('rate_limited', f.clientId))
    const r = await deps.receiveVisitorMessage({
      contactId: await contact(),
      clientId: f.clientId,
      text: f.text,
      ...(f.conversationId ? { conversationId: f.conversationId } : {}),
      ...(f.topic ? { topic: f.topic } : {}),
      lang,
    })
    if (!r.ok) return peer.send(errorFrame(r.error, f.clientId, undefined, f.conversationId))
    owned.add(r.event.conversationId)
    peer.send({ type: 'ack', clientId: f.clientId, conversationId: r.event.conversationId, id: r.event.id, seq: r.event.seq, createdAt: r.event.createdAt })
  }

  return {
    onMessage(data: unknown) {
      // Frames of one socket are handled in order: a send must not overtake the hello before it.
      chain = chain.then(() =>
        handle(data).catch((err: unknown) => {
          deps.log.error({ err }, 'visitor frame failed')
          peer.send(errorFrame('internal'))
        }),
      )
    },
    onClose() {
      closed = true
      if (contactId) deps.fanout.removeVisitor(contactId, peer)
    },
  }
}
