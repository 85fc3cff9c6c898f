// How a contact is named in the list, the conversation header and the supervisor's board: their name, else their
// phone number or e-mail address (callers, SMS, e-mail), or "Gość #1a2b3c" for an anonymous visitor (the short id
// is the contact's, so one person has one label everywhere).
import type { BoardWaiting } from '$protocol/admin.ts'
import type { ContactSummary } from '$protocol/rest.ts'

export function contactLabel(contact: ContactSummary, guestWord: string): string {
  const name = contact.name?.trim() || contact.phone?.trim() || contact.email?.trim()
  return name ? name : `${guestWord} #${shortId(contact.id)}`
}

/** The contact of a conversation waiting on the supervisor's board, named exactly as the inbox names it. */
export function waitingContactLabel(waiting: Pick<BoardWaiting, 'contactId' | 'contactName'>, guestWord: string): string {
  return contactLabel({ id: waiting.contactId, name: waiting.contactName }, guestWord)
}

/** The first six hex digits of an id: enough to tell visitors apart by eye. */
export function shortId(id: string): string {
  return id.replace(/-/g, '').slice(0, 6)
}
