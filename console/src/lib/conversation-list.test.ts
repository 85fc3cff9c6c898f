// Unit tests for the conversation list: order by activity or SLA deadline, the breached filter, upsert, removal of
// what no longer belongs, paging, and the query sent.
import { describe, expect, it } from 'vitest'
import type { Conversation, SlaBadge } from '$protocol/rest.ts'
import {
  appendPage,
  belongsInList,
  belongsToLaterPage,
  compareByActivity,
  isOpen,
  listQuery,
  removeConversation,
  upsertConversation,
  type ListFilter,
} from './conversation-list.ts'

function conv(id: string, minute: number, extra: Partial<Conversation> = {}): Conversation {
  const at = new Date(Date.UTC(2025, 0, 1, 10, minute)).toISOString()
  return {
    id,
    channel: 'webchat',
    status: 'queued',
    contact: { id: `c-${id}`, name: null },
    queueId: null,
    officeId: null,
    assigneeId: null,
    priority: 0,
    lastSeq: 1,
    labels: [],
    snoozedUntil: null,
    lastMessage: { text: 'hi', direction: 'in' },
    lastActivityAt: at,
    lastInboundAt: null,
    optedOutAt: null,
    createdAt: at,
    sla: null,
    ...extra,
  }
}

const ids = (list: readonly Conversation[]) => list.map((c) => c.id)

describe('conversation list', () => {
  it('sorts newest activity first and breaks ties by id', () => {
    const list = [conv('b', 1), conv('c', 5), conv('a', 1)].sort(compareByActivity)
    expect(ids(list)).toEqual(['c', 'a', 'b'])
  })

  it('moves an updated conversation to the top', () => {
    const list = [conv('a', 9), conv('b', 8), conv('c', 7)]
    expect(ids(upsertConversation(list, conv('c', 10)))).toEqual(['c', 'a', 'b'])
  })

  it('adds a new conversation in its place and replaces, never duplicates', () => {
    const list = [conv('a', 9), conv('c', 7)]
    const next = upsertConversation(list, conv('b', 8))
    expect(ids(next)).toEqual(['a', 'b', 'c'])
    expect(ids(upsertConversation(next, conv('b', 8, { status: 'assigned' })))).toEqual(['a', 'b', 'c'])
  })

  it('drops a conversation once it is resolved', () => {
    const list = [conv('a', 9), conv('b', 8)]
    expect(ids(upsertConversation(list, conv('a', 11, { status: 'resolved' })))).toEqual(['b'])
    expect(isOpen({ status: 'snoozed' })).toBe(true)
    expect(isOpen({ status: 'resolved' })).toBe(false)
  })

  it('does not change the list it was given', () => {
    const list = [conv('a', 9), conv('b', 8)]
    upsertConversation(list, conv('b', 12))
    removeConversation(list, 'a')
    expect(ids(list)).toEqual(['a', 'b'])
  })

  it('appends a page without duplicates, keeping the newer copy', () => {
    const first = [conv('a', 9), conv('b', 8)]
    const page = [conv('b', 3), conv('c', 2), conv('d', 1, { status: 'resolved' })]
    const merged = appendPage(first, page)
    expect(ids(merged)).toEqual(['a', 'b', 'c'])
    expect(merged[1]?.lastActivityAt).toBe(conv('b', 8).lastActivityAt)
  })
})

function sla(dueMinute: number | null, extra: Partial<SlaBadge> = {}): SlaBadge {
  return {
    clock: 'first_response',
    dueAt: dueMinute === null ? null : new Date(Date.UTC(2025, 0, 1, 11, dueMinute)).toISOString(),
    leftMs: 60_000,
    targetMs: 120_000,
    paused: false,
    warned: false,
    breached: false,
    at: new Date(Date.UTC(2025, 0, 1, 11, 0)).toISOString(),
    openNow: true,
    ...extra,
  }
}

