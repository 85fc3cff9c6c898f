// The staff WebSocket's state for the header ("Połączono" / "Łączenie…" / "Brak połączenia") and the way to send frames on it.
import type { StaffFrame, StaffServerFrame } from '$protocol/frames.ts'
import { HEARTBEAT_MS } from '$protocol/limits.ts'
import { StaffSocket, type SocketState, type StaffSocketOptions } from './staff-socket.ts'

export type ConnectionHandlers = Pick<StaffSocketOptions, 'onReady' | 'onFrame' | 'onDrop'>

function staffUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}/ws/staff`
}

/** Hears every frame the hub sends, `welcome` (each reconnect) included. */
export type FrameListener = (frame: StaffServerFrame) => void

class Connection {
  state = $state<SocketState>('connecting')
  #socket: StaffSocket | null = null
  #listeners = new Set<FrameListener>()

  start(handlers: ConnectionHandlers): void {
    this.#socket?.stop()
    this.#socket = new StaffSocket({
      url: staffUrl,
      pingEveryMs: HEARTBEAT_MS,
      silenceMs: 10_000,
      onState: (state) => (this.state = state),
      ...handlers,
      onReady: (frame) => {
        handlers.onReady(frame)
        this.#tell(frame)
      },
      onFrame: (frame) => {
        handlers.onFrame(frame)
        this.#tell(frame)
      },
    })
    this.#socket.start()
  }

  /** Another screen (e.g. the supervisor's board) listens to the desk's socket too; returns the way to stop. */
  listen(listener: FrameListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #tell(frame: StaffServerFrame): void {
    for (const listener of this.#listeners) {
      try {
        listener(frame)
      } catch (error) {
        console.error('frame listener failed', error)
      }
    }
  }

  stop(): void {
    this.#socket?.stop()
    this.#socket = null
  }

  /** False when the socket is not ready; the caller keeps the frame's intent and retries later. */
  send(frame: StaffFrame): boolean {
    return this.#socket?.send(frame) ?? false
  }

  reconnectNow(): void {
    this.#socket?.reconnectNow()
  }
}

export const connection = new Connection()
