import { describe, expect, it } from 'vitest'
import { cell } from './report-csv.ts'
import { reportPeriod } from './reports.ts'

describe('report CSV and ranges', () => {
  it('quotes what needs quoting and writes decimal commas', () => {
    expect(cell('Kolejka "Zasiłki"; pilne')).toBe('"Kolejka ""Zasiłki""; pilne"')
    expect(cell(33.333333)).toBe('33,33')
    expect(cell(null)).toBe('')
  })
  it('reads whole days in Warsaw, both included', () => {
    expect(reportPeriod('2026-12-01', '2026-12-01')).toEqual({ from: Date.parse('2026-11-30T23:00:00Z'), to: Date.parse('2026-12-01T23:00:00Z') })
    // Across the October clock change: 25 hours in that day.
    const p = reportPeriod('2026-10-25', '2026-10-25')!
    expect(p.to - p.from).toBe(25 * 3_600_000)
    expect(reportPeriod('2026-12-02', '2026-12-01')).toBeNull()
    expect(reportPeriod('2026-02-30', '2026-03-01')).toBeNull()
  })
})
