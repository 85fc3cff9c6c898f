// A worker's drive: drains now when poked (once at a time, again if poked meanwhile) and every `pollMs` anyway,
// so work committed by another node or left by a crash is picked up.
import type { Clock, Logger } from '../app/ports.ts'

export function createPollLoop(deps: { clock: Clock; log: Logger; pollMs: number; name: string; drain: () => Promise<void> }) {
  let running: Promise<void> | null = null
  let again = false
  let stopped = false
  let cancel: (() => void) | null = null

  function poke(): Promise<void> {
    if (stopped) return Promise.resolve()
    if (running) {
      again = true
      return running
    }
    running = deps
      .drain()
      .catch((err: unknown) => deps.log.error({ err }, `${deps.name} drain failed`))
      .finally(() => {
        running = null
        if (again) {
          again = false
          void poke()
        }
      })
    return running
  }

  function tick() {
    if (stopped) return
    cancel = deps.clock.setTimer(() => void poke().finally(tick), deps.pollMs)
  }
  tick()

  return {
    poke,
    stop() {
      stopped = true
      cancel?.()
    },
  }
}
