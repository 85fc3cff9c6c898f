// The WebSocket to the hub: connect, heartbeat (ping every 25 s, 10 s deadline), reconnect with backoff and full jitter.
import type { VisitorFrame, VisitorServerFrame } from '../../protocol/frames.ts'
import { HEARTBEAT_MS } from '../../protocol/limits.ts'

export const PONG_WAIT_MS = 10_000
export const BACKOFF_BASE_MS = 500
export const BACKOFF_CAP_MS = 30_000

/** Full jitter: a random delay in [0, min(cap, base * 2^attempt)). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16))
  return Math.floor(random() * ceiling)
}

export interface ConnectionEvents {
  /** The socket opened: send hello. */
  open(): void
  frame(frame: VisitorServerFrame): void
  /** The socket is gone (a reconnect is scheduled). */
  closed(): void
  /** The browser reports it went offline. */
  offline(): void
}

const OPEN = 1

export class Connection {
  private ws: WebSocket | null = null
  private attempt = 0
  private retry: ReturnType<typeof setTimeout> | undefined
  private beat: ReturnType<typeof setInterval> | undefined
  private deadline: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly url: string,
    private readonly on: ConnectionEvents,
    private readonly random: () => number = Math.random,
  ) {}

  /** Connects and listens to the browser's online/offline events on `win`. */
  start(win: EventTarget): void {
    win.addEventListener('online', () => (this.ws ? this.ping() : this.connect()))
    win.addEventListener('offline', () => {
      this.on.offline()
      this.ping()
    })
    this.connect()
  }

  /** Sends a frame if the socket is open; false otherwise. */
  send(frame: VisitorFrame): boolean {
    const ws = this.ws
    if (!ws || ws.readyState !== OPEN) return false
    ws.send(JSON.stringify(frame))
    return true
  }

  /** The hub welcomed us: the next outage starts the backoff from the beginning. */
  welcomed(): void {
    this.attempt = 0
  }

  /** Closes the socket and connects again at once, without backoff (a new visitor after forgetting). */
  restart(): void {
    this.close()
    this.attempt = 0
    this.connect()
  }

  private connect(): void {
    clearTimeout(this.retry)
    this.retry = undefined
    let ws: WebSocket
    try {
      ws = new WebSocket(this.url)
    } catch {
      this.on.closed()
      this.schedule()
      return
    }
    this.ws = ws
    ws.onopen = () => {
      this.beat = setInterval(() => this.ping(), HEARTBEAT_MS)
      this.on.open()
    }
    ws.onmessage = (m: MessageEvent) => {
      clearTimeout(this.deadline)
      this.deadline = undefined
      let frame: unknown
      try {
        frame = JSON.parse(String(m.data))
      } catch {
        return
      }
      if (frame && typeof (frame as { type?: unknown }).type === 'string') this.on.frame(frame as VisitorServerFrame)
    }
    ws.onclose = () => this.drop()
    ws.onerror = () => undefined
  }

  /** Pings and expects any frame within 10 s, or drops the socket. */
  private ping(): void {
    if (!this.send({ type: 'ping' }) || this.deadline) return
    this.deadline = setTimeout(() => this.drop(), PONG_WAIT_MS)
  }

  /** Forgets the socket at once (a dead network may never deliver `close`) and schedules a reconnect. */
  private drop(): void {
    if (!this.close()) return
    this.on.closed()
    this.schedule()
  }

  /** Closes and detaches the socket, so nothing more arrives from it; false if there was none. */
  private close(): boolean {
    const ws = this.ws
    if (!ws) return false
    this.ws = null
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null
    try {
      ws.close()
    } catch {
      /* already closing */
    }
    clearInterval(this.beat)
    clearTimeout(this.deadline)
    this.beat = this.deadline = undefined
    return true
  }

  private schedule(): void {
    clearTimeout(this.retry)
    this.retry = setTimeout(() => this.connect(), backoffDelay(this.attempt++, this.random))
  }
}
