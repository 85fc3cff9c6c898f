// Turns raw socket data into a validated client frame, or the error frame to answer with.
import type { z } from 'zod'
import type { ErrorFrame } from '../../protocol/frames.ts'
import { MAX_FRAME_BYTES } from '../../protocol/limits.ts'
import { errorFrame } from './frame-errors.ts'

export function parseFrame<S extends z.ZodType>(schema: S, data: unknown): { ok: true; frame: z.infer<S> } | { ok: false; error: ErrorFrame } {
  if (typeof data !== 'string') return { ok: false, error: errorFrame('bad_frame', undefined, 'binary frames are not accepted') }
  if (Buffer.byteLength(data) > MAX_FRAME_BYTES) return { ok: false, error: errorFrame('frame_too_large') }
  let json: unknown
  try {
    json = JSON.parse(data)
  } catch {
    return { ok: false, error: errorFrame('bad_json') }
  }
  const r = schema.safeParse(json)
  if (r.success) return { ok: true, frame: r.data }
  const clientId = typeof json === 'object' && json !== null && 'clientId' in json && typeof json.clientId === 'string' && json.clientId.length <= 64 ? json.clientId : undefined
  const issue = r.error.issues[0]
  return { ok: false, error: errorFrame('bad_frame', clientId, issue ? `${issue.path.join('.') || 'frame'}: ${issue.message}` : undefined) }
}
