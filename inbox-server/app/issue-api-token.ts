// Issues a long-lived API token for an integrator, acting as a staff account; only its hash is stored.
import { randomBytes } from 'node:crypto'
import type { Store } from './ports.ts'
import { hashToken } from './staff-auth.ts'

export type IssueApiTokenResult = { ok: true; token: string } | { ok: false; error: 'no_such_account' | 'invalid'; message: string }

export async function issueApiToken(store: Store, input: { email: string; name: string }): Promise<IssueApiTokenResult> {
  const name = input.name.trim()
  if (!name || name.length > 200) return { ok: false, error: 'invalid', message: 'The token needs a name (at most 200 characters)' }
  const consultant = await store.findConsultantByEmail(input.email.trim().toLowerCase())
  if (!consultant || consultant.disabled) return { ok: false, error: 'no_such_account', message: `No active account ${input.email}` }
  const token = `ih_${randomBytes(32).toString('base64url')}`
  await store.insertApiToken({ consultantId: consultant.id, name, tokenHash: hashToken(token) })
  return { ok: true, token }
}
