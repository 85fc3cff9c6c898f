// How the reports page names and writes things: counts with the language's grouping, hours of the day as
// "08:00–09:00", days of the week by name (1 = Monday), and the rows a chart and its data table share.
import type { Report, ReportFigures } from '$protocol/reports.ts'
import type { MessageKey } from './i18n.ts'
import { duration, percent, score } from './wallboard-format.ts'

export interface ChartRow {
  key: string
  /** The bar's label under the axis (short). */
  label: string
  /** The row's name in the data table (full). */
  name: string
  offered: number
  answered: number
  abandoned: number
  serviceLevel: number | null
}

export function count(n: number, lang: string): string {
  return new Intl.NumberFormat(lang).format(n)
}

const two = (n: number) => String(n).padStart(2, '0')

export function hourSpan(hour: number): string {
  return `${two(hour)}:00–${two((hour + 1) % 24)}:00`
}

/** 1 = Monday … 7 = Sunday; 1 January 2024 was a Monday. */
export function weekdayName(weekday: number, lang: string, width: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(lang, { weekday: width, timeZone: 'UTC' }).format(Date.UTC(2024, 0, weekday))
}

export function hourRows(report: Report): ChartRow[] {
  return [...report.byHour]
    .sort((a, b) => a.hour - b.hour)
    .map((h) => ({ key: `h${h.hour}`, label: two(h.hour), name: hourSpan(h.hour), offered: h.offered, answered: h.answered, abandoned: h.abandoned, serviceLevel: h.serviceLevel }))
}

export function weekdayRows(report: Report, lang: string): ChartRow[] {
  return [...report.byWeekday]
    .sort((a, b) => a.weekday - b.weekday)
    .map((d) => ({
      key: `d${d.weekday}`,
      label: weekdayName(d.weekday, lang, 'short'),
      name: weekdayName(d.weekday, lang),
      offered: d.offered,
      answered: d.answered,
      abandoned: d.abandoned,
      serviceLevel: d.serviceLevel,
    }))
}

/** The busiest row by offered (the first of equals), or null when nothing was offered. */
export function busiest(rows: readonly ChartRow[]): ChartRow | null {
  let best: ChartRow | null = null
  for (const row of rows) if (row.offered > 0 && (!best || row.offered > best.offered)) best = row
  return best
}

export function sums(rows: readonly ChartRow[]): { offered: number; answered: number; abandoned: number } {
  return rows.reduce((s, r) => ({ offered: s.offered + r.offered, answered: s.answered + r.answered, abandoned: s.abandoned + r.abandoned }), { offered: 0, answered: 0, abandoned: 0 })
}

/** The figures of a ReportFigures, in the order of the tiles, the table columns and the hub's CSV. */
export const FIGURES = [
  { key: 'offered', label: 'reports.f.offered', value: (f, lang) => count(f.offered, lang) },
  { key: 'answered', label: 'reports.f.answered', value: (f, lang) => count(f.answered, lang) },
  { key: 'abandoned', label: 'reports.f.abandoned', value: (f, lang) => count(f.abandoned, lang) },
  { key: 'shortAbandoned', label: 'reports.f.shortAbandoned', value: (f, lang) => count(f.shortAbandoned, lang) },
  { key: 'abandonRate', label: 'reports.f.abandonRate', value: (f, lang) => percent(f.abandonRate, lang) },
  { key: 'serviceLevel', label: 'reports.f.serviceLevel', value: (f, lang) => percent(f.serviceLevel, lang) },
  { key: 'asa', label: 'reports.f.asa', value: (f) => duration(f.averageSpeedOfAnswerMs) },
  { key: 'handled', label: 'reports.f.handled', value: (f, lang) => count(f.handled, lang) },
  { key: 'aht', label: 'reports.f.aht', value: (f) => duration(f.averageHandlingMs) },
  { key: 'frtMedian', label: 'reports.f.frtMedian', value: (f) => duration(f.firstResponseMedianMs) },
  { key: 'frtP90', label: 'reports.f.frtP90', value: (f) => duration(f.firstResponseP90Ms) },
  { key: 'resolved', label: 'reports.f.resolved', value: (f, lang) => count(f.resolved, lang) },
  { key: 'resolutionMedian', label: 'reports.f.resolutionMedian', value: (f) => duration(f.resolutionMedianMs) },
  { key: 'resolutionP90', label: 'reports.f.resolutionP90', value: (f) => duration(f.resolutionP90Ms) },
  { key: 'transfers', label: 'reports.f.transfers', value: (f, lang) => count(f.transfers, lang) },
  { key: 'escalations', label: 'reports.f.escalations', value: (f, lang) => count(f.escalations, lang) },
  { key: 'slaCompliance', label: 'reports.f.slaCompliance', value: (f, lang) => percent(f.slaCompliance, lang) },
  { key: 'slaBreaches', label: 'reports.f.slaBreaches', value: (f, lang) => count(f.slaBreaches, lang) },
  { key: 'satisfaction', label: 'reports.f.satisfaction', value: (f, lang) => `${score(f.satisfactionAverage, lang)} (${count(f.satisfactionAnswers, lang)})` },
] as const satisfies readonly { key: string; label: MessageKey; value: (f: ReportFigures, lang: string) => string }[]

/** The definitions under the report, each naming the figures it explains. */
export const DEFINITIONS: readonly { terms: readonly MessageKey[]; help: MessageKey }[] = [
  { terms: ['reports.f.offered'], help: 'reports.help.offered' },
  { terms: ['reports.f.answered'], help: 'reports.help.answered' },
  { terms: ['reports.f.abandoned'], help: 'reports.help.abandoned' },
  { terms: ['reports.f.shortAbandoned'], help: 'reports.help.shortAbandoned' },
  { terms: ['reports.f.abandonRate'], help: 'reports.help.abandonRate' },
  { terms: ['reports.f.serviceLevel'], help: 'reports.help.serviceLevel' },
  { terms: ['reports.f.asa'], help: 'reports.help.asa' },
  { terms: ['reports.f.handled'], help: 'reports.help.handled' },
  { terms: ['reports.f.aht'], help: 'reports.help.aht' },
  { terms: ['reports.f.frtMedian', 'reports.f.frtP90'], help: 'reports.help.frt' },
  { terms: ['reports.f.resolved'], help: 'reports.help.resolved' },
  { terms: ['reports.f.resolutionMedian', 'reports.f.resolutionP90'], help: 'reports.help.resolution' },
  { terms: ['reports.f.transfers'], help: 'reports.help.transfers' },
  { terms: ['reports.f.escalations'], help: 'reports.help.escalations' },
  { terms: ['reports.f.satisfaction'], help: 'reports.help.satisfaction' },
]
