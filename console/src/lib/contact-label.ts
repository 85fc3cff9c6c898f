// How a contact is named in the list and the conversation header: their name, or "Gość #1a2b3c" for an anonymous visitor.
import type { ContactSummary } from '$protocol/rest.ts'

export function contactLabel(contact: ContactSummary, guestWord: string): string {
  const name = contact.name?.trim()
  return name ? name : `${guestWord} #${shortId(contact.id)}`
}

/** The first six hex digits of an id: enough to tell visitors apart by eye. */
export function shortId(id: string): string {
  return id.replace(/-/g, '').slice(0, 6)
}
