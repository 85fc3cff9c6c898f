// Hour-of-day, weekday and hourly interval buckets in Warsaw time, on both daylight-saving change days of 2026.
import { describe, expect, it } from 'vitest'
import { conversationFacts, type ConversationFacts } from './conversation-facts.ts'
import { metricsSettings } from './metrics-settings.ts'
import { entriesIn } from './service-level.ts'
import { step, timeline } from './test-timeline.ts'
import { byDayOfWeek, byHourOfDay, byLocalHour, hourOccurrences, localHourOf, localHours, localWeekdayOf } from './time-buckets.ts'

const settings = metricsSettings()
let n = 0
/** A chat that waited from `start` and was answered after 30 s (or abandoned by the visitor after 40 s). */
const chat = (start: string, outcome: 'answered' | 'abandoned' = 'answered'): ConversationFacts => {
  const id = `w${++n}`
  const end = outcome === 'answered' ? ([30, step.assigned('ola')] as const) : ([40, step.visitorLeft()] as const)
  return conversationFacts({ conversationId: id, channel: 'webchat', entryQueueId: 'Z', events: timeline(start, [[0, step.created()], end], id) })
}
const offered = (figures: { offered: number }[]) => figures.map((f) => f.offered)

// 2026: clocks go forward on Sunday 29 March at 02:00 CET (to 03:00 CEST) and back on Sunday 25 October at 03:00 CEST (to 02:00 CET).
const SPRING_DAY = { from: Date.parse('2026-03-29T00:00:00+01:00'), to: Date.parse('2026-03-30T00:00:00+02:00') }
const AUTUMN_DAY = { from: Date.parse('2026-10-25T00:00:00+02:00'), to: Date.parse('2026-10-26T00:00:00+01:00') }

describe('wall-clock hours and weekdays in Warsaw', () => {
  it('read the local hour and weekday, not UTC’s', () => {
    // Saturday 23:30 UTC is Sunday 00:30 in Warsaw (winter time); Sunday 22:30 UTC is Monday 00:30 (summer time).
    expect([localHourOf(Date.parse('2026-03-28T23:30:00Z')), localWeekdayOf(Date.parse('2026-03-28T23:30:00Z'))]).toEqual([0, 7])
    expect([localHourOf(Date.parse('2026-03-29T22:30:00Z')), localWeekdayOf(Date.parse('2026-03-29T22:30:00Z'))]).toEqual([0, 1])
  })
})

describe('the spring-forward day, 29 March 2026', () => {
  const facts = [chat('2026-03-29T00:30:00+01:00'), chat('2026-03-29T01:59:00+01:00', 'abandoned'), chat('2026-03-29T03:00:00+02:00'), chat('2026-03-29T23:30:00+02:00')]
  const rows = entriesIn(facts, SPRING_DAY)

  it('has 23 hours and no 02', () => {
    const hours = localHours(SPRING_DAY)
    expect(hours).toHaveLength(23)
    expect(hours.map((h) => h.hour)).toEqual([0, 1, ...Array.from({ length: 21 }, (_, i) => i + 3)])
    expect(hours[1]).toEqual({ start: Date.parse('2026-03-29T01:00:00+01:00'), end: Date.parse('2026-03-29T03:00:00+02:00'), date: '2026-03-29', hour: 1, offsetMinutes: 60 })
    expect(hours[2]).toMatchObject({ hour: 3, offsetMinutes: 120 })
    expect(hourOccurrences(SPRING_DAY)[2]).toBe(0)
    expect(hourOccurrences(SPRING_DAY).reduce((a, b) => a + b)).toBe(23)
  })

  it('buckets the waits by the hour they entered the queue', () => {
    const byHour = byHourOfDay(rows, settings)
    expect(offered(byHour)).toEqual([1, 1, 0, 1, ...Array<number>(19).fill(0), 1])
    expect([byHour[1]!.abandoned, byHour[3]!.answered, byHour[2]!.serviceLevel]).toEqual([1, 1, null])
    expect(offered(byLocalHour(rows, SPRING_DAY, settings).map((h) => h.figures))).toEqual([1, 1, 1, ...Array<number>(19).fill(0), 1])
  })

  it('buckets by weekday: all on Sunday', () => {
    expect(offered(byDayOfWeek(rows, settings))).toEqual([0, 0, 0, 0, 0, 0, 4])
  })
})

describe('the fall-back day, 25 October 2026', () => {
  const facts = [chat('2026-10-25T02:15:00+02:00'), chat('2026-10-25T02:45:00+01:00'), chat('2026-10-25T23:59:00+01:00')]
  const rows = entriesIn(facts, AUTUMN_DAY)

  it('has 25 hours, 02 twice (summer time, then winter time)', () => {
    const hours = localHours(AUTUMN_DAY)
    expect(hours).toHaveLength(25)
    expect(hours.slice(0, 5).map((h) => [h.hour, h.offsetMinutes])).toEqual([
      [0, 120],
      [1, 120],
      [2, 120],
      [2, 60],
      [3, 60],
    ])
    expect(hourOccurrences(AUTUMN_DAY)[2]).toBe(2)
  })

  it('puts both 02 hours in the 02 bucket of the hour-of-day view, and apart in the interval view', () => {
    expect(byHourOfDay(rows, settings)[2]).toMatchObject({ offered: 2, answered: 2 })
    const intervals = byLocalHour(rows, AUTUMN_DAY, settings)
    expect(intervals.map((h) => h.figures.offered)).toEqual([0, 0, 1, 1, ...Array<number>(20).fill(0), 1])
  })
})

describe('buckets of an empty period', () => {
  it('are all zero', () => {
    expect(offered(byHourOfDay([], settings))).toEqual(Array<number>(24).fill(0))
    expect(offered(byDayOfWeek([], settings))).toEqual(Array<number>(7).fill(0))
    expect(byLocalHour([], { from: 0, to: 0 }, settings)).toEqual([])
  })

  it('a period that starts inside an hour includes that hour', () => {
    const p = { from: Date.parse('2026-05-12T08:30:00Z'), to: Date.parse('2026-05-12T10:00:00Z') }
    expect(localHours(p).map((h) => [h.hour, h.date])).toEqual([
      [10, '2026-05-12'],
      [11, '2026-05-12'],
    ])
  })
})
