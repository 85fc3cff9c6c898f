// Who may see and change what in the console: admins everything, supervisors the board, every admin list, a
// consultant's routing fields, labels and canned responses; consultants and the second line none of it.
import type { Role } from '$protocol/channel.ts'

type MaybeRole = Role | string | null | undefined

export function canAdminister(role: MaybeRole): boolean {
  return role === 'admin'
}

/** The supervisor's board and reading every admin list. */
export function canSupervise(role: MaybeRole): boolean {
  return role === 'admin' || role === 'supervisor'
}

/** Labels and canned responses: kept by supervisors as well as administrators (the hub allows both). */
export function canKeepWorkflowLists(role: MaybeRole): boolean {
  return role === 'admin' || role === 'supervisor'
}

/** Capacity, skills, queues and voice-exclusive: the fields a supervisor may change on a consultant. */
export const ROUTING_FIELDS = ['capacity', 'skills', 'queueIds', 'voiceExclusive'] as const
