// Slows down password guessing: after a few failures per key, each further attempt waits longer (pure).

export interface ThrottleState {
  failures: number
  lastFailureAt: number
  lockedUntil: number
}

export interface ThrottlePolicy {
  /** Failures allowed before attempts are slowed down. */
  freeFailures: number
  baseDelayMs: number
  maxDelayMs: number
  /** Failures older than this are forgotten. */
  resetAfterMs: number
}

export const DEFAULT_LOGIN_POLICY: ThrottlePolicy = {
  freeFailures: 3,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  resetAfterMs: 15 * 60_000,
}

export const EMPTY_THROTTLE: ThrottleState = { failures: 0, lastFailureAt: 0, lockedUntil: 0 }

/** Milliseconds the caller must still wait before trying again; 0 when an attempt is allowed now. */
export function retryAfterMs(s: ThrottleState, nowMs: number): number {
  return Math.max(0, s.lockedUntil - nowMs)
}

export function recordFailure(s: ThrottleState, nowMs: number, p: ThrottlePolicy): ThrottleState {
  const failures = nowMs - s.lastFailureAt > p.resetAfterMs ? 1 : s.failures + 1
  const over = failures - p.freeFailures
  const delay = over > 0 ? Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (over - 1)) : 0
  return { failures, lastFailureAt: nowMs, lockedUntil: delay > 0 ? nowMs + delay : 0 }
}

export function isForgotten(s: ThrottleState, nowMs: number, p: ThrottlePolicy): boolean {
  return nowMs - s.lastFailureAt > p.resetAfterMs && s.lockedUntil <= nowMs
}
