// The two WebSocket endpoints on the HTTP server's upgrade event: /ws/visitor (Origin-checked) and /ws/staff
// (authenticated before the upgrade). Handled directly with ws rather than through Hono: see docs/decisions.md.
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import type { ConsultantRecord } from '../app/ports.ts'
import type { StaffAuth } from '../app/staff-auth.ts'
import { tokenFromHeaders } from '../http/staff-auth-middleware.ts'
import type { Heartbeat } from './heartbeat.ts'
import { openStaffConnection, type StaffDeps } from './staff-connection.ts'
import { openVisitorConnection, type VisitorDeps } from './visitor-connection.ts'

export interface SocketEndpointDeps {
  auth: StaffAuth
  allowedOrigins: string[]
  /** The console's own origin (from PUBLIC_URL); behind a proxy the Host header may not say it. */
  publicOrigin: string
  heartbeat: Heartbeat
  visitor: VisitorDeps
  staff: StaffDeps
}

type Connection = { onMessage(data: unknown): void; onClose(): void }

export function attachSocketEndpoints(server: Server, deps: SocketEndpointDeps) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 })
  const anyOrigin = deps.allowedOrigins.includes('*')

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', destroyOnError)
    const path = (req.url ?? '/').split('?')[0]
    if (path === '/ws/visitor') {
      const origin = req.headers.origin
      if (!anyOrigin && (!origin || !deps.allowedOrigins.includes(origin))) return refuse(socket, 403, 'forbidden', 'This origin may not open the chat socket')
      return wss.handleUpgrade(req, socket, head, (ws) => wire(ws, openVisitorConnection(ws, deps.visitor), deps.heartbeat))
    }
    if (path === '/ws/staff') {
      // A browser sends its Origin: only the console's own origin may use the session cookie here.
      const origin = req.headers.origin
      if (origin && origin !== deps.publicOrigin && hostOf(origin) !== req.headers.host) {
        return refuse(socket, 403, 'forbidden', 'Cross-origin staff socket refused')
      }
      const token = tokenFromHeaders(req.headers.authorization, req.headers.cookie)
      if (!token) return refuse(socket, 401, 'unauthorized', 'Sign in or send a valid bearer token')
      deps.auth.authenticate(token).then(
        (consultant) => {
          if (!consultant) return refuse(socket, 401, 'unauthorized', 'Sign in or send a valid bearer token')
          if (socket.destroyed) return
          wss.handleUpgrade(req, socket, head, (ws) => wireStaff(ws, consultant, token, deps))
        },
        () => refuse(socket, 500, 'internal', 'Internal error'),
      )
      return
    }
    refuse(socket, 404, 'not_found', 'No such socket endpoint')
  })

  return {
    close() {
      for (const ws of wss.clients) ws.terminate()
      wss.close()
    },
  }
}

// Wiring lives in functions of its own so that the long-lived listeners close over the socket and its
// connection only, never over the upgrade request (which would keep its headers alive per socket).
function wireStaff(ws: WebSocket, consultant: ConsultantRecord, token: string, deps: SocketEndpointDeps) {
  wire(ws, openStaffConnection(ws, consultant, token, deps.staff), deps.heartbeat)
}

function wire(ws: WebSocket, conn: Connection, heartbeat: Heartbeat) {
  heartbeat.track(ws)
  ws.on('message', (data: RawData, isBinary: boolean) => conn.onMessage(isBinary ? data : data.toString()))
  ws.on('close', () => conn.onClose())
  ws.on('error', () => ws.terminate())
}

// A named function, not a closure: a listener closing over the upgrade handler's scope would keep the request alive.
function destroyOnError(this: Duplex) {
  this.destroy()
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host
  } catch {
    return null
  }
}

function refuse(socket: Duplex, status: number, code: string, message: string) {
  if (socket.destroyed) return
  const body = JSON.stringify({ error: { code, message } })
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' }[status] ?? 'Error'
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
}
