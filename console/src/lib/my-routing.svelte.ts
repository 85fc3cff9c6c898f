// The signed-in consultant's own routing from GET /api/me/routing (capacity per channel kind and load now), for the
// header. Refetched at most once a second when the staff socket rings as it does for the supervisor's board; a hub
// without the route simply shows nothing.
import type { MyRouting } from '$protocol/admin.ts'
import { HttpError, request } from './api.ts'
import { throttle, type Throttled } from './admin/throttle.ts'
import { connection } from './connection.svelte.ts'
import { ringsMyLoad } from './my-load.ts'
import { session } from './session.svelte.ts'

const MIN_GAP_MS = 1000

class MyRoutingState {
  data = $state.raw<MyRouting | null>(null)
  #refetch: Throttled = throttle(() => this.#load(), MIN_GAP_MS)
  #stopListening: (() => void) | null = null
  #generation = 0

  constructor() {
    session.onLeave(() => {
      this.stop()
      this.data = null
    })
  }

  /** Starts watching (fetches now); the returned function stops it, for onMount. */
  start(): () => void {
    this.stop()
    this.#stopListening = connection.listen((frame) => {
      if (ringsMyLoad(frame, session.consultant?.id)) this.#refetch.poke()
    })
    this.#refetch.poke()
    return () => this.stop()
  }

  stop(): void {
    this.#stopListening?.()
    this.#stopListening = null
    this.#refetch.cancel()
    this.#generation++
  }

  async #load(): Promise<void> {
    const generation = this.#generation
    try {
      const answer = await request<MyRouting>('/api/me/routing')
      if (generation === this.#generation) this.data = answer
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      // 404 (an older hub) or 403: nothing to show. Otherwise keep the last numbers; the next ring tries again.
      if (generation === this.#generation && (error.status === 404 || error.status === 403)) this.data = null
    }
  }
}

export const myRouting = new MyRoutingState()
