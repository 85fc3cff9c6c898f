// A web contact form's submission from the portal: who writes (a reply address is required: forms are answered
// by e-mail), what about, and the honeypot that only bots fill in.
import { createHash } from 'node:crypto'
import { z } from 'zod'

export const HONEYPOT_FIELD = 'website'

const Submission = z.object({
  name: z.string().trim().max(200).optional(),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email('a valid e-mail address, for the answer')),
  phone: z.string().trim().max(40).optional(),
  topic: z.string().trim().max(100).optional(),
  message: z.string().trim().min(1, 'the message is empty').max(10_000),
  /** The portal's id of this submission (a double click sends it twice: it is stored once). */
  submissionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
  [HONEYPOT_FIELD]: z.string().max(500).optional(),
})

export type ParsedSubmission =
  | { kind: 'message'; senderId: string; senderName: string | null; text: string; externalId: string }
  | { kind: 'honeypot' }
  | { kind: 'invalid'; problems: { path: string; message: string }[] }

/** `minute`: the submission's time to the minute, for the idempotency key of a form that sends no id of its own. */
export function parseSubmission(formId: string, input: Record<string, unknown>, minute: number): ParsedSubmission {
  const r = Submission.safeParse(input)
  if (!r.success) return { kind: 'invalid', problems: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) }
  const s = r.data
  if (s[HONEYPOT_FIELD]) return { kind: 'honeypot' }
  const lines = [s.topic ? `Temat: ${s.topic}` : null, s.phone ? `Telefon: ${s.phone}` : null, s.message].filter((x): x is string => x !== null)
  const key = s.submissionId ?? createHash('sha256').update(`${formId}\n${s.email}\n${s.message}\n${minute}`).digest('base64url').slice(0, 32)
  return { kind: 'message', senderId: s.email, senderName: s.name || null, text: lines.join('\n'), externalId: `form:${formId}:${key}` }
}
