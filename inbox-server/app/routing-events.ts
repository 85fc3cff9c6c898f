// Timeline events of routing, built in one place: who got the conversation and how, and the steps before that.
import type { ConsultantRecord, NewEvent } from './ports.ts'

export const SYSTEM_AUTHOR: NewEvent['author'] = { kind: 'system', id: null, name: null }

export function staffAuthor(c: Pick<ConsultantRecord, 'id' | 'name'>): NewEvent['author'] {
  return { kind: 'consultant', id: c.id, name: c.name }
}

/** The conversation is now the assignee's (citizens see these). */
export function assignmentEvent(
  assignee: { id: string; name: string | null },
  by: 'routing' | 'accepted' | 'picked' | 'transferred' | 'replied',
  author: NewEvent['author'],
): NewEvent {
  return { type: 'assignment', direction: null, text: null, author, data: { assigneeId: assignee.id, assigneeName: assignee.name, status: 'assigned', by } }
}

/** A step inside the centre (offered, declined, timed out, transferred): staff-only. */
export function routingEvent(step: 'offered' | 'declined' | 'timed_out' | 'transferred' | 'escalated' | 'returned' | 'rerouted', data: Record<string, unknown>, author: NewEvent['author']): NewEvent {
  return { type: 'routing', direction: null, text: null, author, data: { step, ...data } }
}
