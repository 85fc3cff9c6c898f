// Which status changes a consultant may make by hand: resolve; set pending (waiting for the citizen); snooze until a
// time; open (reopen a resolved conversation as theirs, or wake a pending or snoozed one). Pure; time passed in.
import type { ConversationStatus } from '../../protocol/channel.ts'

export type StaffStatusTarget = { status: 'resolved' } | { status: 'pending' } | { status: 'open' } | { status: 'snoozed'; until: Date }

/** How far ahead a snooze may reach. */
export const MAX_SNOOZE_MS = 90 * 86_400_000

export type StatusTransition = 'resolved' | 'pending' | 'snoozed' | 'reopened' | 'woke'

export type StatusChange =
  | { ok: true; status: ConversationStatus; assigneeId: string | null; snoozedUntil: Date | null; transition: StatusTransition }
  | { ok: false; error: 'no_change' | 'not_allowed' | 'bad_time' }

export function staffChangesStatus(
  current: { status: ConversationStatus; assigneeId: string | null },
  target: StaffStatusTarget,
  by: string,
  now: Date,
): StatusChange {
  const keep = { assigneeId: current.assigneeId, snoozedUntil: null }
  switch (target.status) {
    case 'resolved':
      return current.status === 'resolved' ? { ok: false, error: 'no_change' } : { ok: true, status: 'resolved', ...keep, transition: 'resolved' }
    case 'pending':
      if (current.status === 'pending') return { ok: false, error: 'no_change' }
      // A resolved conversation reopens when the citizen writes; pending is for one someone is answering.
      if (current.status === 'resolved') return { ok: false, error: 'not_allowed' }
      return { ok: true, status: 'pending', ...keep, transition: 'pending' }
    case 'snoozed': {
      if (current.status === 'resolved') return { ok: false, error: 'not_allowed' }
      const ahead = target.until.getTime() - now.getTime()
      if (!(ahead > 0 && ahead <= MAX_SNOOZE_MS)) return { ok: false, error: 'bad_time' }
      // Snoozing again moves the wake-up time.
      return { ok: true, status: 'snoozed', assigneeId: current.assigneeId, snoozedUntil: target.until, transition: 'snoozed' }
    }
    case 'open':
      // Reopened by hand: the consultant who reopens it has it.
      if (current.status === 'resolved') return { ok: true, status: 'assigned', assigneeId: by, snoozedUntil: null, transition: 'reopened' }
      if (current.status === 'pending' || current.status === 'snoozed') return wake(current)
      return { ok: false, error: 'no_change' }
  }
}

/** A pending or snoozed conversation back to work: with its assignee, or waiting in its queue. */
export function wake(current: { assigneeId: string | null }): StatusChange {
  return { ok: true, status: current.assigneeId ? 'assigned' : 'queued', assigneeId: current.assigneeId, snoozedUntil: null, transition: 'woke' }
}
