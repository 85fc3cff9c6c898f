// Phone calls as conversations (the hub's side of connectors/voice/voice-hub.ts): a call picks its queue by the IVR
// digits, is told the line is closed (voicemail) outside the queue's calendar, and otherwise waits in the queue as a
// `voice` conversation of the caller's contact (E.164, shared with SMS). Every status callback is a call leg in the
// timeline; a callback older than one already seen (by SequenceNumber) is recorded but moves nothing; a caller who
// hangs up while waiting is recorded as abandoned with the wait. Voicemails become events with the recording.
import { randomBytes } from 'node:crypto'
import type { TimelineEvent } from '../../protocol/rest.ts'
import { isOpen } from '../domain/calendar/business-time.ts'
import { isCallEnded, isStaleCallback } from '../domain/call-callback-order.ts'
import type { Bus, Clock, Defaults, Logger, NewEvent, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'
import type { SlaContexts } from './sla-context.ts'
import type { WaitEstimates } from './wait-estimates.ts'
import { writeOnce } from './write-once.ts'

/** The shapes of connectors/voice/voice-hub.ts (the app does not depend on connectors). */
export type CallPlan =
  | { kind: 'menu'; greeting: string; options: { digit: string; label: string }[] }
  | { kind: 'enqueue'; greeting: string | null; queue: string }
  | { kind: 'closed'; message: string; voicemail: boolean }
  | { kind: 'reject'; message: string }
export interface CallEvent {
  callSid: string
  status: string
  sequence: number | null
  at: Date
  durationSeconds: number | null
  queueResult?: string
  queueTimeSeconds?: number | null
  from: string | null
  to: string | null
  direction: string | null
  parentCallSid: string | null
}

const SYSTEM = { kind: 'system' as const, id: null, name: null }
const GREETING = 'Dzień dobry, tu infolinia urzędu pracy.'
const CLOSED = 'Infolinia jest teraz nieczynna. Po sygnale prosimy zostawić wiadomość z numerem telefonu, oddzwonimy.'
/** How a consultant's leg ends when nobody picked up. */
const UNANSWERED = new Set(['busy', 'no-answer', 'failed', 'canceled'])

export function createVoiceCalls(deps: {
  store: Store
  bus: Bus
  clock: Clock
  log: Logger
  defaults: Defaults
  sla: SlaContexts
  estimateWait: WaitEstimates
  /** Pulled when a call enters its queue: routing looks for someone to take it. */
  onQueued?: () => void
  /** Pulled when a voicemail's recording waits to be fetched. */
  onAttachments?: () => void
  /** The caller's call ended while a consultant had it: their after-call work starts. */
  onCallEnded?: (consultantId: string, conversationId: string) => void
}) {
  let voiceChannel: Promise<{ id: string }> | null = null
  const channel = () => (voiceChannel ??= deps.store.ensureChannel('voice', 'Infolinia').catch((err: unknown) => ((voiceChannel = null), Promise.reject(err))))

  async function callConversation(callSid: string) {
    const first = await deps.store.findEventByExternalId(`voice:${callSid}`)
    return first ? deps.store.getConversation(first.conversationId) : null
  }

  /** The caller's contact: one per number (shared with SMS); an unknown number is a contact of its own call. */
  const contactOf = (from: string, callSid: string) => deps.store.findOrCreateContact('voice', from === 'anonymous' ? `anonymous:${callSid}` : from)

  /** Opens the call's conversation in the queue, once however often the provider asks. */
  async function open(call: { callSid: string; from: string; to: string; digits: string | null }, queueId: string, state: 'queued' | 'voicemail') {
    const [contactId, ch] = await Promise.all([contactOf(call.from, call.callSid), channel()])
    const now = deps.clock.now()
    const r = await writeOnce(deps.store, { externalId: `voice:${call.callSid}` }, () =>
      deps.store.transaction(async (tx) => {
        await tx.lockContact(contactId)
        const conv = await tx.insertConversation({ contactId, channelId: ch.id, channelKind: 'voice', queueId, now })
        const written: TimelineEvent[] = []
        const status = await tx.appendEvent({ conversationId: conv.id }, { type: 'status', direction: null, text: null, author: SYSTEM, data: { status: 'queued', transition: 'created', entryBy: call.digits ? 'ivr' : 'default', queueId } }, now)
        if (status) written.push(status.event)
        const leg = await tx.appendEvent(
          { conversationId: conv.id },
          { type: 'call', direction: 'in', text: null, author: { kind: 'contact', id: contactId, name: null }, externalId: `voice:${call.callSid}`, data: { callSid: call.callSid, state, from: call.from, to: call.to, digits: call.digits } },
          now,
        )
        if (leg) written.push(leg.event)
        return { to: conv, written }
      }),
    )
    if ('written' in r) {
      publishEvents(deps.bus, r.written.to, r.written.written)
      deps.onQueued?.()
    }
  }

  return {
    async route(call: { callSid: string; from: string; to: string; digits: string | null; at: Date }): Promise<CallPlan> {
      // A call the hub already holds (back from a consultant who did not answer): into its queue again, no menu.
      const held = await callConversation(call.callSid)
      if (held && held.status !== 'resolved' && held.queueId) return { kind: 'enqueue', greeting: 'Prosimy czekać, łączymy z kolejnym konsultantem.', queue: held.queueId }
      const { queues } = await deps.store.entryContext()
      const menu = queues.filter((q) => q.ivrDigits).sort((a, b) => String(a.ivrDigits).localeCompare(String(b.ivrDigits)))
      if (call.digits === null && menu.length > 0) {
        return { kind: 'menu', greeting: GREETING, options: menu.map((q) => ({ digit: String(q.ivrDigits), label: `Sprawy: ${q.name}` })) }
      }
      const chosen = call.digits === null ? null : menu.find((q) => q.ivrDigits === call.digits)
      if (call.digits !== null && !chosen) return { kind: 'menu', greeting: 'Nie rozpoznaliśmy wyboru.', options: menu.map((q) => ({ digit: String(q.ivrDigits), label: `Sprawy: ${q.name}` })) }
      const queueId = chosen?.id ?? deps.defaults.defaultQueueId
      const calendar = (await deps.sla.get()).queueCalendar(queueId)
      if (calendar && !isOpen(call.at, calendar)) {
        await open(call, queueId, 'voicemail')
        return { kind: 'closed', message: CLOSED, voicemail: true }
      }
      await open(call, queueId, 'queued')
      return { kind: 'enqueue', greeting: 'Dziękujemy. Prosimy czekać na połączenie z konsultantem.', queue: queueId }
    },

    async waiting(call: { callSid: string; queuePosition: number | null; queueTimeSeconds: number | null }) {
      const conv = await callConversation(call.callSid)
      const place = conv ? await deps.store.queuePosition(conv.id) : null
      if (!place) return { position: call.queuePosition, etaSeconds: null }
      return { position: place.position, etaSeconds: await deps.estimateWait(place.queueId, place.position) }
    },

    async callEvent(e: CallEvent) {
      const conv = await callConversation(e.parentCallSid ?? e.callSid)
      if (!conv) {
        deps.log.warn({ callSid: e.callSid, status: e.status }, 'call event for a call the hub does not have; ignored')
        return
      }
      const now = deps.clock.now()
      // The status callbacks already seen for this call leg (not queue results, not the hub's own connect records).
      const seen = (await deps.store.listEvents(conv.id, 0, 500))
        .filter((x) => x.type === 'call' && x.data?.callSid === e.callSid && x.data && 'sequence' in x.data && !String(x.data.state).startsWith('queue:'))
        .map((x) => ({ sequence: typeof x.data?.sequence === 'number' ? x.data.sequence : null, at: Date.parse(x.occurredAt), status: String(x.data?.state) }))
      // One older than a callback already seen is history, not the call's state (queue results are not numbered).
      const stale = e.queueResult === undefined && isStaleCallback(seen, { sequence: e.sequence, at: e.at.getTime(), status: e.status })
      const waiting = conv.status === 'queued' || conv.status === 'offered'
      const abandoned = !stale && waiting && e.direction !== 'outbound-dial' && (e.queueResult === 'hangup' || (e.queueResult === undefined && isCallEnded(e.status)))
      // The consultant's phone did not answer: the call waits again, in its place, for someone else first.
      const unanswered = e.direction === 'outbound-dial' && conv.status === 'assigned' && conv.assigneeId !== null && UNANSWERED.has(e.status)
      const key = `voice:${e.callSid}:${e.queueResult ? `q:${e.queueResult}` : `${e.status}:${e.sequence ?? e.at.getTime()}`}`
      const waitSeconds = e.queueTimeSeconds ?? null
      const leg: NewEvent = {
        type: 'call',
        direction: null,
        text: null,
        author: SYSTEM,
        externalId: key,
        occurredAt: e.at,
        data: {
          callSid: e.callSid,
          state: e.queueResult ? `queue:${e.queueResult}` : e.status,
          sequence: e.sequence,
          durationSeconds: e.durationSeconds,
          ...(waitSeconds !== null ? { waitSeconds } : {}),
          ...(e.parentCallSid ? { parentCallSid: e.parentCallSid } : {}),
          ...(stale ? { stale: true } : {}),
        },
      }
      const r = await writeOnce(deps.store, { externalId: key }, () =>
        deps.store.transaction(async (tx) => {
          const written: TimelineEvent[] = []
          const appended = await tx.appendEvent({ conversationId: conv.id }, leg, now)
          if (!appended) return null
          written.push(appended.event)
          if (unanswered && conv.assigneeId) {
            await tx.updateConversation(conv.id, { status: 'queued', assigneeId: null, offerExpiresAt: null, declinedBy: [conv.assigneeId], callConnectedTo: null })
            const status = await tx.appendEvent(
              { conversationId: conv.id },
              { type: 'status', direction: null, text: null, author: SYSTEM, data: { status: 'queued', transition: 'not_answered', consultantId: conv.assigneeId } },
              now,
            )
            if (status) written.push(status.event)
          }
          if (abandoned) {
            await tx.updateConversation(conv.id, { status: 'resolved', assigneeId: null, resolvedAt: now, offerExpiresAt: null })
            const status = await tx.appendEvent(
              { conversationId: conv.id },
              { type: 'status', direction: null, text: null, author: SYSTEM, data: { status: 'resolved', transition: 'abandoned', ...(waitSeconds !== null ? { waitSeconds } : {}) } },
              now,
            )
            if (status) written.push(status.event)
          }
          return { to: appended.conversation, written }
        }),
      )
      if ('written' in r && r.written) {
        publishEvents(deps.bus, r.written.to, r.written.written)
        if (unanswered) deps.onQueued?.()
        const talked = !stale && e.direction !== 'outbound-dial' && e.queueResult === undefined && e.status === 'completed'
        if (talked && conv.status === 'assigned' && conv.assigneeId) deps.onCallEnded?.(conv.assigneeId, conv.id)
      }
    },

    async recording(rec: { callSid: string; recordingSid: string; url: string; durationSeconds: number | null; transcription: string | null; at: Date }) {
      const conv = await callConversation(rec.callSid)
      if (!conv) return
      const now = deps.clock.now()
      const isText = rec.transcription !== null
      const key = `voice:rec:${rec.recordingSid}${isText ? ':text' : ''}`
      const attachment = { id: randomBytes(16).toString('base64url'), kind: 'audio' as const, name: `nagranie-${rec.recordingSid.slice(-8)}.mp3`, contentType: 'audio/mpeg', size: null, ref: rec.url }
      const r = await writeOnce(deps.store, { externalId: key }, () =>
        deps.store.transaction(async (tx) => {
          const appended = await tx.appendEvent(
            { conversationId: conv.id },
            {
              type: 'call',
              direction: 'in',
              text: rec.transcription,
              author: { kind: 'contact', id: conv.contactId, name: null },
              externalId: key,
              occurredAt: rec.at,
              data: {
                kind: isText ? 'transcription' : 'voicemail',
                callSid: rec.callSid,
                recordingSid: rec.recordingSid,
                durationSeconds: rec.durationSeconds,
                ...(isText ? {} : { attachments: [{ id: attachment.id, kind: 'audio', name: attachment.name, contentType: 'audio/mpeg', size: null, state: 'pending' }] }),
              },
            },
            now,
          )
          if (!appended) return null
          if (!isText) await tx.insertAttachments(appended.event.id, conv.id, 'voice', [attachment], now)
          return appended
        }),
      )
      if ('written' in r && r.written) {
        publishEvents(deps.bus, r.written.conversation, [r.written.event])
        if (!isText) deps.onAttachments?.()
      }
    },
  }
}

export type VoiceCalls = ReturnType<typeof createVoiceCalls>
