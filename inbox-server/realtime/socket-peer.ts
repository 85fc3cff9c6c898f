// Wraps a raw ws socket: JSON frames out, dropped when closed, and cut off when a slow reader falls too far behind.
import type { WebSocket } from 'ws'
import type { Peer } from './fanout.ts'

const MAX_BUFFERED_BYTES = 4 * 1024 * 1024

export function sendFrame(ws: WebSocket, frame: unknown): void {
  if (ws.readyState !== ws.OPEN) return
  if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
    ws.terminate()
    return
  }
  ws.send(JSON.stringify(frame))
}

export function socketPeer<F>(ws: WebSocket): Peer<F> {
  return { send: (frame) => sendFrame(ws, frame) }
}
