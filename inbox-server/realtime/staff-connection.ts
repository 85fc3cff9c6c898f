// One consultant's console socket: subscribe-then-fetch per conversation, idempotent sends and notes, typing, ping.
import type { WebSocket } from 'ws'
import { StaffFrame, type StaffServerFrame } from '../../protocol/frames.ts'
import type { Bus, ConsultantRecord, Logger, SendOutcome, Store } from '../app/ports.ts'
import type { Presence } from '../domain/routing/routing-model.ts'
import type { StaffMessage } from '../app/send-staff-message.ts'
import type { Fanout, Peer } from './fanout.ts'
import { errorFrame } from './frame-errors.ts'
import { parseFrame } from './parse-frame.ts'
import { canSeeConversation, officeScope } from '../domain/access-policy.ts'
import { createKeyedSerial } from './keyed-serial.ts'
import { replay } from './replay.ts'
import { socketPeer } from './socket-peer.ts'

export interface StaffDeps {
  store: Store
  bus: Bus
  log: Logger
  fanout: Fanout
  sendStaffMessage: (m: StaffMessage) => Promise<SendOutcome>
  setPresence: (consultant: ConsultantRecord, state: Presence, reason: string | null) => Promise<{ ok: boolean }>
  respondToOffer: (m: { consultant: ConsultantRecord; conversationId: string; accept: boolean }) => Promise<{ ok: true } | { ok: false; error: 'offer_gone' }>
  /** Supervisors' screens watching the wallboard. */
  wallboard?: { watch(p: Peer<StaffServerFrame>, on: boolean): void }
  /** Re-checks the socket's session; a revoked or expired one ends the socket. */
  authenticate: (token: string) => Promise<ConsultantRecord | null>
  sessionCheckMs: number
}

/** Close code for a socket whose session was signed out or expired (4000–4999 are the application's). */
export const SESSION_ENDED = 4401

export function openStaffConnection(ws: WebSocket, consultant: ConsultantRecord, token: string, deps: StaffDeps) {
  const peer: Peer<StaffServerFrame> = socketPeer(ws)
  /** conversationId → contactId of the conversations this socket watches. */
  const watching = new Map<string, string>()
  // Frames about one conversation keep their order (two replies, a subscribe then a send); different
  // conversations proceed side by side, so one slow conversation does not hold up a consultant's others.
  const serial = createKeyedSerial()

  deps.fanout.addStaff(peer, consultant.id, officeScope(consultant), consultant.role === 'supervisor' || consultant.role === 'admin')
  const sessionCheck = setInterval(() => {
    deps.authenticate(token).then(
      (still) => {
        if (!still) ws.close(SESSION_ENDED, 'session ended')
      },
      (err: unknown) => deps.log.warn({ err }, 'session check failed'),
    )
  }, deps.sessionCheckMs)
  sessionCheck.unref()
  peer.send({ type: 'welcome', consultant: { id: consultant.id, name: consultant.name, role: consultant.role, presence: consultant.presence } })

  /** The conversation's contact, if this consultant may see the conversation at all. */
  async function contactOf(conversationId: string): Promise<string | null> {
    const known = watching.get(conversationId)
    if (known) return known
    const conv = await deps.store.getConversation(conversationId)
    return conv && canSeeConversation(consultant, conv) ? conv.contactId : null
  }

  async function handle(f: Exclude<StaffFrame, { type: 'ping' | 'presence' }>) {
    switch (f.type) {
      case 'subscribe': {
        const conv = await deps.store.getConversation(f.conversationId)
        if (!conv || !canSeeConversation(consultant, conv)) return peer.send(errorFrame('not_found', undefined, undefined, f.conversationId))
        watching.set(conv.id, conv.contactId)
        deps.fanout.watch(conv.id, peer)
        return replay(deps.store, peer, conv.id, f.afterSeq, false)
      }
      case 'accept':
      case 'decline': {
        if (!(await contactOf(f.conversationId))) return peer.send(errorFrame('offer_gone', undefined, undefined, f.conversationId))
        const r = await deps.respondToOffer({ consultant, conversationId: f.conversationId, accept: f.type === 'accept' })
        if (!r.ok) peer.send(errorFrame(r.error, undefined, undefined, f.conversationId))
        return
      }
      case 'unsubscribe':
        watching.delete(f.conversationId)
        return deps.fanout.unwatch(f.conversationId, peer)
      case 'typing': {
        const contactId = await contactOf(f.conversationId)
        if (!contactId) return peer.send(errorFrame('not_found', undefined, undefined, f.conversationId))
        return deps.bus.publish({ type: 'typing', conversationId: f.conversationId, contactId, who: 'staff', name: consultant.name, on: f.on })
      }
      case 'send': {
        if (!(await contactOf(f.conversationId))) return peer.send(errorFrame('not_found', f.clientId, undefined, f.conversationId))
        const r = await deps.sendStaffMessage({
          consultant,
          conversationId: f.conversationId,
          clientId: f.clientId,
          text: f.text,
          private: f.private ?? false,
          ...(f.mentions ? { mentions: f.mentions } : {}),
          ...(f.attachmentIds ? { attachmentIds: f.attachmentIds } : {}),
        })
        if (!r.ok) return peer.send(errorFrame(r.error, f.clientId, r.message, f.conversationId))
        return peer.send({ type: 'ack', clientId: f.clientId, conversationId: r.event.conversationId, id: r.event.id, seq: r.event.seq, createdAt: r.event.createdAt })
      }
    }
  }

  return {
    onMessage(data: unknown) {
      const parsed = parseFrame(StaffFrame, data)
      if (!parsed.ok) return peer.send(parsed.error)
      const f = parsed.frame
      if (f.type === 'ping') return peer.send({ type: 'pong' })
      if (f.type === 'wallboard') {
        if (consultant.role !== 'supervisor' && consultant.role !== 'admin') return peer.send(errorFrame('forbidden', undefined, 'The wallboard is for supervisors'))
        return deps.wallboard?.watch(peer, f.on)
      }
      if (f.type === 'presence') {
        // The answer is the presence frame every staff socket gets, this one included.
        return void deps
          .setPresence(consultant, f.state, f.reason ?? null)
          .then((r) => {
            if (!r.ok) peer.send(errorFrame('bad_reason', undefined, `${f.state}: ${f.reason ?? ''}`))
          })
          .catch((err: unknown) => {
          deps.log.error({ err }, 'presence change failed')
          peer.send(errorFrame('internal'))
        })
      }
      serial(f.conversationId, () =>
        handle(f).catch((err: unknown) => {
          deps.log.error({ err }, 'staff frame failed')
          peer.send(errorFrame('internal', 'clientId' in f ? f.clientId : undefined, undefined, f.conversationId))
        }),
      )
    },
    onClose() {
      clearInterval(sessionCheck)
      deps.wallboard?.watch(peer, false)
      deps.fanout.removeStaff(peer, consultant.id, watching.keys())
    },
  }
}
