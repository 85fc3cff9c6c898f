// The contact of the open conversation: its details, identities and every conversation, edited (PATCH), given an
// identity by hand (or told whose it already is), searched for another contact and merged with it.
import type { ContactDetail, LinkIdentityBody, UpdateContactBody } from '$protocol/rest.ts'
import { HttpError, request } from './api.ts'

export interface ContactHit {
  id: string
  name: string | null
  email: string | null
  phone: string | null
}

export type LinkResult = { ok: true } | { ok: false; taken: string | null; message: string; code: string }

function path(id: string, rest = ''): string {
  return `/api/contacts/${encodeURIComponent(id)}${rest}`
}

export class ContactCard {
  readonly id: string
  contact = $state.raw<ContactDetail | null>(null)
  status = $state<'loading' | 'ready' | 'error'>('loading')

  constructor(id: string) {
    this.id = id
  }

  async load(): Promise<void> {
    if (!this.contact) this.status = 'loading'
    try {
      this.contact = await request<ContactDetail>(path(this.id))
      this.status = 'ready'
    } catch {
      if (!this.contact) this.status = 'error'
    }
  }

  /** Throws HttpError (400 with the fields in `details`). */
  async update(body: UpdateContactBody): Promise<void> {
    this.contact = await request<ContactDetail>(path(this.id), { method: 'PATCH', body })
  }

  /** 409 `identity_taken` names the contact that has it, so the consultant can merge that one in. */
  async link(body: LinkIdentityBody): Promise<LinkResult> {
    try {
      this.contact = await request<ContactDetail>(path(this.id, '/identities'), { method: 'POST', body })
      return { ok: true }
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      const details = error.details as { contactId?: unknown } | undefined
      const taken = error.code === 'identity_taken' && typeof details?.contactId === 'string' ? details.contactId : null
      return { ok: false, taken, message: error.message, code: error.code }
    }
  }

  /** Other contacts matching `q` (this one left out). */
  async search(q: string, signal?: AbortSignal): Promise<ContactHit[]> {
    const result = await request<{ items: ContactHit[] }>(`/api/contacts?q=${encodeURIComponent(q)}&limit=20`, { signal })
    return result.items.filter((c) => c.id !== this.id)
  }

  /** Moves `from`'s identities and conversations here. */
  async merge(from: string): Promise<void> {
    this.contact = await request<ContactDetail>(path(this.id, '/merge'), { method: 'POST', body: { from } })
  }

  /** A contact found by id (the owner of a taken identity), for the merge dialog's name. */
  async peek(id: string): Promise<ContactHit | null> {
    try {
      const other = await request<ContactDetail>(path(id))
      return { id: other.id, name: other.name, email: other.email, phone: other.phone }
    } catch {
      return null
    }
  }
}
