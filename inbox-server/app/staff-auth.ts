// Staff sign-in: password check with throttling, session tokens (only their hashes stored), sign-out.
import { createHash, randomBytes } from 'node:crypto'
import type { Consultant } from '../../protocol/rest.ts'
import {
  DEFAULT_LOGIN_POLICY,
  EMPTY_THROTTLE,
  isForgotten,
  recordFailure,
  retryAfterMs,
  type ThrottlePolicy,
  type ThrottleState,
} from '../domain/login-throttle.ts'
import { DUMMY_HASH, verifyPassword } from './password-hash.ts'
import type { Clock, ConsultantRecord, Logger, Store } from './ports.ts'

export type LoginResult =
  | { ok: true; token: string; expiresAt: Date; consultant: Consultant }
  | { ok: false; error: 'bad_credentials' }
  | { ok: false; error: 'throttled'; retryAfterMs: number }

export interface StaffAuth {
  login(input: { email: string; password: string; ip: string; userAgent: string | null }): Promise<LoginResult>
  authenticate(token: string): Promise<ConsultantRecord | null>
  logout(token: string): Promise<boolean>
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export function publicConsultant(c: ConsultantRecord): Consultant {
  return { id: c.id, email: c.email, name: c.name, role: c.role }
}

export function createStaffAuth(deps: {
  store: Store
  clock: Clock
  log: Logger
  sessionTtlMs: number
  policy?: ThrottlePolicy
  /** IPs get more room than one account: a whole office may sit behind one address. */
  ipPolicy?: ThrottlePolicy
}): StaffAuth {
  const policy = deps.policy ?? DEFAULT_LOGIN_POLICY
  const ipPolicy = deps.ipPolicy ?? { ...DEFAULT_LOGIN_POLICY, freeFailures: 30 }
  const throttles = new Map<string, ThrottleState>()

  function state(key: string): ThrottleState {
    return throttles.get(key) ?? EMPTY_THROTTLE
  }
  function sweep(nowMs: number) {
    if (throttles.size < 10_000) return
    for (const [k, s] of throttles) if (isForgotten(s, nowMs, policy)) throttles.delete(k)
  }

  return {
    async login({ email, password, ip, userAgent }) {
      const now = deps.clock.now()
      const nowMs = now.getTime()
      const emailKey = `email:${email}`
      const ipKey = `ip:${ip}`
      const wait = Math.max(retryAfterMs(state(emailKey), nowMs), retryAfterMs(state(ipKey), nowMs))
      if (wait > 0) return { ok: false, error: 'throttled', retryAfterMs: wait }

      const consultant = await deps.store.findConsultantByEmail(email)
      const valid = await verifyPassword(password, consultant?.passwordHash ?? DUMMY_HASH)
      if (!consultant || !valid || consultant.disabled) {
        sweep(nowMs)
        throttles.set(emailKey, recordFailure(state(emailKey), nowMs, policy))
        throttles.set(ipKey, recordFailure(state(ipKey), nowMs, ipPolicy))
        deps.log.warn({ event: 'login_failed', ip }, 'login failed')
        return { ok: false, error: 'bad_credentials' }
      }
      throttles.delete(emailKey)
      const token = randomBytes(32).toString('base64url')
      const expiresAt = new Date(nowMs + deps.sessionTtlMs)
      await deps.store.insertSession({ consultantId: consultant.id, tokenHash: hashToken(token), expiresAt, userAgent })
      deps.log.info({ event: 'login', consultantId: consultant.id }, 'signed in')
      return { ok: true, token, expiresAt, consultant: publicConsultant(consultant) }
    },
    authenticate(token) {
      if (token.length < 20 || token.length > 200) return Promise.resolve(null)
      return deps.store.findConsultantByToken(hashToken(token), deps.clock.now())
    },
    logout(token) {
      return deps.store.revokeToken(hashToken(token), deps.clock.now())
    },
  }
}
