// The store's side of service levels: calendars, policies, each conversation's clocks and the timers they arm.
import type { Calendar, SlaPolicy, SlaPolicyCreate, SlaPolicyPatch } from '../../protocol/sla.ts'
import type { WriteResult } from './admin-ports.ts'
import type { ConversationRecord } from './ports.ts'

/** What is stored on a conversation: the clocks (domain/sla) and the policy and calendar they were started under. */
export interface StoredSla {
  clocks: Record<string, unknown>
  policyId: string | null
}

export interface SlaColumns {
  sla: StoredSla | null
  slaDueAt: Date | null
  slaBreached: boolean
  slaFireAt: Date | null
}

export interface SlaStore {
  listCalendars(): Promise<Calendar[]>
  insertCalendar(c: Omit<Calendar, 'id'>): Promise<WriteResult<Calendar>>
  patchCalendar(id: string, p: Partial<Omit<Calendar, 'id'>>): Promise<WriteResult<Calendar>>
  /** Refused (`in_use`) while a queue or an office uses it. */
  deleteCalendar(id: string): Promise<{ ok: true } | { ok: false; error: 'not_found' | 'in_use' }>
  /** Which calendar each queue and office keeps (ids; absent: the default calendar). */
  calendarAssignments(): Promise<{ queues: Map<string, string>; offices: Map<string, string> }>

  listSlaPolicies(): Promise<SlaPolicy[]>
  insertSlaPolicy(p: SlaPolicyCreate): Promise<WriteResult<SlaPolicy>>
  patchSlaPolicy(id: string, p: SlaPolicyPatch): Promise<WriteResult<SlaPolicy>>
  deleteSlaPolicy(id: string): Promise<boolean>

  /** Every conversation with an SLA timer to come, or only those due by `dueBy`. */
  slaTimers(dueBy?: Date): Promise<{ conversationId: string; fireAt: Date }[]>
}

export interface SlaTxStore {
  /**
   * Locks the rows of these conversations and reads their clocks with them, in one statement (the SLA timer's hot
   * path); rows another transaction holds are skipped, not waited for. Conversations that do not exist are left out.
   */
  lockConversationsWithSla(ids: readonly string[]): Promise<{ conv: ConversationRecord; sla: { stored: StoredSla | null; fireAt: Date | null } }[]>
  /** The stored clocks of a conversation whose row this transaction holds, and its next stored deadline. */
  readSla(conversationId: string): Promise<{ stored: StoredSla | null; fireAt: Date | null }>
  writeSla(conversationId: string, c: SlaColumns): Promise<void>
}
