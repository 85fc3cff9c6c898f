// Conversation status rules when messages come in or staff reply: pure, time passed in.
import type { ConversationStatus } from '../../protocol/channel.ts'

export interface LifecycleState {
  status: ConversationStatus
  assigneeId: string | null
}

export interface LifecycleChange {
  status: ConversationStatus
  assigneeId: string | null
  /** What happened, to be written as a timeline event; null when nothing changed. */
  transition: 'reopened' | 'resumed' | 'assigned' | null
}

/** A citizen wrote: a resolved conversation reopens into its queue; a pending one is back with its assignee. */
export function afterCitizenMessage(s: LifecycleState): LifecycleChange {
  if (s.status === 'resolved') return { status: 'queued', assigneeId: null, transition: 'reopened' }
  if (s.status === 'pending' || s.status === 'snoozed') {
    return { status: s.assigneeId ? 'assigned' : 'queued', assigneeId: s.assigneeId, transition: 'resumed' }
  }
  return { status: s.status, assigneeId: s.assigneeId, transition: null }
}

/**
 * A consultant replied in public: a conversation nobody holds becomes theirs. Routing proper (offers,
 * capacity) decides assignment elsewhere; answering an unassigned conversation is taking it.
 */
export function afterStaffReply(s: LifecycleState, consultantId: string): LifecycleChange {
  if (s.assigneeId === null && s.status !== 'resolved') {
    return { status: 'assigned', assigneeId: consultantId, transition: 'assigned' }
  }
  return { status: s.status, assigneeId: s.assigneeId, transition: null }
}
