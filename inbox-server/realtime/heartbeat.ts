// Protocol-level pings: a socket that has not answered the previous ping is terminated.
import type { WebSocket } from 'ws'

export interface Heartbeat {
  track(ws: WebSocket): void
  stop(): void
}

export function startHeartbeat(intervalMs: number): Heartbeat {
  const alive = new Map<WebSocket, boolean>()
  const timer = setInterval(() => {
    for (const [ws, ok] of alive) {
      if (!ok) {
        ws.terminate()
        alive.delete(ws)
        continue
      }
      alive.set(ws, false)
      ws.ping()
    }
  }, intervalMs)
  timer.unref()
  return {
    track(ws) {
      alive.set(ws, true)
      ws.on('pong', () => alive.set(ws, true))
      ws.on('message', () => alive.set(ws, true))
      ws.on('close', () => alive.delete(ws))
    },
    stop() {
      clearInterval(timer)
      alive.clear()
    },
  }
}
