// The open-conversations list as plain data: newest activity first, one entry per id, resolved ones dropped.
import type { Conversation } from '$protocol/rest.ts'

/** "Open" in the list means anything not resolved, as `GET /api/conversations?status=open` returns. */
export function isOpen(conversation: Pick<Conversation, 'status'>): boolean {
  return conversation.status !== 'resolved'
}

/** Newest activity first; the id breaks ties so the order is stable between fetches. */
export function compareByActivity(a: Conversation, b: Conversation): number {
  const diff = Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt)
  if (diff !== 0 && !Number.isNaN(diff)) return diff
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** The list with `conversation` put in (replacing the same id) or taken out once it is resolved. */
export function upsertConversation(list: readonly Conversation[], conversation: Conversation): Conversation[] {
  const rest = list.filter((c) => c.id !== conversation.id)
  if (!isOpen(conversation)) return rest
  rest.push(conversation)
  return rest.sort(compareByActivity)
}

export function removeConversation(list: readonly Conversation[], id: string): Conversation[] {
  return list.filter((c) => c.id !== id)
}

/** The list with the next page appended; where both have an id, the more recently active copy wins. */
export function appendPage(list: readonly Conversation[], page: readonly Conversation[]): Conversation[] {
  const byId = new Map(list.map((c) => [c.id, c]))
  for (const conversation of page) {
    const known = byId.get(conversation.id)
    if (!known || Date.parse(conversation.lastActivityAt) >= Date.parse(known.lastActivityAt)) {
      byId.set(conversation.id, conversation)
    }
  }
  return [...byId.values()].filter(isOpen).sort(compareByActivity)
}
