// The open-conversations list as plain data: in one of two orders (newest activity first, or the SLA deadline
// falling due first), optionally only those whose SLA was breached; one entry per id, what does not belong dropped.
import type { Conversation } from '$protocol/rest.ts'

/** `activity`: newest activity first (the default). `sla_due`: running SLA clocks only, the deadline falling due first. */
export type ListSort = 'activity' | 'sla_due'

export interface ListFilter {
  sort: ListSort
  /** Only conversations with a live SLA clock that breached. */
  breachedOnly: boolean
}

export const DEFAULT_FILTER: ListFilter = { sort: 'activity', breachedOnly: false }

/** "Open" in the list means anything not resolved, as `GET /api/conversations?status=open` returns. */
export function isOpen(conversation: Pick<Conversation, 'status'>): boolean {
  return conversation.status !== 'resolved'
}

/** A clock runs with a deadline: what `?sort=sla_due` lists. */
export function hasRunningSla(conversation: Pick<Conversation, 'sla'>): boolean {
  const sla = conversation.sla
  return sla !== null && !sla.paused && sla.dueAt !== null
}

/** Whether the hub would list this conversation under `filter` (the list only ever shows open ones). */
export function belongsInList(conversation: Conversation, filter: ListFilter = DEFAULT_FILTER): boolean {
  if (!isOpen(conversation)) return false
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
export function upsertConversation(list: readonly Conversation[], conversation: Conversation, filter: ListFilter = DEFAULT_FILTER): Conversation[] {
  const rest = list.filter((c) => c.id !== conversation.id)
  if (!belongsInList(conversation, filter)) return rest
  rest.push(conversation)
  return rest.sort(comparatorFor(filter.sort))
}

export function removeConversation(list: readonly Conversation[], id: string): Conversation[] {
  return list.filter((c) => c.id !== id)
}

/** The list with the next page appended; where both have an id, the more recently active copy wins. */
export function appendPage(list: readonly Conversation[], page: readonly Conversation[], filter: ListFilter = DEFAULT_FILTER): Conversation[] {
  const known = new Map(list.map((c) => [c.id, c]))
  for (const conversation of page) {
    const before = known.get(conversation.id)
    if (!before || Date.parse(conversation.lastActivityAt) >= Date.parse(before.lastActivityAt)) {
      known.set(conversation.id, conversation)
    }
  }
  return [...known.values()].filter((c) => belongsInList(c, filter)).sort(comparatorFor(filter.sort))
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

/** The query for `GET /api/conversations`: open ones, in the order and with the filter chosen. */
export function listQuery(filter: ListFilter, limit: number, cursor?: string | null): string {
  const params = new URLSearchParams({ status: 'open', limit: String(limit) })
  if (filter.sort !== 'activity') params.set('sort', filter.sort)
  if (filter.breachedOnly) params.set('breached', 'true')
  if (cursor) params.set('cursor', cursor)
  return `/api/conversations?${params.toString()}`
}
