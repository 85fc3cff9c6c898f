// The store's side of contacts: search, detail, edits, linking identities by hand and merging two contacts.
import type { ChannelKind } from '../../protocol/channel.ts'
import type { ContactDetail, UpdateContactBody } from '../../protocol/rest.ts'

export interface ContactStore {
  searchContacts(q: string, limit: number): Promise<{ id: string; name: string | null; email: string | null; phone: string | null }[]>
  /** Null for an unknown contact or one merged into another (its detail is the other's). */
  contactDetail(id: string): Promise<ContactDetail | null>
  /** The contact a merged one went into, following chains; the id itself when it was not merged. */
  liveContactId(id: string): Promise<string | null>
  updateContact(id: string, patch: UpdateContactBody, now: Date): Promise<boolean>
  linkIdentity(contactId: string, channel: ChannelKind, externalId: string, now: Date): Promise<{ ok: true } | { ok: false; error: 'not_found' } | { ok: false; error: 'identity_taken'; contactId: string }>
  /** Moves `from`'s identities and conversations to `into`, marks `from` merged; the moved conversations come back. */
  mergeContacts(intoId: string, fromId: string, now: Date): Promise<{ ok: true; conversations: { id: string; officeId: string | null }[] } | { ok: false; error: 'not_found' }>
}
