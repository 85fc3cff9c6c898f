// Sign in, sign out and "who am I" for the console and API clients.
import { Hono } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { deleteCookie, setCookie } from 'hono/cookie'
import { LoginBody } from '../../protocol/rest.ts'
import { publicConsultant, type StaffAuth } from '../app/staff-auth.ts'
import { apiError } from './api-error.ts'
import { readJson } from './request-body.ts'
import { requireStaff, SESSION_COOKIE, type StaffEnv } from './staff-auth-middleware.ts'

export function authRoutes(deps: { auth: StaffAuth; secureCookies: boolean }) {
  const app = new Hono<StaffEnv>()

  app.post('/login', async (c) => {
    const body = await readJson(c, LoginBody)
    if (!body.ok) return apiError(c, body.code, body.message, body.details)
    const r = await deps.auth.login({
      ...body.value,
      ip: clientAddress(c),
      userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null,
    })
    if (!r.ok && r.error === 'throttled') {
      const seconds = Math.ceil(r.retryAfterMs / 1000)
      c.header('Retry-After', String(seconds))
      return apiError(c, 'throttled', `Too many failed sign-ins; try again in ${seconds} s`, { retryAfterSeconds: seconds })
    }
    if (!r.ok) return apiError(c, 'bad_credentials', 'Wrong e-mail or password')
    setCookie(c, SESSION_COOKIE, r.token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: deps.secureCookies,
      path: '/',
      expires: r.expiresAt,
    })
    return c.json({ token: r.token, expiresAt: r.expiresAt.toISOString(), consultant: r.consultant })
  })

  app.post('/logout', requireStaff(deps.auth), async (c) => {
    await deps.auth.logout(c.get('token'))
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.body(null, 204)
  })

  app.get('/me', requireStaff(deps.auth), (c) => c.json(publicConsultant(c.get('consultant'))))

  return app
}

function clientAddress(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}
