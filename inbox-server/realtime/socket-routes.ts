// The two WebSocket endpoints: /ws/visitor (Origin-checked) and /ws/staff (authenticated before the upgrade).
import { Hono } from 'hono'
import { upgradeWebSocket } from '@hono/node-server'
import type { WebSocket } from 'ws'
import type { StaffAuth } from '../app/staff-auth.ts'
import { apiError } from '../http/api-error.ts'
import { requireStaff, type StaffEnv } from '../http/staff-auth-middleware.ts'
import type { Heartbeat } from './heartbeat.ts'
import { openStaffConnection, type StaffDeps } from './staff-connection.ts'
import { openVisitorConnection, type VisitorDeps } from './visitor-connection.ts'

type Connection = { onMessage(data: unknown): void; onClose(): void }

export function socketRoutes(deps: {
  auth: StaffAuth
  allowedOrigins: string[]
  heartbeat: Heartbeat
  visitor: VisitorDeps
  staff: StaffDeps
}) {
  const app = new Hono<StaffEnv>()
  const anyOrigin = deps.allowedOrigins.includes('*')

  app.get(
    '/visitor',
    async (c, next) => {
      const origin = c.req.header('origin')
      if (!anyOrigin && (!origin || !deps.allowedOrigins.includes(origin))) {
        return apiError(c, 'forbidden', 'This origin may not open the chat socket')
      }
      await next()
    },
    upgradeWebSocket(() => {
      let conn: Connection | undefined
      return {
        onOpen(_e, ws) {
          const raw = ws.raw as WebSocket
          deps.heartbeat.track(raw)
          conn = openVisitorConnection(raw, deps.visitor)
        },
        onMessage: (e) => conn?.onMessage(e.data),
        onClose: () => conn?.onClose(),
      }
    }),
  )

  app.get(
    '/staff',
    async (c, next) => {
      // A browser sends its Origin: only the console's own origin may use the session cookie here.
      const origin = c.req.header('origin')
      if (origin && new URL(origin).host !== c.req.header('host')) return apiError(c, 'forbidden', 'Cross-origin staff socket refused')
      await next()
    },
    requireStaff(deps.auth),
    upgradeWebSocket((c) => {
      const consultant = c.get('consultant')
      const token = c.get('token')
      let conn: Connection | undefined
      return {
        onOpen(_e, ws) {
          const raw = ws.raw as WebSocket
          deps.heartbeat.track(raw)
          conn = openStaffConnection(raw, consultant, token, deps.staff)
        },
        onMessage: (e) => conn?.onMessage(e.data),
        onClose: () => conn?.onClose(),
      }
    }),
  )
  return app
}
