// Runs an async job at most once per `gapMs`, however often it is asked for: a request while one is running or too
// soon after the last start is remembered and run once, as soon as allowed.

export interface Timers {
  now(): number
  set(fn: () => void, ms: number): unknown
  clear(handle: unknown): void
}

const realTimers: Timers = {
  now: () => Date.now(),
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export interface Throttled {
  /** Asks for a run: now, or once at the earliest allowed moment. */
  poke(): void
  /** Forgets a waiting run (a running one finishes on its own). */
  cancel(): void
}

export function throttle(job: () => Promise<void>, gapMs: number, timers: Timers = realTimers): Throttled {
  let lastStart = -Infinity
  let running = false
  let wanted = false
  let timer: unknown = null
  let cancelled = false

  const start = (): void => {
    timer = null
    wanted = false
    running = true
    lastStart = timers.now()
    job()
      .catch(() => {
        // The job reports its own failures; the next poke tries again.
      })
      .finally(() => {
        running = false
        if (wanted && !cancelled) poke()
      })
  }

  const poke = (): void => {
    cancelled = false
    if (running) {
      wanted = true
      return
    }
    if (timer !== null) return
    const wait = lastStart + gapMs - timers.now()
    if (wait <= 0) start()
    else timer = timers.set(start, wait)
  }

  return {
    poke,
    cancel() {
      cancelled = true
      wanted = false
      if (timer !== null) timers.clear(timer)
      timer = null
    },
  }
}
