// The console's one WebSocket to /ws/staff: JSON frames in and out, a ping heartbeat, and reconnects with backoff and jitter.
import type { StaffFrame, StaffServerFrame } from '$protocol/frames.ts'
import { backoffDelay } from './backoff.ts'

export type SocketState = 'connecting' | 'open' | 'closed'

/** The part of the browser's WebSocket that this class uses, so tests can hand in a fake. */
export interface SocketLike {
  readonly readyState: number
  onopen: ((event: Event) => void) | null
  onmessage: ((event: MessageEvent) => void) | null
  onclose: ((event: CloseEvent) => void) | null
  onerror: ((event: Event) => void) | null
  send(data: string): void
  close(code?: number, reason?: string): void
}

export interface StaffSocketOptions {
  url: () => string
  createSocket?: (url: string) => SocketLike
  onState: (state: SocketState) => void
  /** After `welcome`: subscribe again, resend, refetch lists. */
  onReady: (frame: Extract<StaffServerFrame, { type: 'welcome' }>) => void
  onFrame: (frame: StaffServerFrame) => void
  /** The socket went away; `welcomed` tells whether it ever got as far as `welcome`. */
  onDrop?: (info: { welcomed: boolean; code: number }) => void
  pingEveryMs?: number
  /** Drop the socket when no frame arrives this long after a ping (or after opening). */
  silenceMs?: number
  delay?: (attempt: number) => number
}

const OPEN = 1

export class StaffSocket {
  #options: StaffSocketOptions
  #socket: SocketLike | null = null
  #state: SocketState = 'closed'
  #attempt = 0
  #stopped = true
  #welcomed = false
  #frames = 0
  #retryTimer: ReturnType<typeof setTimeout> | undefined
  #pingTimer: ReturnType<typeof setInterval> | undefined
  #silenceTimer: ReturnType<typeof setTimeout> | undefined

  constructor(options: StaffSocketOptions) {
    this.#options = options
  }

  get state(): SocketState {
    return this.#state
  }

  /** Connects and keeps reconnecting until `stop()`. */
  start(): void {
    if (!this.#stopped) return
    this.#stopped = false
    this.#attempt = 0
    this.#connect()
  }

  stop(): void {
    this.#stopped = true
    clearTimeout(this.#retryTimer)
    this.#drop(1000, false)
    this.#setState('closed')
  }

  /** Skip the backoff wait, e.g. when the browser says it is online again. */
  reconnectNow(): void {
    if (this.#stopped || this.#socket) return
    clearTimeout(this.#retryTimer)
    this.#connect()
  }

  /** Sends a frame if the socket is ready; false means the caller must keep it for later. */
  send(frame: StaffFrame): boolean {
    const socket = this.#socket
    if (!socket || !this.#welcomed || socket.readyState !== OPEN) return false
    try {
      socket.send(JSON.stringify(frame))
      return true
    } catch {
      return false
    }
  }

  #connect(): void {
    this.#setState('connecting')
    this.#welcomed = false
    let socket: SocketLike
    try {
      socket = (this.#options.createSocket ?? ((url) => new WebSocket(url)))(this.#options.url())
    } catch {
      this.#scheduleRetry()
      return
    }
    this.#socket = socket
    // The hub greets at once; a socket that stays silent is as good as dead.
    socket.onopen = () => this.#expectFrame()
    socket.onmessage = (event) => this.#receive(event.data)
    socket.onerror = () => {
      // A close event follows; nothing to do here.
    }
    socket.onclose = (event) => {
      if (socket !== this.#socket) return
      this.#lost(event.code)
    }
  }

  #receive(data: unknown): void {
    this.#frames += 1
    if (typeof data !== 'string') return
    let frame: StaffServerFrame
    try {
      frame = JSON.parse(data) as StaffServerFrame
    } catch {
      return
    }
    if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string') return
    if (frame.type === 'welcome') {
      this.#welcomed = true
      this.#attempt = 0
      clearTimeout(this.#silenceTimer)
      this.#startHeartbeat()
      this.#setState('open')
      this.#options.onReady(frame)
      return
    }
    this.#options.onFrame(frame)
  }

  #startHeartbeat(): void {
    clearInterval(this.#pingTimer)
    this.#pingTimer = setInterval(() => {
      if (this.send({ type: 'ping' })) this.#expectFrame()
    }, this.#options.pingEveryMs ?? 25_000)
  }

  /** Unless a frame (the welcome, a pong, anything) comes within silenceMs, the socket is dead. */
  #expectFrame(): void {
    const seen = this.#frames
    clearTimeout(this.#silenceTimer)
    this.#silenceTimer = setTimeout(() => {
      if (this.#frames > seen && this.#welcomed) return
      this.#lost(4000)
    }, this.#options.silenceMs ?? 10_000)
  }

  /** The socket is gone or presumed dead: tell, then try again later. */
  #lost(code: number): void {
    const welcomed = this.#welcomed
    this.#drop(4000, true)
    this.#setState('closed')
    this.#options.onDrop?.({ welcomed, code })
    if (!this.#stopped) this.#scheduleRetry()
  }

  #drop(code: number, dead: boolean): void {
    clearInterval(this.#pingTimer)
    clearTimeout(this.#silenceTimer)
    const socket = this.#socket
    this.#socket = null
    this.#welcomed = false
    if (!socket) return
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null
    try {
      socket.close(dead ? 4000 : code, dead ? 'heartbeat' : 'bye')
    } catch {
      // Already closed.
    }
  }

  #scheduleRetry(): void {
    this.#setState('closed')
    clearTimeout(this.#retryTimer)
    const wait = (this.#options.delay ?? ((n) => backoffDelay(n)))(this.#attempt)
    this.#attempt += 1
    this.#retryTimer = setTimeout(() => {
      if (!this.#stopped) this.#connect()
    }, wait)
  }

  #setState(state: SocketState): void {
    if (this.#state === state) return
    this.#state = state
    this.#options.onState(state)
  }
}
