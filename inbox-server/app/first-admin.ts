// On first start, creates the administrator from ADMIN_EMAIL/ADMIN_PASSWORD or with a generated password shown once.
import { randomBytes } from 'node:crypto'
import { hashPassword } from './password-hash.ts'
import type { Store } from './ports.ts'

export type FirstAdmin = { created: false } | { created: true; email: string; generatedPassword: string | null }

export async function ensureFirstAdmin(store: Store, opts: { email?: string; password?: string; queueId: string }): Promise<FirstAdmin> {
  if ((await store.countConsultants()) > 0) return { created: false }
  const email = opts.email ?? 'admin@localhost'
  const generatedPassword = opts.password ? null : randomBytes(12).toString('base64url')
  const password = opts.password ?? generatedPassword!
  const created = await store.insertFirstConsultant({ email, name: 'Administrator', role: 'admin', passwordHash: await hashPassword(password) })
  if (!created) return { created: false }
  await store.joinQueue(created.id, opts.queueId)
  return { created: true, email, generatedPassword }
}
