// Authenticates staff on REST and on the staff socket: Bearer token, or the console's session cookie.
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { ConsultantRecord } from '../app/ports.ts'
import type { StaffAuth } from '../app/staff-auth.ts'
import { apiError } from './api-error.ts'

export const SESSION_COOKIE = 'inbox_session'

export type StaffEnv = { Variables: { consultant: ConsultantRecord; token: string } }

export function presentedToken(c: Context): string | null {
  const header = c.req.header('authorization')
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header)
    return m?.[1] ?? null
  }
  return getCookie(c, SESSION_COOKIE) ?? null
}

export function requireStaff(auth: StaffAuth): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const token = presentedToken(c)
    const consultant = token ? await auth.authenticate(token) : null
    if (!token || !consultant) return apiError(c, 'unauthorized', 'Sign in or send a valid bearer token')
    c.set('consultant', consultant)
    c.set('token', token)
    await next()
  }
}
