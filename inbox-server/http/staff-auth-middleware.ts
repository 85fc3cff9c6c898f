// Authenticates staff on REST and on the staff socket: Bearer token, or the console's session cookie.
import type { Context, MiddlewareHandler } from 'hono'
import { parse as parseCookies } from 'hono/utils/cookie'
import type { ConsultantRecord } from '../app/ports.ts'
import type { StaffAuth } from '../app/staff-auth.ts'
import { apiError } from './api-error.ts'

export const SESSION_COOKIE = 'inbox_session'

export type StaffEnv = { Variables: { consultant: ConsultantRecord; token: string } }

/** The bearer token from an Authorization header, else from the console's session cookie. */
export function tokenFromHeaders(authorization: string | undefined, cookie: string | undefined): string | null {
  if (authorization) return /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? null
  return cookie ? (parseCookies(cookie, SESSION_COOKIE)[SESSION_COOKIE] ?? null) : null
}

export function presentedToken(c: Context): string | null {
  return tokenFromHeaders(c.req.header('authorization'), c.req.header('cookie'))
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
