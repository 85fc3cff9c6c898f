// The wallboard as the hub pushes it: watched over the staff socket while the page is open (again after every
// reconnect), one board at most a second, no polling.
import type { Wallboard } from '$protocol/wallboard.ts'
import { connection } from './connection.svelte.ts'

class WallboardFeed {
  data = $state.raw<Wallboard | null>(null)
  /** When the last board arrived (this browser's clock), for the waits and times in state that tick between boards. */
  receivedAt = $state(0)
  #stop: (() => void) | null = null

  start(): () => void {
    this.stop()
    const stopListening = connection.listen((frame) => {
      if (frame.type === 'wallboard') {
        this.data = frame.board
        this.receivedAt = Date.now()
      } else if (frame.type === 'welcome') connection.send({ type: 'wallboard', on: true })
    })
    connection.send({ type: 'wallboard', on: true })
    this.#stop = () => {
      stopListening()
      connection.send({ type: 'wallboard', on: false })
    }
    return () => this.stop()
  }

  stop(): void {
    this.#stop?.()
    this.#stop = null
  }
}

export const wallboard = new WallboardFeed()
