// A waiting citizen's estimated wait: their place in the queue over the pace at which the queue has lately been served.

/** Assignments further back than this do not count: the pace of the last half hour. */
export const PACE_WINDOW_MS = 30 * 60_000
/** Fewer assignments than this in the window: too little to go on, no estimate is shown. */
export const MIN_SAMPLES = 3
const STEP_S = 30
const CAP_S = 2 * 3600

/**
 * Seconds until a conversation at `position` (1 = next) is likely taken, rounded up to 30 s; null when the queue
 * was served too rarely of late to say. Pace = assignments in the window / time since the oldest of them.
 */
export function estimateWaitSeconds(position: number, assignedAtMs: readonly number[], nowMs: number): number | null {
  const recent = assignedAtMs.filter((t) => t <= nowMs && nowMs - t <= PACE_WINDOW_MS)
  if (position < 1 || recent.length < MIN_SAMPLES) return null
  const span = nowMs - Math.min(...recent)
  if (span <= 0) return null
  const perSecond = recent.length / (span / 1000)
  const seconds = position / perSecond
  return Math.min(CAP_S, Math.max(STEP_S, Math.ceil(seconds / STEP_S) * STEP_S))
}
