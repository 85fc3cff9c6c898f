// Who may see which conversation: second-line staff only their own office's; first line, supervisors and admins all.
import type { Role } from '../../protocol/channel.ts'

export interface Viewer {
  role: Role
  officeId: string | null
}

/** 'all', one office id, or null for nothing at all (second line without an office). */
export type OfficeScope = 'all' | string | null

export function officeScope(v: Viewer): OfficeScope {
  return v.role === 'second_line' ? v.officeId : 'all'
}

export function canSeeConversation(v: Viewer, conv: { officeId: string | null }): boolean {
  const scope = officeScope(v)
  return scope === 'all' || (scope !== null && conv.officeId === scope)
}
