// Who is signed in: asks /api/auth/me once on start, signs in and out, and sends the browser to /login when the API says 401.
import { goto } from '$app/navigation'
import type { Consultant, LoginResult } from '$protocol/rest.ts'
import { HttpError, request, setUnauthorizedHandler } from './api.ts'

const SIGNED_OUT_REUSE_MS = 5000

/** Signing out forgets drafts; an expired session keeps them for after signing in again. */
export type LeaveReason = 'logout' | 'expired'

class Session {
  consultant = $state<Consultant | null>(null)
  #check: Promise<Consultant | null> | null = null
  #checkedAt = 0
  #leaveHandlers = new Set<(reason: LeaveReason) => void>()

  constructor() {
    setUnauthorizedHandler(() => this.expire())
  }

  /** The signed-in consultant, asking the hub once; null when signed out. Throws if the hub cannot be reached. */
  ensure(): Promise<Consultant | null> {
    if (this.consultant) return Promise.resolve(this.consultant)
    // A "signed out" answer is reused briefly, so the redirect to /login does not ask again.
    if (this.#check && this.#checkedAt && Date.now() - this.#checkedAt > SIGNED_OUT_REUSE_MS) this.#check = null
    this.#check ??= request<Consultant>('/api/auth/me', { expect401: true })
      .then((me) => (this.consultant = me))
      .catch((error: unknown) => {
        if (error instanceof HttpError && error.status === 401) {
          this.#checkedAt = Date.now()
          return null
        }
        this.#check = null
        throw error
      })
    return this.#check
  }

  /** Throws HttpError: 401 for a wrong e-mail or password, 429 with retryAfter after too many tries. */
  async login(email: string, password: string): Promise<Consultant> {
    const result = await request<LoginResult>('/api/auth/login', {
      method: 'POST',
      body: { email, password },
      expect401: true,
    })
    this.consultant = result.consultant
    this.#check = null
    this.#checkedAt = 0
    return result.consultant
  }

  async logout(): Promise<void> {
    try {
      await request('/api/auth/logout', { method: 'POST', expect401: true })
    } catch {
      // Signed out here either way; the cookie expires on its own.
    }
    this.#signedOut('logout')
    await goto('/login')
  }

  /** The hub no longer knows our session: clear everything and ask to sign in again. */
  expire(): void {
    if (!this.consultant && location.pathname === '/login') return
    this.#signedOut('expired')
    const next = location.pathname + location.search
    void goto(next === '/' || next.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(next)}`)
  }

  /** Runs on sign-out or expiry, e.g. to close the socket and forget drafts. */
  onLeave(handler: (reason: LeaveReason) => void): () => void {
    this.#leaveHandlers.add(handler)
    return () => this.#leaveHandlers.delete(handler)
  }

  #signedOut(reason: LeaveReason): void {
    this.consultant = null
    this.#check = Promise.resolve(null)
    this.#checkedAt = Date.now()
    for (const handler of this.#leaveHandlers) handler(reason)
  }
}

export const session = new Session()

/** Where to go after signing in: only a path on this site, never another origin. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/login') ? next : '/'
}
