// Routes committed bus messages to the sockets that may see them: visitors by contact, staff by subscription.
import type { StaffServerFrame, VisitorServerFrame } from '../../protocol/frames.ts'
import type { BusMessage } from '../app/ports.ts'
import type { OfficeScope } from '../domain/access-policy.ts'
import { visibleToCitizen } from '../domain/event-visibility.ts'

export interface Peer<F> {
  send(frame: F): void
}

export class Fanout {
  private visitors = new Map<string, Set<Peer<VisitorServerFrame>>>()
  private staff = new Set<Peer<StaffServerFrame>>()
  private staffByConversation = new Map<string, Set<Peer<StaffServerFrame>>>()
  private staffByConsultant = new Map<string, Set<Peer<StaffServerFrame>>>()
  /** What each staff socket may hear about: every conversation, one office's, or none. */
  private scopeOf = new Map<Peer<StaffServerFrame>, OfficeScope>()
  /** Supervisors' and administrators' sockets: they hear every SLA warning and breach. */
  private supervisors = new Set<Peer<StaffServerFrame>>()

  addVisitor(contactId: string, p: Peer<VisitorServerFrame>) {
    let set = this.visitors.get(contactId)
    if (!set) this.visitors.set(contactId, (set = new Set()))
    set.add(p)
  }
  removeVisitor(contactId: string, p: Peer<VisitorServerFrame>) {
    const set = this.visitors.get(contactId)
    set?.delete(p)
    if (set?.size === 0) this.visitors.delete(contactId)
  }
  addStaff(p: Peer<StaffServerFrame>, consultantId: string, scope: OfficeScope, supervises = false) {
    this.staff.add(p)
    if (supervises) this.supervisors.add(p)
    this.scopeOf.set(p, scope)
    let set = this.staffByConsultant.get(consultantId)
    if (!set) this.staffByConsultant.set(consultantId, (set = new Set()))
    set.add(p)
  }
  removeStaff(p: Peer<StaffServerFrame>, consultantId: string, conversationIds: Iterable<string>) {
    this.staff.delete(p)
    this.supervisors.delete(p)
    this.scopeOf.delete(p)
    const own = this.staffByConsultant.get(consultantId)
    own?.delete(p)
    if (own?.size === 0) this.staffByConsultant.delete(consultantId)
    for (const id of conversationIds) this.unwatch(id, p)
  }
  watch(conversationId: string, p: Peer<StaffServerFrame>) {
    let set = this.staffByConversation.get(conversationId)
    if (!set) this.staffByConversation.set(conversationId, (set = new Set()))
    set.add(p)
  }
  unwatch(conversationId: string, p: Peer<StaffServerFrame>) {
    const set = this.staffByConversation.get(conversationId)
    set?.delete(p)
    if (set?.size === 0) this.staffByConversation.delete(conversationId)
  }
  counts() {
    let visitors = 0
    for (const s of this.visitors.values()) visitors += s.size
    return { visitors, staff: this.staff.size }
  }

  deliver(msg: BusMessage) {
    if (msg.type === 'presence') {
      const frame = { type: 'presence' as const, consultantId: msg.consultantId, name: msg.name, state: msg.presence, reason: msg.reason }
      for (const p of this.staff) p.send(frame)
      return
    }
    if (msg.type === 'offer') {
      const frame = { type: 'offer' as const, conversationId: msg.conversationId, expiresAt: msg.expiresAt }
      for (const p of this.staffByConsultant.get(msg.consultantId) ?? []) p.send(frame)
      return
    }
    if (msg.type === 'queue') {
      const frame = { type: 'queue' as const, conversationId: msg.conversationId, position: msg.position, etaSeconds: msg.etaSeconds }
      for (const p of this.visitors.get(msg.contactId) ?? []) p.send(frame)
      return
    }
    if (msg.type === 'sla_timer') return
    if (msg.type === 'notification') {
      const frame = { type: 'notification' as const, notification: msg.notification }
      for (const p of this.staffByConsultant.get(msg.consultantId) ?? []) p.send(frame)
      return
    }
    if (msg.type === 'sla') {
      const frame = { type: 'sla' as const, conversationId: msg.conversationId, assigneeId: msg.assigneeId, clock: msg.clock, step: msg.step, dueAt: msg.dueAt }
      const to = new Set(this.supervisors)
      for (const p of msg.assigneeId ? (this.staffByConsultant.get(msg.assigneeId) ?? []) : []) to.add(p)
      for (const p of to) p.send(frame)
      return
    }
    const watchers = this.staffByConversation.get(msg.conversationId)
    if (msg.type === 'event') {
      const frame = { type: 'event' as const, conversationId: msg.conversationId, event: msg.event }
      if (visibleToCitizen(msg.event.type)) for (const p of this.visitors.get(msg.contactId) ?? []) p.send(frame)
      for (const p of watchers ?? []) p.send(frame)
      const changed = { type: 'changed' as const, conversationId: msg.conversationId }
      for (const p of this.staff) {
        const scope = this.scopeOf.get(p)
        if (scope === 'all' || (scope && scope === msg.officeId)) p.send(changed)
      }
      return
    }
    const frame = { type: 'typing' as const, conversationId: msg.conversationId, who: msg.who, on: msg.on, ...(msg.name ? { name: msg.name } : {}) }
    if (msg.who === 'visitor') for (const p of watchers ?? []) p.send(frame)
    else for (const p of this.visitors.get(msg.contactId) ?? []) p.send(frame)
  }
}
