// Administration of routing (queues, offices, skills, consultants' capacity, presence reasons, entry rules) and the
// supervisor's queue board. Zod schemas: validated by the hub, described in the OpenAPI document, typed in the console.
import { z } from 'zod'
import { CHANNEL_KINDS, ChannelKind, Role } from './channel.ts'
import { PRESENCE_STATES } from './frames.ts'
import { Id } from './rest.ts'

const name = z.string().trim().min(1).max(120)
/** Lower-case keys used in URLs and rules: `eures`, `jezyk-uk`. */
export const Key = z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and hyphens (1–40)')
/** TERYT voivodeship (2 digits) or county (4 digits) code. */
export const Teryt = z.string().regex(/^\d{2}(\d{2})?$/, 'a TERYT voivodeship (2 digits) or county (4 digits) code')
/** Languages entry rules can match (ISO 639-1), detected from the first message or the widget's language. */
export const LANGUAGES = ['pl', 'en', 'uk', 'ru'] as const
export const Language = z.enum(LANGUAGES)
export type Language = z.infer<typeof Language>

export const Skill = z.object({ key: Key, name })
export type Skill = z.infer<typeof Skill>
export const SkillPatch = z.object({ name })

export const QUEUE_LINES = ['first_line', 'second_line'] as const
const seconds = (max: number) => z.int().min(5).max(max)

export const AdminQueue = z.object({
  id: Id,
  name: z.string(),
  line: z.enum(QUEUE_LINES),
  /** Second-line queues belong to one office. */
  officeId: Id.nullable(),
  /** Offered in the widget's pre-chat form under this key; null: not offered. */
  topic: Key.nullable(),
  /** Word beginnings that send a first message without a topic here (Polish inflection: `zasil` → zasiłek, zasiłku). */
  keywords: z.array(z.string()),
  /** IVR digits that send a call here (voice). */
  ivrDigits: z.string().nullable(),
  /** Higher is served first; a conversation entering the queue starts with this priority. */
  priority: z.int(),
  /** Skills every consultant taking a conversation from this queue must have. */
  requiredSkills: z.array(Key),
  autoAccept: z.boolean(),
  /** Seconds to accept an offer; null: 30 for written channels, 20 for voice. */
  offerTimeoutSeconds: z.int().nullable(),
  overflowQueueId: Id.nullable(),
  overflowAfterSeconds: z.int().nullable(),
  /** Opening hours for its SLA clocks; null: the default calendar. */
  calendarId: Id.nullable(),
  memberIds: z.array(Id),
})
export type AdminQueue = z.infer<typeof AdminQueue>

const queueFields = {
  name,
  line: z.enum(QUEUE_LINES),
  officeId: Id.nullable(),
  topic: Key.nullable(),
  keywords: z.array(z.string().trim().min(3).max(40)).max(50),
  ivrDigits: z.string().regex(/^[0-9]{1,4}$/, '1–4 digits').nullable(),
  priority: z.int().min(-100).max(100),
  requiredSkills: z.array(Key).max(20),
  autoAccept: z.boolean(),
  offerTimeoutSeconds: seconds(600).nullable(),
  overflowQueueId: Id.nullable(),
  overflowAfterSeconds: seconds(86_400).nullable(),
  calendarId: Id.nullable(),
  memberIds: z.array(Id).max(2000),
}
export const QueueCreate = z.object({
  ...queueFields,
  line: queueFields.line.default('first_line'),
  officeId: queueFields.officeId.default(null),
  topic: queueFields.topic.default(null),
  keywords: queueFields.keywords.default([]),
  ivrDigits: queueFields.ivrDigits.default(null),
  priority: queueFields.priority.default(0),
  requiredSkills: queueFields.requiredSkills.default([]),
  autoAccept: queueFields.autoAccept.default(false),
  offerTimeoutSeconds: queueFields.offerTimeoutSeconds.default(null),
  overflowQueueId: queueFields.overflowQueueId.default(null),
  overflowAfterSeconds: queueFields.overflowAfterSeconds.default(null),
  calendarId: queueFields.calendarId.default(null),
  memberIds: queueFields.memberIds.default([]),
})
export type QueueCreate = z.infer<typeof QueueCreate>
export const QueuePatch = z.object(queueFields).partial()
export type QueuePatch = z.infer<typeof QueuePatch>

