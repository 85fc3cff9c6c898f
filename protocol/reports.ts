// Reports for a date range (GET /api/reports?from=YYYY-MM-DD&to=YYYY-MM-DD, days in Europe/Warsaw, both included):
// the same figures as the wallboard (docs/metrics.md) for the whole range, per queue, per channel kind, per hour of
// day and per day of week; and the same as CSV (GET /api/reports.csv?…&by=queue|channel|hour|weekday).
import { z } from 'zod'
import { CHANNEL_KINDS } from './channel.ts'

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
export const ReportQuery = z.object({ from: day, to: day })
export const ReportCsvQuery = ReportQuery.extend({ by: z.enum(['total', 'queue', 'channel', 'consultant', 'office', 'hour', 'weekday']).default('queue') })

const ms = z.int().nonnegative().nullable()
const share = z.number().min(0).max(1).nullable()

export const ReportFigures = z.object({
  offered: z.int().nonnegative(),
  answered: z.int().nonnegative(),
  abandoned: z.int().nonnegative(),
  shortAbandoned: z.int().nonnegative(),
  abandonRate: share,
  serviceLevel: share,
  averageSpeedOfAnswerMs: ms,
  handled: z.int().nonnegative(),
  averageHandlingMs: ms,
  firstResponseMedianMs: ms,
  firstResponseP90Ms: ms,
  resolved: z.int().nonnegative(),
  resolutionMedianMs: ms,
  resolutionP90Ms: ms,
  transfers: z.int().nonnegative(),
  escalations: z.int().nonnegative(),
  /** SLA clocks fulfilled within target ÷ fulfilled (first response, next response, resolution). */
  slaCompliance: share,
  slaBreaches: z.int().nonnegative(),
  satisfactionAverage: z.number().nullable(),
  satisfactionAnswers: z.int().nonnegative(),
})
export type ReportFigures = z.infer<typeof ReportFigures>

export const Report = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  generatedAt: z.iso.datetime({ offset: true }),
  totals: ReportFigures,
  byQueue: z.array(ReportFigures.extend({ id: z.string(), name: z.string() })),
  byChannel: z.array(ReportFigures.extend({ channel: z.enum(CHANNEL_KINDS) })),
  /** Who answered, handled and resolved what (the consultant who had a conversation when it ended). */
  byConsultant: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      answered: z.int(),
      handled: z.int(),
      averageHandlingMs: ms,
      firstResponses: z.int(),
      firstResponseMedianMs: ms,
      resolved: z.int(),
      satisfactionAverage: z.number().nullable(),
      satisfactionAnswers: z.int(),
    }),
  ),
  /** The local offices: escalations they received and handed back, and their second-line queue's figures. */
  byOffice: z.array(ReportFigures.extend({ id: z.string(), name: z.string(), received: z.int(), handedBack: z.int() })),
  /** 0–23, Warsaw time: what entered the queues in that hour, over the whole range. */
  byHour: z.array(z.object({ hour: z.int().min(0).max(23), offered: z.int(), answered: z.int(), abandoned: z.int(), serviceLevel: share })),
  /** 1 = Monday … 7 = Sunday, Warsaw time. */
  byWeekday: z.array(z.object({ weekday: z.int().min(1).max(7), offered: z.int(), answered: z.int(), abandoned: z.int(), serviceLevel: share })),
})
export type Report = z.infer<typeof Report>

/** The longest range one report covers. */
export const MAX_REPORT_DAYS = 366
