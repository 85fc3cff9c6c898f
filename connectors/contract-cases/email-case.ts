// E-mail in the channel contract: each message one SMTP session to the hub's listener (the provider is the
// citizen's mail server); a later mail of the same sender answers their first (References), so it threads into
// the same conversation. "Failing authentication" is mail for a domain the hub does not serve: refused with 550.
// Answers go through a local SMTP sink that can refuse (451 retryable, 550 final).
import type { SendMailOptions } from 'nodemailer'
import { freePort } from '../../test/support/free-port.ts'
import { deliverMail } from '../../test/support/smtp-client.ts'
import { startSmtpSink, type SmtpSink } from '../../test/fakes/smtp-sink.ts'
import type { TestHub } from '../../test/support/test-hub.ts'
import type { ContractCase } from '../contract.case.test.ts'
import { createEmailConnector } from '../email/email-connector.ts'

const DOMAIN = 'infolinia.example.gov.pl'
let sink: SmtpSink | null = null
let port = 0
/** Each sender's first Message-ID: their later mails answer it. */
const firstOf = new Map<string, string>()

/** SMTP reply code → the contract's HTTP-like status: accepted is 200. */
async function sendMail(mail: SendMailOptions): Promise<number> {
  const code = await deliverMail(port, mail)
  return code === 250 ? 200 : code
}

export const emailCase: ContractCase = {
  name: 'email',
  refusedStatus: 550,
  providerClock: true,
  async setup() {
    sink = await startSmtpSink()
    port = await freePort()
    return {
      connectors: [createEmailConnector({ domain: DOMAIN, port, host: '127.0.0.1', relayUrl: sink.url, from: `infolinia@${DOMAIN}` })],
      close: async () => sink?.close(),
    }
  },
  hubEnv: { MAIL_DOMAIN: DOMAIN, SMTP_RELAY_URL: 'smtp://127.0.0.1:9' },
  async deliver(_t: TestHub, messages, opts = {}) {
    let status = 200
    for (const m of [...messages].sort((a, b) => a.sentAt - b.sentAt)) {
      const from = `obywatel.${m.senderId}@example.pl`
      const messageId = `${m.id}@example.pl`
      const first = firstOf.get(from)
      if (!first) firstOf.set(from, messageId)
      status = await sendMail({
        from,
        to: opts.authentic === false ? 'ktos@inna-domena.example' : `kontakt@${DOMAIN}`,
        subject: 'Pytanie',
        text: m.text,
        messageId: `<${messageId}>`,
        date: new Date(m.sentAt),
        ...(first ? { inReplyTo: `<${first}>`, references: [`<${first}>`] } : {}),
      })
      if (status !== 200) return status
    }
    return status
  },
  outbound: {
    failNext(n, retryable) {
      sink?.failNext(n, retryable ? 451 : 550)
    },
  },
}
