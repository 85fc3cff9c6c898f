// The store's side for routing administration and the supervisor's board (part of the Store port).
import type {
  AdminConsultant,
  AdminOffice,
  AdminQueue,
  EntryRule,
  EntryRuleCreate,
  EntryRulePatch,
  OfficeCreate,
  OfficePatch,
  PresenceReason,
  Disposition,
  QueueCreate,
  QueuePatch,
  Skill,
} from '../../protocol/admin.ts'
import type { ChannelKind } from '../../protocol/channel.ts'
import type { PresenceState } from '../../protocol/frames.ts'
import type { Role } from '../../protocol/channel.ts'
import type { EntryQueue, EntryRuleValue } from '../domain/routing/choose-entry.ts'

/** A write refused by the database: a unique key taken, or a row it points at missing. */
export type WriteResult<T> = { ok: true; value: T } | { ok: false; error: 'conflict' | 'not_found' }

export interface ConsultantUpdate {
  name?: string
  role?: Role
  officeId?: string | null
  capacity?: Partial<Record<ChannelKind, number>>
  skills?: string[]
  voiceExclusive?: boolean
  voiceTarget?: string | null
  queueIds?: string[]
  disabledAt?: Date | null
}

/** One waiting conversation on the board, with the raw values the board is built from. */
export interface BoardRow {
  conversationId: string
  contactId: string
  queueId: string
  contactName: string | null
  channelKind: ChannelKind
  status: 'queued' | 'offered'
  priority: number
  enqueuedAt: Date
  offeredTo: { id: string; name: string } | null
  requiredSkills: string[]
  lastMessageText: string | null
}

export interface BoardConsultant {
  id: string
  name: string
  presence: PresenceState
  presenceReason: string | null
  capacity: Partial<Record<ChannelKind, number>>
  queueIds: string[]
  load: Partial<Record<ChannelKind, number>>
}

export interface AdminStore {
  listAdminQueues(): Promise<AdminQueue[]>
  insertQueue(q: QueueCreate): Promise<WriteResult<AdminQueue>>
  patchQueue(id: string, p: QueuePatch): Promise<WriteResult<AdminQueue>>
  /** Refused (`in_use`) while conversations are open in it, it is a channel's default, or an office's queue. */
  deleteQueue(id: string): Promise<{ ok: true } | { ok: false; error: 'not_found' | 'in_use' }>

  listAdminOffices(): Promise<AdminOffice[]>
  /** With its second-line queue, named after it. */
  insertOffice(o: OfficeCreate): Promise<WriteResult<AdminOffice>>
  patchOffice(id: string, p: OfficePatch): Promise<WriteResult<AdminOffice>>

  listSkills(): Promise<Skill[]>
  insertSkill(s: Skill): Promise<WriteResult<Skill>>
  patchSkill(key: string, name: string): Promise<WriteResult<Skill>>
  /** Also taken off every consultant and queue that had it. */
  deleteSkill(key: string): Promise<boolean>

  listAdminConsultants(): Promise<AdminConsultant[]>
  updateConsultant(id: string, p: ConsultantUpdate): Promise<WriteResult<AdminConsultant>>

  listPresenceReasons(): Promise<PresenceReason[]>
  insertPresenceReason(r: PresenceReason): Promise<WriteResult<PresenceReason>>
  patchPresenceReason(code: string, p: Partial<Omit<PresenceReason, 'code'>>): Promise<WriteResult<PresenceReason>>
  listDispositions(): Promise<Disposition[]>
  insertDisposition(d: Disposition): Promise<WriteResult<Disposition>>
  patchDisposition(code: string, p: Partial<Omit<Disposition, 'code'>>): Promise<WriteResult<Disposition>>

  listEntryRules(): Promise<EntryRule[]>
  insertEntryRule(r: EntryRuleCreate): Promise<WriteResult<EntryRule>>
  patchEntryRule(id: string, p: EntryRulePatch): Promise<WriteResult<EntryRule>>
  deleteEntryRule(id: string): Promise<boolean>

  /** What entry decides over: the queues with their entry settings and the enabled rules. */
  entryContext(): Promise<{ queues: EntryQueue[]; rules: EntryRuleValue[] }>
  /** Waiting (queued or offered) conversations, oldest first within priority, and every enabled consultant with load. */
  boardRows(): Promise<{ waiting: BoardRow[]; consultants: BoardConsultant[] }>
  /** Conversations held or offered by this consultant, per channel kind. */
  consultantLoad(consultantId: string): Promise<Partial<Record<ChannelKind, number>>>
  /** When conversations of this queue were last assigned (since `since`, newest first, at most 100): the pace of the queue. */
  recentAssignments(queueId: string, since: Date): Promise<Date[]>
}
