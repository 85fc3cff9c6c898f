// Pushes the wallboard to the supervisor sockets that watch it: computed again after a change (an event, a presence,
// an offer) at most once per second, so a wall screen stays current for hours without polling or a reload.
import type { StaffServerFrame } from '../../protocol/frames.ts'
import type { Wallboard } from '../../protocol/wallboard.ts'
import type { Logger } from '../app/ports.ts'
import type { Peer } from './fanout.ts'

export function createWallboardPush(deps: { compute: () => Promise<Wallboard>; log: Logger; minIntervalMs?: number }) {
  const minMs = deps.minIntervalMs ?? 1000
  const watchers = new Set<Peer<StaffServerFrame>>()
  let last = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let running = false
  let again = false

  async function push(to: Iterable<Peer<StaffServerFrame>>) {
    const board = await deps.compute()
    for (const p of to) p.send({ type: 'wallboard', board })
  }

  /** Computes once for every watcher; a change during the computation runs it again afterwards. */
  function run() {
    timer = undefined
    if (watchers.size === 0) return
    if (running) {
      again = true
      return
    }
    running = true
    last = Date.now()
    push([...watchers])
      .catch((err: unknown) => deps.log.error({ err }, 'wallboard failed'))
      .finally(() => {
        running = false
        if (again) {
          again = false
          changed()
        }
      })
  }

  /** Something the board shows may have changed: at most one computation a second. */
  function changed() {
    if (watchers.size === 0 || timer) return
    timer = setTimeout(run, Math.max(0, last + minMs - Date.now()))
    timer.unref?.()
  }

  return {
    changed,
    watch(p: Peer<StaffServerFrame>, on: boolean) {
      if (!on) return void watchers.delete(p)
      watchers.add(p)
      // The first board at once, for this screen only.
      push([p]).catch((err: unknown) => deps.log.error({ err }, 'wallboard failed'))
    },
    stop() {
      clearTimeout(timer)
      watchers.clear()
    },
  }
}

export type WallboardPush = ReturnType<typeof createWallboardPush>
