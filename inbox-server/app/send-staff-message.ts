// A consultant replies or writes a private note: stored once per clientId; answering takes an unassigned conversation.
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { Notification } from '../../protocol/workflow.ts'
import { canSeeConversation } from '../domain/access-policy.ts'
import { STAFF_UPLOAD_TYPES } from '../../protocol/attachments.ts'
import { channelLimits } from '../../protocol/channel-limits.ts'
import { replyWindow } from '../../protocol/reply-window.ts'
import { afterStaffReply } from '../domain/conversation-lifecycle.ts'
import type { ChannelKind } from '../../protocol/channel.ts'
import type { Bus, Clock, ConsultantRecord, SendOutcome, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'
import { assignmentEvent } from './routing-events.ts'
import type { SlaApplied, SlaClocks } from './sla-clocks.ts'
import { writeOnce } from './write-once.ts'

export interface StaffMessage {
  consultant: ConsultantRecord
  conversationId: string
  clientId: string
  text: string
  private: boolean
  /** A private note's @mentions: consultant ids to notify (those who cannot see the conversation are left out). */
  mentions?: readonly string[]
  /** Files this consultant uploaded for this message (POST /api/uploads). */
  attachmentIds?: readonly string[]
}

/** How much of a note a notification carries. */
const EXCERPT_CHARS = 140

/** A reply the conversation's channel cannot carry: the transaction rolls back and the reason is answered. */
class Refused extends Error {
  constructor(
    readonly code: 'outside_reply_window' | 'too_long' | 'opted_out' | 'attachments_refused',
    readonly reason: string,
  ) {
    super(reason)
  }
}

export function createSendStaffMessage(deps: {
  store: Store
  bus: Bus
  clock: Clock
  sla?: SlaClocks
  /** Pulled after a reply that a connector must send went into the outbox. */
  onOutbox?: () => void
}) {
  /** The mentioned consultants who exist, are active, are not the author, and may see the conversation. */
  async function whoMayBeMentioned(conversationId: string, ids: readonly string[], authorId: string): Promise<{ id: string; name: string }[]> {
    const conv = await deps.store.getConversation(conversationId)
    if (!conv) return []
    const found = await Promise.all([...new Set(ids)].filter((id) => id !== authorId).map((id) => deps.store.findConsultantById(id)))
    return found.filter((c): c is ConsultantRecord => !!c && !c.disabled && canSeeConversation(c, conv)).map((c) => ({ id: c.id, name: c.name }))
  }

  return async function sendStaffMessage(m: StaffMessage): Promise<SendOutcome> {
    const now = deps.clock.now()
    const author = { kind: 'consultant' as const, id: m.consultant.id, name: m.consultant.name }
    // A public reply stops the response clocks; a private note does not.
    const slaContext = deps.sla && !m.private ? await deps.sla.context() : null
    const mentioned = m.private && m.mentions?.length ? await whoMayBeMentioned(m.conversationId, m.mentions, m.consultant.id) : []
    const files = m.attachmentIds ?? []
    if (files.length && !m.private) {
      const conv = await deps.store.getConversation(m.conversationId)
      if (conv && !channelLimits(conv.channelKind).canAttach) {
        return { ok: false, error: 'attachments_refused', message: `Files cannot be sent on ${conv.channelKind}; send a link or a note instead` }
      }
    }
    let sla: SlaApplied | null = null
    let notified: { consultantId: string; notification: Notification }[] = []
    const r = await writeOnce(deps.store, { authorId: m.consultant.id, clientId: m.clientId }, () =>
      deps.store.transaction(async (tx) => {
        // The uploads become the message's attachments (stored at once); a missing or foreign one refuses it all.
        const taken = files.length ? await tx.takeUploads(m.consultant.id, files) : []
        if (!taken) throw new Refused('attachments_refused', 'An upload is missing, not yours, or was sent already')
        const infos = taken.map((u) => ({ id: u.id, kind: STAFF_UPLOAD_TYPES[u.contentType] ?? ('file' as const), name: u.name, contentType: u.contentType, size: u.size, state: 'stored' as const }))
        const data = { ...(mentioned.length ? { mentions: mentioned } : {}), ...(infos.length ? { attachments: infos } : {}) }
        const withData = Object.keys(data).length ? { data } : {}
        const appended = await tx.appendEvent(
          { conversationId: m.conversationId },
          m.private
            ? { type: 'note', direction: null, text: m.text, author, clientId: m.clientId, ...withData }
            : { type: 'message', direction: 'out', text: m.text, author, clientId: m.clientId, ...withData },
          now,
        )
        if (!appended) return null
        if (taken.length) {
          await tx.insertAttachments(
            appended.event.id,
            m.conversationId,
            appended.conversation.channelKind,
            taken.map((u) => ({ id: u.id, kind: STAFF_UPLOAD_TYPES[u.contentType] ?? 'file', name: u.name, contentType: u.contentType, size: u.size, ref: null, content: u.content })),
            now,
          )
        }
        if (mentioned.length) {
          const excerpt = m.text.length > EXCERPT_CHARS ? `${m.text.slice(0, EXCERPT_CHARS - 1)}…` : m.text
          notified = await tx.insertNotifications(
            mentioned.map((c) => ({ consultantId: c.id, kind: 'mention' as const, conversationId: m.conversationId, eventId: appended.event.id, actorId: m.consultant.id, actorName: m.consultant.name, excerpt, at: now })),
          )
        }
        if (!m.private) {
          refuseWhatTheChannelCannotCarry(appended.conversation, m.text, now)
          if (appended.conversation.channelKind === 'sms' && (await tx.optedOutAt(appended.conversation.contactId, 'sms'))) {
            throw new Refused('opted_out', 'The number replied STOP: nothing is sent to it until it sends START')
          }
        }
        const written: TimelineEvent[] = [appended.event]
        // A reply on a provider's channel is sent by the outbox worker, committed together with the message.
        const viaConnector = !m.private && appended.conversation.channelKind !== 'webchat'
        if (viaConnector) await tx.insertOutbox({ eventId: appended.event.id, conversationId: m.conversationId, channelKind: appended.conversation.channelKind, now })
        const change = m.private ? null : afterStaffReply(appended.conversation, m.consultant.id)
        if (change?.transition) {
          await tx.updateConversation(m.conversationId, { status: change.status, assigneeId: change.assigneeId })
          const assigned = await tx.appendEvent({ conversationId: m.conversationId }, assignmentEvent(m.consultant, 'replied', author), now)
          if (assigned) written.push(assigned.event)
        }
        if (deps.sla && slaContext) {
          sla = await deps.sla.apply(tx, slaContext, appended.conversation, ['staff_reply'], now)
          written.push(...sla.written)
        }
        return { event: appended.event, written, to: appended.conversation, viaConnector }
      }),
    ).catch((err: unknown) => {
      if (err instanceof Refused) return { refused: err }
      throw err
    })
    if ('refused' in r) return { ok: false, error: r.refused.code, message: r.refused.reason }
    if ('duplicate' in r) return { ok: true, event: r.duplicate, duplicate: true }
    if (r.written?.viaConnector) deps.onOutbox?.()
    if (!r.written) return { ok: false, error: 'not_found' }
    publishEvents(deps.bus, r.written.to, r.written.written)
    for (const n of notified) deps.bus.publish({ type: 'notification', consultantId: n.consultantId, notification: n.notification })
    if (sla) deps.sla?.armed(r.written.to.id, sla)
    return { ok: true, event: r.written.event, duplicate: false }
  }
}

/** Checked after the append (which found the conversation and its channel), so a refusal rolls the append back. */
function refuseWhatTheChannelCannotCarry(conv: { channelKind: ChannelKind; lastInboundAt: Date | null }, text: string, now: Date) {
  const limits = channelLimits(conv.channelKind)
  if (!limits.canReply) throw new Refused('too_long', `Replies on ${conv.channelKind} are not written here`)
  if (text.length > limits.maxChars) throw new Refused('too_long', `At most ${limits.maxChars} characters on ${conv.channelKind}`)
  const window = replyWindow(conv.channelKind, conv.lastInboundAt, now)
  if (window.state === 'closed') {
    throw new Refused('outside_reply_window', 'Messenger allows replies for 7 days after the person’s last message; they have to write to the page first')
  }
}
