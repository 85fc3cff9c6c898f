// Pure helpers of the labels and canned-responses admin screens: the colour field (#rrggbb text beside a colour
// picker), the start of a canned response's text for the table, the variables the console fills in, a refused
// duplicate (409) told as a problem with the field it is about, and a field of the hub's problem renamed for the form.
import type { MessageKey } from '../i18n.ts'
import type { Problem } from './problem.ts'

/** The hub's colour for a label made without one. */
export const DEFAULT_LABEL_COLOR = '#5b6b7f'

/** The variables a canned response's text may hold, filled in by the console when a consultant inserts it. */
export const CANNED_VARIABLES = ['contact.name', 'consultant.name', 'conversation.id'] as const
export type CannedVariable = (typeof CANNED_VARIABLES)[number]

/** `{{contact.name}}`: a variable as it is written in a response. */
export function variableToken(name: CannedVariable): string {
  return `{{${name}}}`
}

const HEX = /^#[0-9a-fA-F]{6}$/

/** A colour as the hub takes it: `#` and six hex digits. */
export function isHexColor(text: string | null | undefined): boolean {
  return HEX.test((text ?? '').trim())
}

/** The value for `<input type="color">`, which takes only a lower-case #rrggbb: the typed colour while it is one, else `fallback`. */
export function pickerColor(text: string | null | undefined, fallback = DEFAULT_LABEL_COLOR): string {
  const trimmed = (text ?? '').trim()
  return HEX.test(trimmed) ? trimmed.toLowerCase() : fallback
}

/** The colour field's text as it is sent: trimmed and, when it is a colour, in lower case. */
export function colorValue(text: string): string {
  const trimmed = text.trim()
  return HEX.test(trimmed) ? trimmed.toLowerCase() : trimmed
}

/** The start of a text on one line: white space collapsed, cut to at most `max` characters (at a word where one ends near) with "…". */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  const chars = [...flat]
  if (chars.length <= max) return flat
  const cut = chars.slice(0, max - 1).join('')
  const space = cut.lastIndexOf(' ')
  const start = space >= (max * 2) / 3 ? cut.slice(0, space) : cut
  return `${start.replace(/[\s.,;:!?-]+$/, '')}…`
}

/**
 * A save refused because the name (or shortcut) is taken: the hub answers 409 with a message and no fields. Told in
 * the console's words (`key`) and put on `field` with the hub's message, so the field is marked and the alert links
 * to it. Any other problem is returned as it is.
 */
export function duplicateOn(problem: Problem | null, field: string, key: MessageKey): Problem | null {
  if (!problem || problem.status !== 409 || problem.fields.length > 0) return problem
  return { ...problem, key, fields: [{ path: field, message: problem.message || problem.code }] }
}

/**
 * The problem with the hub's field `from` (and anything inside it) called `to`: for a field whose id would clash
 * with the form's own (the editor's heading is `{prefix}-heading`; forms may still rename fields for clarity).
 */
export function renameField(problem: Problem | null, from: string, to: string): Problem | null {
  if (!problem || !problem.fields.some((f) => f.path === from || f.path.startsWith(from + '.'))) return problem
  return {
    ...problem,
    fields: problem.fields.map((f) => (f.path === from || f.path.startsWith(from + '.') ? { ...f, path: to + f.path.slice(from.length) } : f)),
  }
}
