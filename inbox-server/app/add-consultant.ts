// Adds a staff account with a hashed password; refuses duplicates and bad input as values.
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { Role } from '../../protocol/channel.ts'
import { hashPassword } from './password-hash.ts'
import type { ConsultantRecord, Store } from './ports.ts'

const Input = z.object({
  email: z.email().transform((s) => s.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  role: Role.default('consultant'),
  password: z.string().min(10).max(1024).optional(),
})

export type AddConsultantResult =
  | { ok: true; consultant: ConsultantRecord; generatedPassword: string | null }
  | { ok: false; error: 'invalid'; message: string }
  | { ok: false; error: 'exists'; message: string }

/** New first-line accounts serve the default queue until queues are assigned by hand; second line serves its office. */
export async function addConsultant(store: Store, input: { email: string; name: string; role?: string; password?: string }): Promise<AddConsultantResult> {
  const p = Input.safeParse(input)
  if (!p.success) return { ok: false, error: 'invalid', message: p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }
  if (await store.findConsultantByEmail(p.data.email)) return { ok: false, error: 'exists', message: `${p.data.email} already has an account` }
  const generatedPassword = p.data.password ? null : randomBytes(12).toString('base64url')
  const consultant = await store.insertConsultant({
    email: p.data.email,
    name: p.data.name,
    role: p.data.role,
    passwordHash: await hashPassword(p.data.password ?? generatedPassword!),
  })
  if (consultant.role !== 'second_line') await store.joinQueue(consultant.id, (await store.ensureDefaults()).defaultQueueId)
  return { ok: true, consultant, generatedPassword }
}
