// Secrets and personal data never reach the log: passwords, tokens, cookies and database parameters are redacted.
import { describe, expect, it } from 'vitest'
import { createLogger } from './hub.ts'

describe('log redaction', () => {
  it('redacts passwords, tokens, auth headers and the parameters of failed statements', () => {
    const lines: string[] = []
    const log = createLogger('info', { write: (s: string) => void lines.push(s) })
    const err = Object.assign(new Error('duplicate key'), { params: ['Mój PESEL to 80010112345'], cause: { parameters: ['secret-token'] } })
    log.error({ err, password: 'hunter2-hunter2', token: 'abc.def', req: { headers: { authorization: 'Bearer zzz', cookie: 'inbox_session=yyy' } } }, 'failed')
    const out = lines.join('')
    for (const secret of ['80010112345', 'secret-token', 'hunter2', 'abc.def', 'Bearer zzz', 'inbox_session=yyy']) expect(out).not.toContain(secret)
    expect(out).toContain('duplicate key')
    expect(out).toContain('[redacted]')
  })
})