describe('conversation list by SLA deadline', () => {
  const bySla: ListFilter = { sort: 'sla_due', breachedOnly: false }
  const breached: ListFilter = { sort: 'activity', breachedOnly: true }

  it('lists only running clocks, the deadline falling due first, then by id', () => {
    const page = [conv('a', 9, { sla: sla(30) }), conv('b', 1, { sla: sla(5) }), conv('c', 5, { sla: null }), conv('d', 2, { sla: sla(5) }), conv('e', 3, { sla: sla(1, { paused: true }) })]
    expect(ids(appendPage([], page, bySla))).toEqual(['b', 'd', 'a'])
    expect(belongsInList(conv('f', 1, { sla: sla(null) }), bySla)).toBe(false)
  })

  it('moves a conversation by its new deadline and drops it once its clock stops', () => {
    const list = appendPage([], [conv('a', 9, { sla: sla(10) }), conv('b', 8, { sla: sla(20) })], bySla)
    expect(ids(upsertConversation(list, conv('b', 12, { sla: sla(5) }), bySla))).toEqual(['b', 'a'])
    expect(ids(upsertConversation(list, conv('a', 12, { sla: null }), bySla))).toEqual(['b'])
    expect(ids(upsertConversation(list, conv('a', 12, { sla: sla(10), status: 'resolved' }), bySla))).toEqual(['b'])
  })

  it('keeps only breached ones under the filter', () => {
    const page = [conv('a', 9, { sla: sla(10, { breached: true }) }), conv('b', 8, { sla: sla(20) }), conv('c', 7, { sla: null })]
    expect(ids(appendPage([], page, breached))).toEqual(['a'])
    expect(ids(upsertConversation([], conv('b', 9, { sla: sla(20, { breached: true }) }), breached))).toEqual(['b'])
  })

  it('leaves one that sorts after the last loaded entry to a later page', () => {
    const list = appendPage([], [conv('a', 9, { sla: sla(10) }), conv('b', 8, { sla: sla(20) })], bySla)
    expect(belongsToLaterPage(list, conv('c', 10, { sla: sla(40) }), bySla, true)).toBe(true)
    expect(belongsToLaterPage(list, conv('c', 10, { sla: sla(15) }), bySla, true)).toBe(false)
    expect(belongsToLaterPage(list, conv('c', 10, { sla: sla(40) }), bySla, false)).toBe(false)
    expect(belongsToLaterPage(list, conv('b', 10, { sla: sla(40) }), bySla, true)).toBe(false)
    const byActivity = [conv('a', 9), conv('b', 8)]
    expect(belongsToLaterPage(byActivity, conv('c', 1), { sort: 'activity', breachedOnly: false }, true)).toBe(true)
    expect(belongsToLaterPage(byActivity, conv('c', 10), { sort: 'activity', breachedOnly: false }, true)).toBe(false)
  })

  it('asks the hub for the order and filter chosen', () => {
    expect(listQuery({ sort: 'activity', breachedOnly: false }, 25)).toBe('/api/conversations?status=open&limit=25')
    expect(listQuery({ sort: 'sla_due', breachedOnly: true }, 25, 'abc=')).toBe('/api/conversations?status=open&limit=25&sort=sla_due&breached=true&cursor=abc%3D')
  })
})

describe('conversation list views and filters', () => {
  const me = 'ewa'
  const view = (v: ListFilter['view'], extra: Partial<ListFilter> = {}): ListFilter => ({ sort: 'activity', breachedOnly: false, view: v, ...extra })

  it('takes into each view what the hub would list there', () => {
    const mine = conv('a', 1, { status: 'assigned', assigneeId: me })
    const waiting = conv('b', 2, { status: 'queued' })
    const escalated = conv('c', 3, { status: 'queued', officeId: 'office-1' })
    const theirs = conv('d', 4, { status: 'assigned', assigneeId: 'jan' })
    const all = [mine, waiting, escalated, theirs]
    expect(ids(appendPage([], all, view('mine'), me))).toEqual(['a'])
    expect(ids(appendPage([], all, view('unassigned'), me))).toEqual(['c', 'b'])
    expect(ids(appendPage([], all, view('queue'), me))).toEqual(['c', 'b'])
    expect(ids(appendPage([], all, view('escalated'), me))).toEqual(['c'])
    expect(ids(appendPage([], all, view('all'), me))).toEqual(['d', 'c', 'b', 'a'])
    // Taken by someone else: it leaves "unassigned".
    expect(ids(upsertConversation(appendPage([], all, view('unassigned'), me), conv('b', 5, { status: 'assigned', assigneeId: 'jan' }), view('unassigned'), me))).toEqual(['c'])
  })

  it('filters by status, channel, queue and label', () => {
    const labelled = conv('a', 1, { labels: [{ id: 'l1', name: 'pilne', color: '#aa0000' }], channel: 'sms', queueId: 'q1' })
    const snoozed = conv('b', 2, { status: 'snoozed' })
    expect(ids(appendPage([], [labelled, snoozed], view('all', { labelId: 'l1' }), me))).toEqual(['a'])
    expect(ids(appendPage([], [labelled, snoozed], view('all', { channel: 'sms' }), me))).toEqual(['a'])
    expect(ids(appendPage([], [labelled, snoozed], view('all', { queueId: 'q1' }), me))).toEqual(['a'])
    expect(ids(appendPage([], [labelled, snoozed], view('all', { status: 'snoozed' }), me))).toEqual(['b'])
    expect(ids(appendPage([], [conv('c', 3, { status: 'resolved' })], view('all', { status: 'resolved' }), me))).toEqual(['c'])
  })

  it('under a search, updates what it shows but adds nothing the hub did not find', () => {
    const found = appendPage([], [conv('a', 1)], view('all', { q: 'zasiłek' }), me)
    expect(ids(upsertConversation(found, conv('b', 5), view('all', { q: 'zasiłek' }), me))).toEqual(['a'])
    expect(upsertConversation(found, conv('a', 6, { priority: 5 }), view('all', { q: 'zasiłek' }), me)[0]?.priority).toBe(5)
  })

  it('puts the view and filters in the query', () => {
    expect(listQuery(view('mine', { channel: 'sms', labelId: 'l1', queueId: 'q1', q: ' zasiłek ', status: 'snoozed' }), 25)).toBe(
      '/api/conversations?status=snoozed&limit=25&view=mine&channel=sms&queue=q1&label=l1&q=zasi%C5%82ek',
    )
    expect(listQuery(view('all', { q: 'a' }), 25)).toBe('/api/conversations?status=open&limit=25')
  })
})
