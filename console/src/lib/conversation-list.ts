// The conversation list as plain data: a view (mine, queue, unassigned, escalated, all), filters (status, channel,
// queue, label, breached SLA, search words), in one of two orders (newest activity first, or the SLA deadline falling
// due first); one entry per id, what does not belong dropped.
import type { ChannelKind } from '$protocol/channel.ts'
import type { Conversation, ListView } from '$protocol/rest.ts'

/** `activity`: newest activity first (the default). `sla_due`: running SLA clocks only, the deadline falling due first. */
export type ListSort = 'activity' | 'sla_due'

/** `open`: anything not resolved; otherwise exactly that status. */
export const LIST_STATUSES = ['open', 'assigned', 'queued', 'pending', 'snoozed', 'resolved'] as const
export type ListStatus = (typeof LIST_STATUSES)[number]

export interface ListFilter {
  sort: ListSort
  /** Only conversations with a live SLA clock that breached. */
  breachedOnly: boolean
  view?: ListView
  status?: ListStatus
  channel?: ChannelKind | null
  queueId?: string | null
  labelId?: string | null
  /** Words in the contact's name, e-mail or phone, or in the conversation's messages (the hub searches). */
  q?: string
}

export const DEFAULT_FILTER: ListFilter = { sort: 'activity', breachedOnly: false, view: 'all', status: 'open', channel: null, queueId: null, labelId: null, q: '' }

/** "Open" in the list means anything not resolved, as `GET /api/conversations?status=open` returns. */
export function isOpen(conversation: Pick<Conversation, 'status'>): boolean {
  return conversation.status !== 'resolved'
}

function statusMatches(conversation: Conversation, status: ListStatus): boolean {
  return status === 'open' ? isOpen(conversation) : conversation.status === status
}

/** Whether the view takes the conversation, as far as the console can tell (queue membership is the hub's to know). */
function viewMatches(conversation: Conversation, view: ListView, me: string | null): boolean {
  switch (view) {
    case 'mine':
      return me !== null && conversation.assigneeId === me && isOpen(conversation)
    case 'unassigned':
      return conversation.assigneeId === null && isOpen(conversation)
    case 'queue':
      return conversation.status === 'queued' || conversation.status === 'offered'
    case 'escalated':
      return conversation.officeId !== null && isOpen(conversation)
    case 'all':
      return true
  }
}

/** A clock runs with a deadline: what `?sort=sla_due` lists. */
export function hasRunningSla(conversation: Pick<Conversation, 'sla'>): boolean {
  const sla = conversation.sla
  return sla !== null && !sla.paused && sla.dueAt !== null
}

/** Whether the hub would list this conversation under `filter`, for the consultant `me`. */
export function belongsInList(conversation: Conversation, filter: ListFilter = DEFAULT_FILTER, me: string | null = null): boolean {
  if (!statusMatches(conversation, filter.status ?? 'open')) return false
  if (!viewMatches(conversation, filter.view ?? 'all', me)) return false
  if (filter.channel && conversation.channel !== filter.channel) return false
  if (filter.queueId && conversation.queueId !== filter.queueId) return false
  if (filter.labelId && !conversation.labels.some((l) => l.id === filter.labelId)) return false
  if (filter.sort === 'sla_due' && !hasRunningSla(conversation)) return false
  if (filter.breachedOnly && conversation.sla?.breached !== true) return false
  return true
}

const byId = (a: Conversation, b: Conversation) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Newest activity first; the id breaks ties so the order is stable between fetches. */
export function compareByActivity(a: Conversation, b: Conversation): number {
  const diff = Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt)
  if (diff !== 0 && !Number.isNaN(diff)) return diff
  return byId(a, b)
}

/** The deadline falling due first (overdue first), then the id ascending, as the hub's `sla_due` keyset; no deadline last. */
export function compareBySlaDue(a: Conversation, b: Conversation): number {
  const da = a.sla?.dueAt ? Date.parse(a.sla.dueAt) : Number.POSITIVE_INFINITY
  const db = b.sla?.dueAt ? Date.parse(b.sla.dueAt) : Number.POSITIVE_INFINITY
  if (da !== db) return da < db ? -1 : 1
  return byId(a, b)
}

export function comparatorFor(sort: ListSort): (a: Conversation, b: Conversation) => number {
  return sort === 'sla_due' ? compareBySlaDue : compareByActivity
}

/** The list with `conversation` put in (replacing the same id) or taken out once it no longer belongs (resolved, say). */
export function upsertConversation(list: readonly Conversation[], conversation: Conversation, filter: ListFilter = DEFAULT_FILTER, me: string | null = null): Conversation[] {
  const rest = list.filter((c) => c.id !== conversation.id)
  if (!belongsInList(conversation, filter, me)) return rest
  // Whether it matches the search words is the hub's to say: a search list only updates what it shows.
  if (filter.q && rest.length === list.length) return rest
  rest.push(conversation)
  return rest.sort(comparatorFor(filter.sort))
}

export function removeConversation(list: readonly Conversation[], id: string): Conversation[] {
  return list.filter((c) => c.id !== id)
}

/** The list with the next page appended; where both have an id, the more recently active copy wins. */
export function appendPage(list: readonly Conversation[], page: readonly Conversation[], filter: ListFilter = DEFAULT_FILTER, me: string | null = null): Conversation[] {
  const known = new Map(list.map((c) => [c.id, c]))
  for (const conversation of page) {
    const before = known.get(conversation.id)
    if (!before || Date.parse(conversation.lastActivityAt) >= Date.parse(before.lastActivityAt)) {
      known.set(conversation.id, conversation)
    }
  }
  return [...known.values()].filter((c) => belongsInList(c, filter, me)).sort(comparatorFor(filter.sort))
}

/**
 * A conversation that is not in the list yet and would sort after its last entry while more pages wait: it belongs
 * to a later page, not to the end of this one.
 */
export function belongsToLaterPage(list: readonly Conversation[], conversation: Conversation, filter: ListFilter, hasMore: boolean): boolean {
  if (!hasMore || list.length === 0 || list.some((c) => c.id === conversation.id)) return false
  const last = list[list.length - 1]
  return last !== undefined && comparatorFor(filter.sort)(conversation, last) > 0
}

/** The query for `GET /api/conversations`: the view, in the order and with the filters chosen. */
export function listQuery(filter: ListFilter, limit: number, cursor?: string | null): string {
  const params = new URLSearchParams({ status: filter.status ?? 'open', limit: String(limit) })
  if (filter.view && filter.view !== 'all') params.set('view', filter.view)
  if (filter.channel) params.set('channel', filter.channel)
  if (filter.queueId) params.set('queue', filter.queueId)
  if (filter.labelId) params.set('label', filter.labelId)
  const q = filter.q?.trim() ?? ''
  if (q.length >= 2) params.set('q', q)
  if (filter.sort !== 'activity') params.set('sort', filter.sort)
  if (filter.breachedOnly) params.set('breached', 'true')
  if (cursor) params.set('cursor', cursor)
  return `/api/conversations?${params.toString()}`
}
