// A write refused by the database as a value: a unique key taken (conflict) or a row it points at missing.
import type { WriteResult } from '../app/admin-ports.ts'

/** Unique (23505) and foreign-key (23503) violations, from PGlite or postgres.js, possibly wrapped by drizzle. */
function pgCode(err: unknown): string | null {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 4; e = e.cause as typeof e, i++) {
    if (typeof e.code === 'string' && /^\d{5}$/.test(e.code)) return e.code
  }
  return null
}

export async function guarded<T>(fn: () => Promise<T | null>): Promise<WriteResult<T>> {
  try {
    const value = await fn()
    return value === null ? { ok: false, error: 'not_found' } : { ok: true, value }
  } catch (err) {
    const code = pgCode(err)
    if (code === '23505') return { ok: false, error: 'conflict' }
    if (code === '23503') return { ok: false, error: 'not_found' }
    throw err
  }
}

