// The supervisor's queue board from GET /api/supervisor/queues, kept live: refetched (at most once a second) when the
// staff socket rings with `changed`, `presence` or `offer` or reconnects, and every 15 s in any case.
import type { BoardMember, BoardQueue, BoardWaiting, QueueBoard } from '$protocol/admin.ts'
import type { StaffServerFrame } from '$protocol/frames.ts'
import { HttpError, request } from '../api.ts'
import { connection } from '../connection.svelte.ts'
import { throttle, type Throttled } from './throttle.ts'

const MIN_GAP_MS = 1000
const SAFETY_NET_MS = 15_000
const RINGS: ReadonlySet<StaffServerFrame['type']> = new Set(['changed', 'presence', 'offer', 'welcome'])

/** The waiting conversation the supervisor is assigning, with the queue it waits in. */
export type AssignTarget = { waiting: BoardWaiting; queue: BoardQueue }

export type AssignOutcome = { ok: true } | { ok: false; status: number; message: string }

class Board {
  data = $state.raw<QueueBoard | null>(null)
  status = $state<'loading' | 'ready' | 'error' | 'missing'>('loading')
  #refetch: Throttled = throttle(() => this.#load(), MIN_GAP_MS)
  #stopListening: (() => void) | null = null
  #timer: ReturnType<typeof setInterval> | undefined

  /** Starts watching; the returned function stops it (for an $effect or onMount). */
  start(): () => void {
    this.stop()
    this.#stopListening = connection.listen((frame) => {
      if (RINGS.has(frame.type)) this.#refetch.poke()
    })
    this.#timer = setInterval(() => this.#refetch.poke(), SAFETY_NET_MS)
    this.#refetch.poke()
    return () => this.stop()
  }

  stop(): void {
    this.#stopListening?.()
    this.#stopListening = null
    clearInterval(this.#timer)
    this.#refetch.cancel()
  }

  refresh(): void {
    this.#refetch.poke()
  }

  /** A waiting conversation and its queue, looked up in the latest board. */
  waiting(conversationId: string): BoardWaiting | undefined {
    for (const q of this.data?.queues ?? []) {
      const w = q.waiting.find((x) => x.conversationId === conversationId)
      if (w) return w
    }
    return undefined
  }

  members(queueId: string): BoardMember[] {
    return this.data?.queues.find((q) => q.id === queueId)?.members ?? []
  }

  /**
   * Hands a waiting conversation to a consultant: POST …/assign with `{ consultantId, note? }`. The hub answers 409
   * once it is no longer waiting (taken or resolved) and 404 for a conversation or consultant that is gone.
   */
  async assign(conversationId: string, consultantId: string, note: string): Promise<AssignOutcome> {
    try {
      const trimmed = note.trim()
      await request(`/api/conversations/${encodeURIComponent(conversationId)}/assign`, {
        method: 'POST',
        body: { consultantId, ...(trimmed ? { note: trimmed } : {}) },
      })
      return { ok: true }
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      return { ok: false, status: error.status, message: error.message }
    } finally {
      this.#refetch.poke()
    }
  }

  async #load(): Promise<void> {
    try {
      this.data = await request<QueueBoard>('/api/supervisor/queues')
      this.status = 'ready'
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      if (error.status === 404) this.status = 'missing'
      else if (this.status !== 'ready') this.status = 'error'
    }
  }
}

export const board = new Board()
