// A report as CSV for LibreOffice and Excel with Polish settings: UTF-8 with a byte-order mark (so "ł" stays "ł"),
// `;` between fields (the comma is the decimal separator there), decimal commas, times in seconds, quotes doubled.
import type { Report, ReportFigures } from '../../protocol/reports.ts'

const BOM = '\uFEFF'
const COLUMNS: [keyof ReportFigures, string][] = [
  ['offered', 'Przyjęte'],
  ['answered', 'Odebrane'],
  ['abandoned', 'Porzucone'],
  ['shortAbandoned', 'Krótkie porzucenia'],
  ['abandonRate', 'Wskaźnik porzuceń (%)'],
  ['serviceLevel', 'Poziom obsługi (%)'],
  ['averageSpeedOfAnswerMs', 'Śr. czas odebrania (s)'],
  ['handled', 'Obsłużone'],
  ['averageHandlingMs', 'Śr. czas obsługi (s)'],
  ['firstResponseMedianMs', 'Pierwsza odpowiedź – mediana (s)'],
  ['firstResponseP90Ms', 'Pierwsza odpowiedź – p90 (s)'],
  ['resolved', 'Zamknięte'],
  ['resolutionMedianMs', 'Czas rozwiązania – mediana (s)'],
  ['resolutionP90Ms', 'Czas rozwiązania – p90 (s)'],
  ['transfers', 'Przekazania'],
  ['escalations', 'Eskalacje'],
  ['slaCompliance', 'Zgodność z SLA (%)'],
  ['slaBreaches', 'Przekroczenia SLA'],
  ['satisfactionAverage', 'Zadowolenie – średnia'],
  ['satisfactionAnswers', 'Zadowolenie – liczba ocen'],
]
const WEEKDAYS = ['poniedziałek', 'wtorek', 'środa', 'czwartek', 'piątek', 'sobota', 'niedziela']

export function cell(value: string | number | null): string {
  if (value === null) return ''
  const text = typeof value === 'number' ? String(Math.round(value * 100) / 100).replace('.', ',') : value
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function figureCells(f: ReportFigures): string[] {
  return COLUMNS.map(([key]) => {
    const v = f[key]
    if (v === null) return ''
    if (key === 'abandonRate' || key === 'serviceLevel' || key === 'slaCompliance') return cell(v * 100)
    if (key.endsWith('Ms')) return cell(v / 1000)
    return cell(v)
  })
}

const lines = (rows: string[][]) => BOM + rows.map((r) => r.join(';')).join('\r\n') + '\r\n'

export function reportCsv(report: Report, by: 'total' | 'queue' | 'channel' | 'consultant' | 'office' | 'hour' | 'weekday', channelName: (c: string) => string): string {
  if (by === 'consultant') {
    const head = ['Konsultant', 'Odebrane', 'Obsłużone', 'Śr. czas obsługi (s)', 'Pierwsze odpowiedzi', 'Pierwsza odpowiedź – mediana (s)', 'Zamknięte', 'Zadowolenie – średnia', 'Zadowolenie – liczba ocen']
    const secs = (v: number | null) => (v === null ? '' : cell(v / 1000))
    return lines([
      head,
      ...report.byConsultant.map((c) => [cell(c.name), cell(c.answered), cell(c.handled), secs(c.averageHandlingMs), cell(c.firstResponses), secs(c.firstResponseMedianMs), cell(c.resolved), cell(c.satisfactionAverage), cell(c.satisfactionAnswers)]),
    ])
  }
  if (by === 'office') {
    return lines([
      ['Urząd', 'Otrzymane eskalacje', 'Zwrócone', ...COLUMNS.map(([, label]) => label)],
      ...report.byOffice.map((o) => [cell(o.name), cell(o.received), cell(o.handedBack), ...figureCells(o)]),
    ])
  }
  if (by === 'hour' || by === 'weekday') {
    const head = [by === 'hour' ? 'Godzina' : 'Dzień tygodnia', 'Przyjęte', 'Odebrane', 'Porzucone', 'Poziom obsługi (%)']
    const rows = by === 'hour' ? report.byHour.map((h) => ({ name: `${String(h.hour).padStart(2, '0')}:00`, ...h })) : report.byWeekday.map((d) => ({ name: WEEKDAYS[d.weekday - 1]!, ...d }))
    return lines([head, ...rows.map((r) => [cell(r.name), cell(r.offered), cell(r.answered), cell(r.abandoned), r.serviceLevel === null ? '' : cell(r.serviceLevel * 100)])])
  }
  const first = by === 'queue' ? 'Kolejka' : by === 'channel' ? 'Kanał' : 'Zakres'
  const rows =
    by === 'queue'
      ? report.byQueue.map((q) => [cell(q.name), ...figureCells(q)])
      : by === 'channel'
        ? report.byChannel.map((c) => [cell(channelName(c.channel)), ...figureCells(c)])
        : [[cell(`${report.from} – ${report.to}`), ...figureCells(report.totals)]]
  return lines([[first, ...COLUMNS.map(([, label]) => label)], ...rows])
}
