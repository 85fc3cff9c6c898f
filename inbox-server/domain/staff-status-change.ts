// Which status changes a consultant may make by hand: resolve, or set pending (waiting for the citizen).
import type { ConversationStatus } from '../../protocol/channel.ts'

export const STAFF_STATUS_TARGETS = ['resolved', 'pending'] as const
export type StaffStatusTarget = (typeof STAFF_STATUS_TARGETS)[number]

export type StatusChange = { ok: true; status: StaffStatusTarget } | { ok: false; error: 'no_change' | 'not_allowed' }

export function staffChangesStatus(current: ConversationStatus, target: StaffStatusTarget): StatusChange {
  if (current === target) return { ok: false, error: 'no_change' }
  // A resolved conversation reopens when the citizen writes; pending is for one someone is answering.
  if (target === 'pending' && current === 'resolved') return { ok: false, error: 'not_allowed' }
  return { ok: true, status: target }
}
