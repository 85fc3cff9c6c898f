// The contact edit form as plain data: the fields as typed, what changed (for PATCH), and the fields a 400 named.
import type { ContactDetail, UpdateContactBody } from '$protocol/rest.ts'

/** The fields as typed in the form; an empty one clears the field. */
export type ContactForm = Record<'name' | 'email' | 'phone' | 'region' | 'notes', string>

export function formOf(contact: ContactDetail): ContactForm {
  return {
    name: contact.name ?? '',
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    region: contact.region ?? '',
    notes: contact.notes ?? '',
  }
}

/** Only what changed, trimmed, with empty as null; null when nothing changed. */
export function changesOf(contact: ContactDetail, form: ContactForm): UpdateContactBody | null {
  const body: Record<string, string | null> = {}
  for (const key of ['name', 'email', 'phone', 'region', 'notes'] as const) {
    const raw = key === 'notes' ? form[key] : form[key].trim()
    const value = raw.trim() === '' ? null : raw
    if (value !== (contact[key] ?? null)) body[key] = value
  }
  return Object.keys(body).length > 0 ? (body as UpdateContactBody) : null
}

/** The fields a 400 named (`details: [{ path }]`), as the form's field names. */
export function invalidFields(details: unknown): string[] {
  if (!Array.isArray(details)) return []
  const names = new Set<string>()
  for (const item of details) {
    const path = (item as { path?: unknown } | null)?.path
    const first = Array.isArray(path) ? path[0] : typeof path === 'string' ? path.split('.')[0] : undefined
    if (typeof first === 'string' && first) names.add(first)
  }
  return [...names]
}
