// The Clock port on the machine's clock; timers do not keep the process alive.
import type { Clock } from './app/ports.ts'

export function createSystemClock(): Clock {
  return {
    now: () => new Date(),
    setTimer(fn, ms) {
      const t = setTimeout(fn, Math.max(0, ms))
      t.unref()
      return () => clearTimeout(t)
    },
  }
}
