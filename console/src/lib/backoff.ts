// Reconnect delays: exponential growth with a cap and random jitter, so many consoles do not reconnect in step.
export interface BackoffOptions {
  baseMs?: number
  maxMs?: number
  random?: () => number
}

/**
 * The wait before reconnect attempt `attempt` (0 for the first retry).
 * "Equal jitter": half of the exponential step is fixed and half is random, so a retry
 * never fires instantly and the spread grows with the step.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 1000
  const max = options.maxMs ?? 30_000
  const random = options.random ?? Math.random
  const step = Math.min(max, base * 2 ** Math.max(0, Math.min(attempt, 30)))
  return Math.round(step / 2 + random() * (step / 2))
}
