// Reads a JSON request body and validates it against a zod schema, as a value rather than a throw.
import type { Context } from 'hono'
import type { z } from 'zod'

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: 'bad_json' | 'bad_request' | 'unsupported_media_type'; message: string; details?: unknown }

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<Parsed<z.infer<S>>> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    return { ok: false, code: 'unsupported_media_type', message: 'Content-Type must be application/json' }
  }
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    return { ok: false, code: 'bad_json', message: 'The body is not valid JSON' }
  }
  return validate(schema, body)
}

export function validate<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.infer<S>> {
  const r = schema.safeParse(input)
  if (r.success) return { ok: true, value: r.data }
  return {
    ok: false,
    code: 'bad_request',
    message: 'The request has invalid fields',
    details: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  }
}
