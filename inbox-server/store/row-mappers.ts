// Maps database rows to the values the use cases and the wire speak; rows never leave the store.
import type { ChannelKind, ConversationStatus, Role } from '../../protocol/channel.ts'
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { LabelRef } from '../../protocol/workflow.ts'
import type { consultants, conversations, events } from '../../db/schema.ts'
import type { ConsultantRecord, ConversationRecord, ConversationView } from '../app/ports.ts'
import type { StoredSla } from '../app/sla-ports.ts'
import type { Presence } from '../domain/routing/routing-model.ts'

type EventRow = typeof events.$inferSelect
type ConversationRow = typeof conversations.$inferSelect
type ConsultantRow = typeof consultants.$inferSelect

export function toTimelineEvent(r: EventRow): TimelineEvent {
  return {
    id: r.id,
    conversationId: r.conversationId,
    seq: r.seq,
    type: r.type as TimelineEvent['type'],
    direction: r.direction as TimelineEvent['direction'],
    text: r.text,
    author: { kind: r.authorKind as TimelineEvent['author']['kind'], id: r.authorId, name: r.authorName },
    clientId: r.clientId,
    data: r.data ?? null,
    createdAt: r.createdAt.toISOString(),
    occurredAt: r.occurredAt.toISOString(),
  }
}

export function toConversationRecord(r: ConversationRow): ConversationRecord {
  return {
    id: r.id,
    contactId: r.contactId,
    channelId: r.channelId,
    channelKind: r.channelKind as ChannelKind,
    status: r.status as ConversationStatus,
    queueId: r.queueId,
    officeId: r.officeId,
    escalatedFromQueueId: r.escalatedFromQueueId,
    assigneeId: r.assigneeId,
    priority: r.priority,
    requiredSkills: r.requiredSkills,
    lastInboundAt: r.lastInboundAt,
    lastSeq: r.lastSeq,
    snoozedUntil: r.snoozedUntil,
  }
}

export function toConversationView(
  r: ConversationRow,
  contact: { name: string | null; phone?: string | null; email?: string | null },
  optedOutAt: Date | string | null = null,
  labels: LabelRef[] = [],
): ConversationView {
  return {
    id: r.id,
    channel: r.channelKind as ChannelKind,
    status: r.status as ConversationStatus,
    contact: { id: r.contactId, name: contact.name, phone: contact.phone ?? null, email: contact.email ?? null },
    queueId: r.queueId,
    officeId: r.officeId,
    assigneeId: r.assigneeId,
    priority: r.priority,
    lastSeq: r.lastSeq,
    lastMessage:
      r.lastMessageText === null && r.lastMessageDirection === null
        ? null
        : { text: r.lastMessageText, direction: r.lastMessageDirection as 'in' | 'out' | null },
    lastActivityAt: r.lastActivityAt.toISOString(),
    lastInboundAt: r.lastInboundAt?.toISOString() ?? null,
    optedOutAt: optedOutAt === null ? null : new Date(optedOutAt).toISOString(),
    createdAt: r.createdAt.toISOString(),
    slaState: (r.sla as StoredSla | null) ?? null,
    labels,
    snoozedUntil: r.status === 'snoozed' ? (r.snoozedUntil?.toISOString() ?? null) : null,
  }
}

export function toConsultantRecord(r: ConsultantRow): ConsultantRecord {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role as Role,
    officeId: r.officeId,
    passwordHash: r.passwordHash,
    disabled: r.disabledAt !== null,
    presence: r.presence as Presence,
    presenceSince: r.presenceSince,
    presenceReason: r.presenceReason,
  }
}