export const AdminOffice = z.object({
  id: Id,
  name: z.string(),
  regions: z.array(z.string()),
  email: z.string().nullable(),
  queueId: Id.nullable(),
  /** Opening hours for the SLA clocks of conversations escalated here; null: the default calendar. */
  calendarId: Id.nullable(),
})
export type AdminOffice = z.infer<typeof AdminOffice>
const officeFields = { name, regions: z.array(Teryt).max(400), email: z.email().nullable(), calendarId: Id.nullable() }
/** Creating an office also creates its second-line queue. */
export const OfficeCreate = z.object({
  ...officeFields,
  regions: officeFields.regions.default([]),
  email: officeFields.email.default(null),
  calendarId: officeFields.calendarId.default(null),
})
export type OfficeCreate = z.infer<typeof OfficeCreate>
export const OfficePatch = z.object(officeFields).partial()
export type OfficePatch = z.infer<typeof OfficePatch>

const capacityValue = z.int().min(0).max(50)
/** Conversations at once per channel kind; every kind is present in answers. */
export const Capacity = z.object(Object.fromEntries(CHANNEL_KINDS.map((k) => [k, capacityValue])) as Record<(typeof CHANNEL_KINDS)[number], typeof capacityValue>)
export type Capacity = z.infer<typeof Capacity>

export const AdminConsultant = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: Role,
  officeId: Id.nullable(),
  presence: z.enum(PRESENCE_STATES),
  presenceReason: z.string().nullable(),
  presenceSince: z.iso.datetime({ offset: true }).nullable(),
  capacity: Capacity,
  skills: z.array(Key),
  /** Nothing else is offered during a call. */
  voiceExclusive: z.boolean(),
  /** Where calls are put through: an E.164 number or a SIP address; null: calls cannot reach this consultant. */
  voiceTarget: z.string().nullable(),
  queueIds: z.array(Id),
  disabled: z.boolean(),
})
export type AdminConsultant = z.infer<typeof AdminConsultant>

export const ConsultantCreate = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  name,
  role: Role.default('consultant'),
  password: z.string().min(12, 'at least 12 characters').max(1024),
})
export type ConsultantCreate = z.infer<typeof ConsultantCreate>
/** Supervisors may change routing fields (capacity, skills, queues, voice); role, office, name and disabling need an admin. */
export const ConsultantPatch = z
  .object({
    name,
    role: Role,
    officeId: Id.nullable(),
    capacity: z.partialRecord(ChannelKind, capacityValue),
    skills: z.array(Key).max(50),
    voiceExclusive: z.boolean(),
    voiceTarget: z
      .string()
      .trim()
      .regex(/^(\+[1-9]\d{6,14}|sip:[^\s@]+@[A-Za-z0-9.-]+(:\d+)?)$/, 'an E.164 number (+48…) or a SIP address (sip:user@host)')
      .nullable(),
    queueIds: z.array(Id).max(200),
    disabled: z.boolean(),
  })
  .partial()
export type ConsultantPatch = z.infer<typeof ConsultantPatch>

/** Reasons a consultant gives for a presence other than available (break: lunch, coffee; training: quiz…). */
export const PresenceReason = z.object({
  code: Key,
  presence: z.enum(PRESENCE_STATES).exclude(['available']),
  labelPl: name,
  labelEn: name,
  active: z.boolean(),
})
export type PresenceReason = z.infer<typeof PresenceReason>
export const PresenceReasonCreate = PresenceReason.extend({ active: z.boolean().default(true) })
export const PresenceReasonPatch = PresenceReason.omit({ code: true }).partial()

/** How a call ended, picked at the wrap-up; supervisors keep the list (retired codes stay for old calls' labels). */
export const Disposition = z.object({
  code: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'a code: a–z, 0–9, _ and -'),
  labelPl: name,
  labelEn: name,
  active: z.boolean(),
  position: z.int().min(0).max(1000),
})
export type Disposition = z.infer<typeof Disposition>
export const DispositionCreate = Disposition.extend({ active: z.boolean().default(true), position: z.int().min(0).max(1000).default(0) })
export const DispositionPatch = Disposition.omit({ code: true }).partial()

