// Unit tests for the calendar and SLA policy forms: weeks edited and summed up, closed days, problems renamed, targets.
import { describe, expect, it } from 'vitest'
import {
  addDate,
  calendarProblem,
  editableWeek,
  officeWeek,
  summarizeCalendar,
  summarizeWeek,
  targetInput,
  targetSeconds,
  tidyTime,
  weekBody,
  type Weekday,
} from './sla-form.ts'

const short = (d: Weekday) => ['pn', 'wt', 'śr', 'czw', 'pt', 'sob', 'nd'][d - 1]!

describe('calendar form', () => {
  it('sums a week up, running days with the same hours together', () => {
    const week = officeWeek()
    expect(summarizeWeek(week, short)).toBe('pn–pt 08:00–16:00')
    week[6] = [{ start: '09:00', end: '13:00' }]
    week[3] = [
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ]
    expect(summarizeWeek(week, short)).toBe('pn–wt 08:00–16:00; śr 08:00–12:00, 13:00–18:00; czw–pt 08:00–16:00; sob 09:00–13:00')
    expect(summarizeWeek(editableWeek(undefined), short)).toBe('')
    const definition = { timeZone: 'Europe/Warsaw', alwaysOpen: true, week: editableWeek(undefined), polishHolidays: false, closedDates: [] }
    expect(summarizeCalendar(definition, short, 'całą dobę', 'nigdy')).toBe('całą dobę')
    expect(summarizeCalendar({ ...definition, alwaysOpen: false }, short, 'całą dobę', 'nigdy')).toBe('nigdy')
  })

  it('sends every day in order, times tidied and windows sorted', () => {
    const week = editableWeek({ 2: [{ start: '13:00', end: '17:00' }, { start: '8:00', end: '12:00' }] })
    const body = weekBody(week)
    expect(Object.keys(body)).toEqual(['1', '2', '3', '4', '5', '6', '7'])
    expect(body[2]).toEqual([
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ])
    expect(tidyTime(' 24:00 ')).toBe('24:00')
  })

  it('keeps closed days sorted and unique', () => {
    expect(addDate(['2026-05-04'], '2026-01-02')).toEqual(['2026-01-02', '2026-05-04'])
    expect(addDate(['2026-05-04'], '2026-05-04')).toEqual(['2026-05-04'])
    expect(addDate(['2026-05-04'], ' ')).toEqual(['2026-05-04'])
  })

  it('names the hub’s problems inside the definition as the form’s fields', () => {
    const problem = { status: 400, code: 'bad_request', message: 'x', fields: [{ path: 'definition.week.1.0', message: 'start is not before end' }, { path: 'name', message: 'taken' }] }
    expect(calendarProblem(problem)?.fields.map((f) => f.path)).toEqual(['week.1.0', 'name'])
    expect(calendarProblem(null)).toBeNull()
  })
})

describe('SLA policy targets', () => {
  it('shows whole hours in hours and the rest in minutes', () => {
    expect(targetInput(null)).toEqual({ value: null, unit: 'minutes' })
    expect(targetInput(180)).toEqual({ value: 3, unit: 'minutes' })
    expect(targetInput(8 * 3600)).toEqual({ value: 8, unit: 'hours' })
    expect(targetInput(5400)).toEqual({ value: 90, unit: 'minutes' })
    expect(targetInput(90)).toEqual({ value: 1.5, unit: 'minutes' })
  })

  it('converts what was typed to whole seconds; empty is no target', () => {
    expect(targetSeconds(1, 'minutes')).toBe(60)
    expect(targetSeconds('1.5', 'hours')).toBe(5400)
    expect(targetSeconds('', 'hours')).toBeNull()
    expect(targetSeconds(null, 'minutes')).toBeNull()
    expect(targetSeconds(undefined, 'minutes')).toBeNull()
  })
})
