// Second line: escalate a conversation to the local office of the citizen's region (or one the consultant names),
// with its history and a note; the office hands it back to the first line with an answer.
import type { TimelineEvent } from '../../protocol/rest.ts'
import { chooseOffice, TERYT_REGION, type OfficeRegions } from '../domain/choose-office.ts'
import type { AssignWaiting } from './assign-waiting.ts'
import type { Bus, Clock, ConsultantRecord, Defaults, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'
import { requeuedAt, requeuedInto } from './requeue.ts'
import { routingEvent, staffAuthor } from './routing-events.ts'

export type EscalateOutcome =
  | { ok: true; event: TimelineEvent; officeId: string }
  | { ok: false; error: 'not_found' | 'not_allowed' | 'no_region' | 'no_office' }

export function createEscalation(deps: { store: Store; bus: Bus; clock: Clock; defaults: Defaults; assignWaiting: AssignWaiting }) {
  async function escalate(m: { by: ConsultantRecord; conversationId: string; officeId?: string; region?: string; note: string | null }): Promise<EscalateOutcome> {
    const now = deps.clock.now()
    const conv = await deps.store.getConversation(m.conversationId)
    if (!conv) return { ok: false, error: 'not_found' }
    if (m.region && !TERYT_REGION.test(m.region)) return { ok: false, error: 'no_region' }
    // A region given now is remembered on the contact for next time.
    if (m.region) await deps.store.setContactRegion(conv.contactId, m.region)
    const offices = await deps.store.listOffices()
    let office: OfficeRegions | undefined = m.officeId ? offices.find((o) => o.id === m.officeId) : undefined
    if (m.officeId && !office) return { ok: false, error: 'no_office' }
    if (!office) {
      const region = m.region ?? (await deps.store.contactRegion(conv.contactId))
      if (!region) return { ok: false, error: 'no_region' }
      office = chooseOffice(region, offices) ?? undefined
      if (!office) return { ok: false, error: 'no_office' }
    }
    const queue = await deps.store.officeQueue(office.id)
    const { queues } = await deps.store.entryContext()
    const r = await deps.store.transaction(async (tx) => {
      await tx.lockRouting()
      const locked = await tx.lockConversation(m.conversationId)
      if (!locked) return { ok: false as const, error: 'not_found' as const }
      if (locked.status === 'resolved') return { ok: false as const, error: 'not_allowed' as const }
      await tx.updateConversation(locked.id, {
        ...(queue ? requeuedInto(now, locked, queue.id, queues) : requeuedAt(now)),
        officeId: office.id,
        escalatedFromQueueId: locked.officeId ? locked.escalatedFromQueueId : locked.queueId,
      })
      const e = await tx.appendEvent(
        { conversationId: locked.id },
        routingEvent('escalated', { officeId: office.id, officeName: office.name, toQueueId: queue?.id ?? null, fromConsultantId: m.by.id, fromName: m.by.name, note: m.note }, staffAuthor(m.by)),
        now,
      )
      return e ? { ok: true as const, event: e.event, to: e.conversation } : { ok: false as const, error: 'not_found' as const }
    })
    if (!r.ok) return r
    // Announced with its new office, so that office's staff hear of it.
    publishEvents(deps.bus, { contactId: r.to.contactId, officeId: office.id }, [r.event])
    await deps.assignWaiting()
    return { ok: true, event: r.event, officeId: office.id }
  }

  async function handBack(m: { by: ConsultantRecord; conversationId: string; note: string | null }): Promise<{ ok: true; event: TimelineEvent } | { ok: false; error: 'not_found' | 'not_allowed' }> {
    const now = deps.clock.now()
    const { queues } = await deps.store.entryContext()
    const r = await deps.store.transaction(async (tx) => {
      await tx.lockRouting()
      const locked = await tx.lockConversation(m.conversationId)
      if (!locked) return { ok: false as const, error: 'not_found' as const }
      if (!locked.officeId || locked.status === 'resolved') return { ok: false as const, error: 'not_allowed' as const }
      const officeId = locked.officeId
      await tx.updateConversation(locked.id, {
        ...requeuedInto(now, locked, locked.escalatedFromQueueId ?? deps.defaults.defaultQueueId, queues),
        officeId: null,
        escalatedFromQueueId: null,
      })
      const e = await tx.appendEvent(
        { conversationId: locked.id },
        routingEvent('returned', { fromOfficeId: officeId, fromConsultantId: m.by.id, fromName: m.by.name, note: m.note }, staffAuthor(m.by)),
        now,
      )
      return e ? { ok: true as const, event: e.event, contactId: e.conversation.contactId, officeId } : { ok: false as const, error: 'not_found' as const }
    })
    if (!r.ok) return r
    // The office hears that it left them; everyone else sees it back in the first line.
    publishEvents(deps.bus, { contactId: r.contactId, officeId: r.officeId }, [r.event])
    await deps.assignWaiting()
    return { ok: true, event: r.event }
  }

  return { escalate, handBack }
}
