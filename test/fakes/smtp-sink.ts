// A fake SMTP relay on 127.0.0.1 and a random port: accepts every mail (no AUTH, no TLS), records it parsed by
// mailparser with its envelope and raw bytes, and can be told to refuse the next mails with a given reply code.
import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface SinkMail extends ParsedMail {
  envelope: { mailFrom: string; rcptTo: string[] }
  raw: Buffer
}

export interface SmtpSink {
  /** The relay URL to give nodemailer, e.g. smtp://127.0.0.1:41234 */
  url: string
  port: number
  mails: SinkMail[]
  /** The next `n` mails are refused with `code` after their DATA (550, 451, 552…), with a typical text. */
  failNext(n: number, code: number): void
  close(): Promise<void>
}

const TEXTS: Record<number, string> = {
  421: '4.3.2 Service shutting down',
  451: '4.3.0 Local error in processing, try again later',
  452: '4.3.1 Insufficient system storage',
  550: '5.1.1 Mailbox unavailable',
  552: '5.3.4 Message too big',
  554: '5.7.1 Message rejected as spam',
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SinkMail[] = []
  let failures = { left: 0, code: 550 }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (failures.left > 0) {
          failures = { ...failures, left: failures.left - 1 }
          const code = failures.code
          return callback(Object.assign(new Error(TEXTS[code] ?? `${code >= 500 ? '5' : '4'}.0.0 Refused`), { responseCode: code }))
        }
        const raw = Buffer.concat(chunks)
        const envelope = {
          mailFrom: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
        }
        simpleParser(raw).then(
          (parsed) => {
            mails.push(Object.assign(parsed, { envelope, raw }))
            callback(null, `2.0.0 OK: queued as ${mails.length}`)
          },
          (err: Error) => callback(err),
        )
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    failNext(n, code) {
      failures = { left: n, code }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
