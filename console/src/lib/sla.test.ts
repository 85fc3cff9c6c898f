// Unit tests for SLA badges: time left ticking only while open and running, states, compact and spoken durations,
// what timelines teach about targets, and the timeline line for an `sla` event.
import { describe, expect, it } from 'vitest'
import type { SlaBadge, TimelineEvent } from '$protocol/rest.ts'
import { translate, type MessageKey, type Params } from './i18n.ts'
import {
  applySlaEvents,
  formatSlaLeft,
  received,
  slaDescription,
  slaEventText,
  slaLeftMs,
  slaOutsideHours,
  slaState,
  spokenDuration,
} from './sla.ts'

const AT = Date.parse('2026-03-02T10:00:00Z')
const MIN = 60_000

function badge(extra: Partial<SlaBadge> = {}): SlaBadge {
  return { clock: 'first_response', dueAt: '2026-03-02T10:12:00Z', leftMs: 12 * MIN, targetMs: 60 * MIN, paused: false, warned: false, breached: false, at: new Date(AT).toISOString(), openNow: true, ...extra }
}

function slaEvent(seq: number, data: Record<string, unknown>): TimelineEvent {
  return {
    id: `00000000-0000-4000-8000-00000000000${seq}`,
    conversationId: '00000000-0000-4000-8000-000000000000',
    seq,
    type: 'sla',
    direction: null,
    text: null,
    author: { kind: 'system', id: null, name: null },
    clientId: null,
    data,
    createdAt: new Date(AT).toISOString(),
    occurredAt: new Date(AT).toISOString(),
  }
}

const pl = (key: MessageKey, params?: Params) => translate('pl', key, params)
const en = (key: MessageKey, params?: Params) => translate('en', key, params)

describe('SLA badge', () => {
  it('counts down only while the clock runs and the calendar is open', () => {
    expect(slaLeftMs(badge(), AT + 2 * MIN)).toBe(10 * MIN)
    expect(slaLeftMs(badge({ paused: true }), AT + 2 * MIN)).toBe(12 * MIN)
    expect(slaLeftMs(badge({ openNow: false }), AT + 2 * MIN)).toBe(12 * MIN)
    expect(slaLeftMs(badge(), AT - 5000)).toBe(12 * MIN)
    expect(slaOutsideHours(badge({ openNow: false }))).toBe(true)
    expect(slaOutsideHours(badge({ openNow: false, paused: true }))).toBe(false)
  })

  it('takes the time of arrival as its own, so a browser clock off by minutes still counts right', () => {
    const conversation = { id: 'a', sla: badge({ at: '2020-01-01T00:00:00Z' }) }
    const here = received(conversation, AT)
    expect(here.sla?.at).toBe(new Date(AT).toISOString())
    expect(slaLeftMs(here.sla!, AT + MIN)).toBe(11 * MIN)
    expect(received({ sla: null })).toEqual({ sla: null })
  })

  it('is breached, paused, due soon or running', () => {
    expect(slaState(badge(), AT)).toBe('running')
    expect(slaState(badge({ leftMs: 4 * MIN }), AT)).toBe('warning')
    expect(slaState(badge(), AT + 12 * MIN)).toBe('breached')
    expect(slaState(badge({ breached: true, leftMs: 5 * MIN }), AT)).toBe('breached')
    expect(slaState(badge({ paused: true, leftMs: MIN }), AT)).toBe('paused')
    // "Soon" is the last 20 % of the target: a one-minute target is not due soon with 40 s left.
    expect(slaState(badge({ leftMs: 40_000, targetMs: MIN }), AT)).toBe('running')
    expect(slaState(badge({ leftMs: 10_000, targetMs: MIN }), AT)).toBe('warning')
    expect(slaState(badge({ leftMs: 50 * MIN, warned: true }), AT)).toBe('warning')
    // Without a target in the badge, the timeline's hint gives it.
    expect(slaState(badge({ leftMs: 40_000, targetMs: 0 }), AT, { targetMs: MIN, warned: false })).toBe('running')
    expect(slaState(badge({ leftMs: 50 * MIN }), AT, { targetMs: 60 * MIN, warned: true })).toBe('warning')
  })

  it('formats time left compactly, with a minus once overdue', () => {
    expect(formatSlaLeft(12 * MIN)).toBe('12 min')
    expect(formatSlaLeft(30_000)).toBe('1 min')
    expect(formatSlaLeft(65 * MIN)).toBe('1 h 05 min')
    expect(formatSlaLeft(14 * 60 * MIN + 20 * MIN)).toBe('14 h')
    expect(formatSlaLeft(-3 * MIN)).toBe('−3 min')
    expect(formatSlaLeft(-125 * MIN)).toBe('−2 h 05 min')
    expect(formatSlaLeft(0)).toBe('0 min')
  })

  it('reads durations out in words, in either language', () => {
    expect(spokenDuration(5 * MIN, 'pl')).toBe('5 minut')
    expect(spokenDuration(2 * MIN, 'pl')).toBe('2 minuty')
    expect(spokenDuration(65 * MIN, 'pl')).toBe('1 godzina 5 minut')
    expect(spokenDuration(-3 * MIN, 'en')).toBe('3 minutes')
  })

  it('describes the whole badge for its accessible name', () => {
    expect(slaDescription(badge(), 'running', AT, pl, 'pl')).toBe('SLA – pierwsza odpowiedź: zostało 12 minut')
    expect(slaDescription(badge({ clock: 'next_response', paused: true }), 'paused', AT, pl, 'pl')).toBe('SLA – kolejna odpowiedź: zegar wstrzymany, zostało 12 minut')
    expect(slaDescription(badge({ leftMs: -3 * MIN, breached: true }), 'breached', AT, pl, 'pl')).toBe('SLA – pierwsza odpowiedź: termin przekroczony 3 minuty temu')
    expect(slaDescription(badge({ openNow: false }), 'running', AT, en, 'en')).toBe('SLA – first response: 12 minutes left, outside business hours, the time is not running')
  })
})