/**
 * An entry rule: when a new conversation matches every condition given (channel kind, language, a keyword), it gets
 * the actions: a queue (unless the citizen picked a topic; the first matching rule with a queue wins), a priority
 * boost and a required skill (all matching rules add up).
 */
export const EntryRule = z.object({
  id: Id,
  name,
  position: z.int().min(0),
  enabled: z.boolean(),
  channelKind: ChannelKind.nullable(),
  language: Language.nullable(),
  keywords: z.array(z.string().trim().min(3).max(40)).max(50),
  queueId: Id.nullable(),
  priorityBoost: z.int().min(-100).max(100),
  skill: Key.nullable(),
})
export type EntryRule = z.infer<typeof EntryRule>
const ruleFields = EntryRule.omit({ id: true })
export const EntryRuleCreate = ruleFields.extend({
  position: ruleFields.shape.position.default(0),
  enabled: ruleFields.shape.enabled.default(true),
  channelKind: ruleFields.shape.channelKind.default(null),
  language: ruleFields.shape.language.default(null),
  keywords: ruleFields.shape.keywords.default([]),
  queueId: ruleFields.shape.queueId.default(null),
  priorityBoost: ruleFields.shape.priorityBoost.default(0),
  skill: ruleFields.shape.skill.default(null),
})
export type EntryRuleCreate = z.infer<typeof EntryRuleCreate>
export const EntryRulePatch = ruleFields.partial()
export type EntryRulePatch = z.infer<typeof EntryRulePatch>

/** GET /api/me/routing: the signed-in consultant's own presence, capacity and what they hold now. */
export const MyRouting = z.object({
  presence: z.enum(PRESENCE_STATES),
  presenceReason: z.string().nullable(),
  capacity: Capacity,
  load: z.partialRecord(ChannelKind, z.int()),
  skills: z.array(z.string()),
  queueIds: z.array(Id),
})
export type MyRouting = z.infer<typeof MyRouting>

// Supervisor's queue board: GET /api/supervisor/queues. Assign by hand with POST /api/conversations/{id}/assign.
export const BoardWaiting = z.object({
  conversationId: Id,
  contactId: Id,
  contactName: z.string().nullable(),
  channelKind: ChannelKind,
  status: z.enum(['queued', 'offered']),
  priority: z.int(),
  enqueuedAt: z.iso.datetime({ offset: true }),
  /** Who it is offered to right now. */
  offeredTo: z.object({ id: Id, name: z.string() }).nullable(),
  requiredSkills: z.array(z.string()),
  lastMessageText: z.string().nullable(),
})
export type BoardWaiting = z.infer<typeof BoardWaiting>
export const BoardMember = z.object({
  id: Id,
  name: z.string(),
  presence: z.enum(PRESENCE_STATES),
  presenceReason: z.string().nullable(),
  /** Conversations held or offered per channel kind, and the capacity for each. */
  load: z.partialRecord(ChannelKind, z.int()),
  capacity: Capacity,
})
export type BoardMember = z.infer<typeof BoardMember>
export const BoardQueue = z.object({
  id: Id,
  name: z.string(),
  line: z.enum(QUEUE_LINES),
  officeId: Id.nullable(),
  /** Oldest first within priority, as routing serves them. */
  waiting: z.array(BoardWaiting),
  members: z.array(BoardMember),
})
export type BoardQueue = z.infer<typeof BoardQueue>
export const QueueBoard = z.object({ generatedAt: z.iso.datetime({ offset: true }), queues: z.array(BoardQueue) })
export type QueueBoard = z.infer<typeof QueueBoard>

/** A supervisor sets a consultant's presence (POST /api/supervisor/consultants/{id}/presence), e.g. one who left. */
export const SupervisorPresenceBody = z.object({ state: z.enum(PRESENCE_STATES), reason: z.string().trim().min(1).max(100).optional() })
export type SupervisorPresenceBody = z.infer<typeof SupervisorPresenceBody>
