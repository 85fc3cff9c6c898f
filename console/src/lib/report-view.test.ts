// How the reports page names hours and weekdays and what its charts summarise.
import { describe, expect, it } from 'vitest'
import type { Report } from '$protocol/reports.ts'
import { busiest, count, hourRows, hourSpan, sums, weekdayName, weekdayRows } from './report-view.ts'

const slice = { answered: 0, abandoned: 0, serviceLevel: null }
const report = {
  byHour: [
    { hour: 9, offered: 4, ...slice, answered: 3 },
    { hour: 8, offered: 6, ...slice, abandoned: 1 },
  ],
  byWeekday: [
    { weekday: 7, offered: 0, ...slice },
    { weekday: 1, offered: 10, ...slice },
  ],
} as unknown as Report

describe('report view', () => {
  it('names hours and weekdays (1 = Monday) in the language', () => {
    expect(hourSpan(8)).toBe('08:00–09:00')
    expect(hourSpan(23)).toBe('23:00–00:00')
    expect(weekdayName(1, 'pl')).toBe('poniedziałek')
    expect(weekdayName(7, 'en')).toBe('Sunday')
    expect(weekdayName(3, 'en', 'short')).toBe('Wed')
    expect(count(12345, 'pl')).toBe('12\u00a0345')
    expect(count(12345, 'en')).toBe('12,345')
  })

  it('orders the chart rows and finds the busiest and the sums', () => {
    const hours = hourRows(report)
    expect(hours.map((h) => h.label)).toEqual(['08', '09'])
    expect(busiest(hours)?.name).toBe('08:00–09:00')
    expect(sums(hours)).toEqual({ offered: 10, answered: 3, abandoned: 1 })
    const days = weekdayRows(report, 'pl')
    expect(days.map((d) => d.name)).toEqual(['poniedziałek', 'niedziela'])
    expect(busiest([{ ...days[1]! }])).toBeNull()
  })
})