describe('SLA hints from the timeline', () => {
  it('learns targets, remembers a warning until the clock starts again, and forgets finished clocks', () => {
    let hints = applySlaEvents({}, [slaEvent(1, { step: 'started', clock: 'first_response', targetMs: MIN }), slaEvent(2, { step: 'started', clock: 'resolution', targetMs: 60 * MIN })])
    expect(hints.first_response).toEqual({ targetMs: MIN, warned: false })
    hints = applySlaEvents(hints, [slaEvent(3, { step: 'warning', clock: 'first_response', targetMs: MIN })])
    expect(hints.first_response?.warned).toBe(true)
    hints = applySlaEvents(hints, [slaEvent(4, { step: 'paused', clock: 'resolution', targetMs: 60 * MIN }), slaEvent(5, { step: 'resumed', clock: 'first_response', targetMs: MIN })])
    expect(hints.first_response?.warned).toBe(true)
    hints = applySlaEvents(hints, [slaEvent(6, { step: 'fulfilled', clock: 'first_response', targetMs: MIN })])
    expect(hints.first_response).toBeUndefined()
    expect(hints.resolution).toEqual({ targetMs: 60 * MIN, warned: false })
    expect(applySlaEvents(hints, [slaEvent(7, { step: 'started', clock: 'bogus' })])).toBe(hints)
  })
})

describe('SLA timeline lines', () => {
  const due = () => '14:03'
  it('reads each step in Polish and English, with the policy', () => {
    expect(slaEventText({ step: 'breached', clock: 'first_response', dueAt: '2026-03-02T10:01:00Z', targetMs: MIN, policyName: 'Czat całodobowy' }, pl, 'pl', due)).toBe(
      'SLA: pierwsza odpowiedź – przekroczono termin (polityka Czat całodobowy)',
    )
    expect(slaEventText({ step: 'started', clock: 'resolution', dueAt: '2026-03-02T18:00:00Z', targetMs: 8 * 60 * MIN, policyName: 'E-mail' }, en, 'en', due)).toBe(
      'SLA: resolution – clock started, due 14:03 (policy E-mail)',
    )
    expect(slaEventText({ step: 'started', clock: 'next_response', dueAt: null, targetMs: MIN }, pl, 'pl', due)).toBe('SLA: kolejna odpowiedź – zegar uruchomiony, termin nieznany')
    expect(slaEventText({ step: 'fulfilled', clock: 'first_response', targetMs: 3 * MIN, usedMs: 2 * MIN, breached: false, policyName: 'Czat' }, pl, 'pl', due)).toBe(
      'SLA: pierwsza odpowiedź – dotrzymano terminu, wykorzystano 2 min z 3 min (polityka Czat)',
    )
    expect(slaEventText({ step: 'fulfilled', clock: 'first_response', targetMs: 3 * MIN, usedMs: 5 * MIN, breached: true }, en, 'en', due)).toBe(
      'SLA: first response – met after the deadline, 5 min of 3 min used',
    )
    expect(slaEventText({ step: 'mystery', clock: 'resolution' }, pl, 'pl', due)).toBe('SLA: rozwiązanie')
    expect(slaEventText(null, pl, 'pl', due)).toBe('SLA: SLA')
  })
})
