// Composes the HTTP surface: health, auth, REST v1, OpenAPI, sockets and static files, with one error handler.
import { Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Logger } from '../app/ports.ts'
import { apiError } from './api-error.ts'
import type { StaffEnv } from './staff-auth-middleware.ts'

export function createHttpApp(parts: {
  log: Logger
  health: Hono
  auth: Hono<StaffEnv>
  api: Hono<StaffEnv>
  directory: Hono<StaffEnv>
  admin: Hono<StaffEnv>
  /** Labels, canned responses, notifications. */
  workflow: Hono<StaffEnv>
  /** Files for replies. */
  uploads: Hono<StaffEnv>
  /** Reports for supervisors. */
  reports: Hono<StaffEnv>
  /** The knowledge base. */
  kb: Hono<StaffEnv>
  /** Knowledge quizzes. */
  quizzes: Hono<StaffEnv>
  /** The rating page of e-mail surveys (public, by token). */
  survey: Hono
  contacts: Hono<StaffEnv>
  /** Authenticates staff or the widget visitor itself. */
  attachments: Hono
  /** Provider webhooks, each authenticated by its connector before it is parsed. */
  connectors: { path: string; app: Hono }[]
  openapi: () => unknown
  statics: Hono
  requireStaff: MiddlewareHandler<StaffEnv>
}) {
  const app = new Hono<StaffEnv>()
  app.onError((err, c) => {
    parts.log.error({ err, path: c.req.path }, 'request failed')
    return apiError(c, 'internal', 'Internal error')
  })
  const smallBodies = bodyLimit({ maxSize: 256 * 1024, onError: (c) => apiError(c, 'payload_too_large', 'The body is too large') })
  // Uploads have their own limit (a file of up to 25 MB); every other API body is small.
  app.use('/api/*', (c, next) => (c.req.path === '/api/uploads' ? next() : smallBodies(c, next)))
  app.route('/', parts.health)
  for (const c of parts.connectors) app.route(c.path, c.app)
  app.route('/survey', parts.survey)
  app.get('/api/openapi.json', (c) => c.json(parts.openapi()))
  app.route('/api/auth', parts.auth)
  app.use('/api/conversations/*', parts.requireStaff)
  app.use('/api/conversations', parts.requireStaff)
  app.route('/api/conversations', parts.api)
  for (const path of ['/api/queues', '/api/offices', '/api/consultants']) app.use(path, parts.requireStaff)
  app.route('/api', parts.directory)
  app.use('/api/contacts', parts.requireStaff)
  app.use('/api/contacts/*', parts.requireStaff)
  app.route('/api/contacts', parts.contacts)
  app.route('/api/attachments', parts.attachments)
  app.use('/api/uploads', parts.requireStaff)
  app.route('/api/uploads', parts.uploads)
  for (const path of ['/api/admin/*', '/api/supervisor/*', '/api/presence-reasons', '/api/dispositions', '/api/me/*', '/api/labels', '/api/canned-responses', '/api/notifications', '/api/notifications/*', '/api/reports', '/api/reports.csv', '/api/quizzes', '/api/quizzes/*', '/api/quiz-attempts/*']) {
    app.use(path, parts.requireStaff)
  }
  app.use('/api/kb/*', parts.requireStaff)
  app.route('/api', parts.kb)
  // Before the routing administration: /api/admin/quizzes and /api/admin/quiz-results are the quizzes' own.
  app.route('/api', parts.quizzes)
  // Labels and canned responses first: their admin paths are not routing administration.
  app.route('/api', parts.workflow)
  app.route('/api', parts.reports)
  app.route('/api', parts.admin)
  app.all('/api/*', (c) => apiError(c, 'not_found', 'No such API route'))
  // WebSocket upgrades are taken by the server's upgrade listener before Hono; a plain request lands here.
  app.all('/ws/*', (c) => apiError(c, 'upgrade_required', 'This endpoint speaks WebSocket'))
  app.route('/', parts.statics)
  return app
}
