// Token bucket for per-socket send limits (pure; time passed in).

export interface Bucket {
  tokens: number
  atMs: number
}

export function fullBucket(burst: number, nowMs: number): Bucket {
  return { tokens: burst, atMs: nowMs }
}

/** Takes one token if there is one; refills at `perSecond` up to `burst`. */
export function take(b: Bucket, nowMs: number, perSecond: number, burst: number): { ok: boolean; bucket: Bucket } {
  const tokens = Math.min(burst, b.tokens + ((nowMs - b.atMs) / 1000) * perSecond)
  if (tokens < 1) return { ok: false, bucket: { tokens, atMs: nowMs } }
  return { ok: true, bucket: { tokens: tokens - 1, atMs: nowMs } }
}
