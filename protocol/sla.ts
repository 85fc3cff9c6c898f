// Service levels on the wire: business calendars, SLA policies, and the clock state staff see on a conversation.
import { z } from 'zod'
import { ChannelKind } from './channel.ts'
import { Id } from './rest.ts'

export const WALL_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/
const OpeningWindow = z.object({
  start: z.string().regex(WALL_TIME, "'HH:mm' from 00:00 to 23:59"),
  end: z.string().regex(WALL_TIME, "'HH:mm' from 00:01 to 24:00"),
})
const Day = z.array(OpeningWindow).max(48).default([])

/** Opening hours: windows per ISO weekday (1 = Monday) in a time zone, minus Polish holidays and closed days. */
export const CalendarDefinition = z.object({
  timeZone: z.string().min(1).default('Europe/Warsaw'),
  alwaysOpen: z.boolean().default(false),
  week: z.object({ 1: Day, 2: Day, 3: Day, 4: Day, 5: Day, 6: Day, 7: Day }),
  polishHolidays: z.boolean().default(true),
  /** Whole local days closed ('YYYY-MM-DD'): an office's own closures, bridge days. */
  closedDates: z.array(z.string()).max(10_000).default([]),
})
export type CalendarDefinition = z.infer<typeof CalendarDefinition>

export const Calendar = z.object({ id: Id, name: z.string(), definition: CalendarDefinition })
export type Calendar = z.infer<typeof Calendar>
export const CalendarCreate = z.object({ name: z.string().trim().min(1).max(120), definition: CalendarDefinition })
export const CalendarPatch = CalendarCreate.partial()

export const SLA_CLOCKS = ['first_response', 'next_response', 'resolution'] as const
export type SlaClockKind = (typeof SLA_CLOCKS)[number]

export const BREACH_ACTIONS = ['notify', 'raise_priority', 'reroute'] as const
const target = z.int().min(1).max(365 * 24 * 3600).nullable()

export const SlaPolicy = z.object({
  id: Id,
  name: z.string(),
  /** Null: every queue without a policy of its own. */
  queueId: Id.nullable(),
  channelKind: ChannelKind.nullable(),
  /** From this priority up; null: any. */
  minPriority: z.int().nullable(),
  firstResponseSeconds: target,
  nextResponseSeconds: target,
  resolutionSeconds: target,
  /** Count the calendar's opening hours only (the queue's, or the office's once escalated); false: round the clock. */
  businessHours: z.boolean(),
  warnPercent: z.int().min(1).max(99),
  /** Staff are always told; `raise_priority` also adds `breachPriorityBoost`, `reroute` moves it to `rerouteQueueId`. */
  onBreach: z.enum(BREACH_ACTIONS),
  breachPriorityBoost: z.int().min(0).max(100),
  rerouteQueueId: Id.nullable(),
})
export type SlaPolicy = z.infer<typeof SlaPolicy>
const policyFields = SlaPolicy.omit({ id: true }).extend({ name: z.string().trim().min(1).max(120) })
export const SlaPolicyCreate = policyFields.extend({
  queueId: policyFields.shape.queueId.default(null),
  channelKind: policyFields.shape.channelKind.default(null),
  minPriority: policyFields.shape.minPriority.default(null),
  firstResponseSeconds: policyFields.shape.firstResponseSeconds.default(null),
  nextResponseSeconds: policyFields.shape.nextResponseSeconds.default(null),
  resolutionSeconds: policyFields.shape.resolutionSeconds.default(null),
  businessHours: policyFields.shape.businessHours.default(true),
  warnPercent: policyFields.shape.warnPercent.default(80),
  onBreach: policyFields.shape.onBreach.default('notify'),
  breachPriorityBoost: policyFields.shape.breachPriorityBoost.default(0),
  rerouteQueueId: policyFields.shape.rerouteQueueId.default(null),
})
export type SlaPolicyCreate = z.infer<typeof SlaPolicyCreate>
export const SlaPolicyPatch = policyFields.partial()
export type SlaPolicyPatch = z.infer<typeof SlaPolicyPatch>
