// The supervisors' live wallboard (GET /api/supervisor/wallboard, and pushed over the staff socket to those who
// watch it): today's figures per queue and per channel kind, who waits now, consultants' states and the offices'
// open escalations. The figures come from the same functions as the reports (docs/metrics.md).
import { z } from 'zod'
import { CHANNEL_KINDS } from './channel.ts'

const ms = z.int().nonnegative().nullable()
const share = z.number().min(0).max(1).nullable()

export const BoardFigures = z.object({
  waiting: z.int().nonnegative(),
  longestWaitMs: ms,
  offered: z.int().nonnegative(),
  answered: z.int().nonnegative(),
  abandoned: z.int().nonnegative(),
  shortAbandoned: z.int().nonnegative(),
  abandonRate: share,
  /** Answered within the queue's target ÷ (answered + abandoned). */
  serviceLevel: share,
  averageSpeedOfAnswerMs: ms,
  averageHandlingMs: ms,
  slaBreaches: z.int().nonnegative(),
  satisfaction: z.number().nullable(),
  satisfactionAnswers: z.int().nonnegative(),
})
export type BoardFigures = z.infer<typeof BoardFigures>

export const WallboardConsultant = z.object({
  id: z.string(),
  name: z.string(),
  /** available, busy, break, after_call_work, training, offline, or not_responding (an offer rang out). */
  state: z.string(),
  reason: z.string().nullable(),
  since: z.iso.datetime({ offset: true }).nullable(),
  /** Conversations held now per channel kind. */
  load: z.partialRecord(z.enum(CHANNEL_KINDS), z.int()),
})
export type WallboardConsultant = z.infer<typeof WallboardConsultant>

export const Wallboard = z.object({
  generatedAt: z.iso.datetime({ offset: true }),
  /** Today in Europe/Warsaw, from midnight. */
  from: z.iso.datetime({ offset: true }),
  totals: BoardFigures,
  queues: z.array(BoardFigures.extend({ id: z.string(), name: z.string() })),
  channels: z.array(BoardFigures.extend({ channel: z.enum(CHANNEL_KINDS) })),
  consultants: z.array(WallboardConsultant),
  offices: z.array(z.object({ id: z.string(), name: z.string(), openEscalations: z.int().nonnegative() })),
})
export type Wallboard = z.infer<typeof Wallboard>
