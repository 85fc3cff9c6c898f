// The Clock port on the machine's clock; timers do not keep the process alive.
import type { Clock } from './app/ports.ts'

/** setTimeout fires at once beyond 2^31-1 ms (about 24.8 days); longer timers are chained in steps of this. */
const MAX_STEP_MS = 2 ** 31 - 1

export function createSystemClock(): Clock {
  return {
    now: () => new Date(),
    setTimer(fn, ms) {
      const at = Date.now() + Math.max(0, ms)
      let t: NodeJS.Timeout
      const arm = () => {
        const left = at - Date.now()
        t = setTimeout(left > MAX_STEP_MS ? arm : fn, Math.min(Math.max(0, left), MAX_STEP_MS))
        t.unref()
      }
      arm()
      return () => clearTimeout(t)
    },
  }
}
