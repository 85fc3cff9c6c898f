// A failed save as the forms show it: a message for the whole form and one per field, from the hub's error body
// (`{ error: { code, message, details: [{ path, message }] } }`).
import { HttpError } from '../api.ts'
import type { MessageKey } from '../i18n.ts'

export interface FieldProblem {
  /** Dotted path in the request body: `name`, `capacity.webchat`, `keywords.2`. */
  path: string
  message: string
}

export interface Problem {
  status: number
  code: string
  message: string
  fields: FieldProblem[]
  /** What to say instead of the general text for its status (a page knows why its 409 happens). */
  key?: MessageKey
}

/** Reads `details` leniently: a list of `{ path, message }` (path as a string or an array) or zod's flattened `{ fieldErrors }`. */
export function fieldProblems(details: unknown): FieldProblem[] {
  const out: FieldProblem[] = []
  if (Array.isArray(details)) {
    for (const d of details) {
      if (!d || typeof d !== 'object') continue
      const { path, message } = d as { path?: unknown; message?: unknown }
      const p = Array.isArray(path) ? path.map(String).join('.') : typeof path === 'string' ? path : ''
      if (typeof message === 'string') out.push({ path: p, message })
    }
  } else if (details && typeof details === 'object' && 'fieldErrors' in details) {
    const fieldErrors = (details as { fieldErrors?: unknown }).fieldErrors
    if (fieldErrors && typeof fieldErrors === 'object') {
      for (const [path, messages] of Object.entries(fieldErrors)) {
        if (Array.isArray(messages)) for (const m of messages) if (typeof m === 'string') out.push({ path, message: m })
      }
    }
  }
  return out
}

export function toProblem(error: unknown): Problem {
  if (error instanceof HttpError) return { status: error.status, code: error.code, message: error.message, fields: fieldProblems(error.details) }
  return { status: -1, code: 'unknown', message: error instanceof Error ? error.message : String(error), fields: [] }
}

/** The first message for a field, or for anything inside it (`capacity` covers `capacity.webchat`). */
export function fieldError(problem: Problem | null, path: string): string | undefined {
  return problem?.fields.find((f) => f.path === path || f.path.startsWith(path + '.'))?.message
}

/** The first segment of a path: the form field it belongs to. */
export function fieldOf(path: string): string {
  return path.split('.')[0] ?? path
}

/** What the form says in the console's language; the hub's own message is shown next to it. */
export function problemKey(problem: Problem): MessageKey {
  if (problem.key) return problem.key
  if (problem.status === 400 || problem.status === 422) return 'admin.error.invalid'
  if (problem.status === 403) return 'admin.error.forbidden'
  if (problem.status === 404) return 'admin.error.notFound'
  if (problem.status === 409) return 'admin.error.conflict'
  if (problem.status === 0) return 'admin.error.network'
  return 'admin.error.failed'
}
