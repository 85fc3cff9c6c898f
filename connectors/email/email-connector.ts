// The e-mail connector (ARCHITECTURE.md, Connectors): an SMTP listener for MAIL_DOMAIN that the MX points at (mail in,
// parsed by parse-mail.ts), and answers out through the operator's relay with nodemailer.
// Config: MAIL_DOMAIN, MAIL_SMTP_PORT (and host), MAIL_MAX_BYTES, MAIL_RELAY_URL (smtp[s]://user:pass@host:port), MAIL_FROM.
import { createHash } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { createTransport } from 'nodemailer'
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server'
import type { Connector, Ingest, OutboundMessage, SendResult } from '../connector.ts'
import { MAIL_PARSER_OPTIONS, parseMail } from './parse-mail.ts'
import { renderReplyHtml } from './render-reply-html.ts'

export interface EmailConnectorConfig {
  /** MAIL_DOMAIN: the domain the listener accepts mail for, and where conversation addresses `reply+<token>@` live. */
  domain: string
  /** The listener's port (25 behind the MX; 0 picks a free one, tests). */
  port: number
  /** The listener's address; all interfaces when left out. */
  host?: string
  /** The largest mail accepted, raw bytes; default 25 MB. Larger ones are refused with 552. */
  maxBytes?: number
  /** The relay answers go out through: `smtp://host:587`, `smtps://user:pass@host:465`. */
  relayUrl: string
  /** MAIL_FROM: the sender address of answers (the display name is the consultant's or the office's). */
  from: string
  /** A certificate for STARTTLS; without it the listener speaks plain SMTP only. */
  tls?: { key: string | Buffer; cert: string | Buffer }
  /** How many SMTP sessions at once; default 50. Each may buffer up to `maxBytes`, so this bounds the memory. */
  maxClients?: number
  /** How long one send may take (connecting, each reply of the relay) before it counts as retryable; default 30 s. */
  sendTimeoutMs?: number
  log?: { warn(obj: object, msg?: string): void; info?(obj: object, msg?: string): void }
}

export interface EmailListener {
  /** The port it listens on (the one chosen when `port` was 0). */
  port: number
  stop(): Promise<void>
}

export interface EmailConnector extends Connector {
  start(ingest: Ingest): Promise<EmailListener>
}

export const DEFAULT_MAX_MAIL_BYTES = 25 * 1024 * 1024
const DEFAULT_SUBJECT = 'Odpowiedź z infolinii'
const SINGLE_ADDRESS = /^[^\s@,;:<>()"]+@[^\s@,;:<>()"]+$/

/** An SMTP reply for smtp-server: the message carries the enhanced status code (the server adds none by default). */
function smtpError(code: number, text: string): Error & { responseCode: number } {
  return Object.assign(new Error(text), { responseCode: code })
}

export function createEmailConnector(cfg: EmailConnectorConfig): EmailConnector {
  if (cfg.domain === '' || cfg.from === '' || cfg.relayUrl === '') throw new Error('E-mail: domain, from and relay URL are required')
  const domain = cfg.domain.toLowerCase()
  const maxBytes = cfg.maxBytes ?? DEFAULT_MAX_MAIL_BYTES
  const sendTimeoutMs = cfg.sendTimeoutMs ?? 30_000
  const secrets = relaySecrets(cfg.relayUrl)
  // Not pooled: answers are few, and a fresh connection per send cannot be left half-broken by the last one.
  const transport = createTransport({
    url: cfg.relayUrl,
    connectionTimeout: sendTimeoutMs,
    greetingTimeout: sendTimeoutMs,
    socketTimeout: sendTimeoutMs,
  })

  async function start(ingest: Ingest): Promise<EmailListener> {
    const server = new SMTPServer({
      name: domain,
      banner: `${domain} ESMTP`,
      size: maxBytes,
      // Mail from other MTAs: nobody logs in. STARTTLS only with a certificate of our own (never the built-in one).
      authOptional: true,
      disabledCommands: cfg.tls === undefined ? ['AUTH', 'STARTTLS'] : ['AUTH'],
      ...(cfg.tls === undefined ? {} : { key: cfg.tls.key, cert: cfg.tls.cert }),
      disableReverseLookup: true,
      maxClients: cfg.maxClients ?? 50,
      logger: false,
      closeTimeout: 10_000,
      onRcptTo(address, _session, callback) {
        const at = address.address.lastIndexOf('@')
        if (at > 0 && address.address.slice(at + 1).toLowerCase() === domain) return callback()
        callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`))
      },
      onData(stream, session, callback) {
        receive(stream, session, ingest).then(
          (reply) => callback(null, reply),
          (err: unknown) => {
            if (err instanceof Error && 'responseCode' in err) return callback(err)
            // A bug of ours, not the mail's fault: the sender retries later, and no internals go out in the reply.
            cfg.log?.warn({ error: err instanceof Error ? err.message : String(err) }, 'email: mail handling failed')
            callback(smtpError(451, '4.3.0 try again later'))
          },
        )
      },
    })
    // Connection errors (a client resetting, a TLS failure) must not crash the hub.
    server.on('error', (err) => cfg.log?.warn({ error: err.message }, 'email: SMTP listener error'))
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject)
      server.listen(cfg.port, ...(cfg.host === undefined ? [] : [cfg.host]), () => {
        server.server.off('error', reject)
        resolve()
      })
    })
    const port = (server.server.address() as AddressInfo).port
    return { port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) }
  }

  /** One mail: buffered, parsed, handed to the hub; resolves with the 250 text, rejects with the SMTP error to send. */
  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession, ingest: Ingest): Promise<string> {
    const chunks: Buffer[] = []
    let bytes = 0
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length
      // Past the limit the rest is read (the client is still sending) but not kept.
      if (bytes <= maxBytes) chunks.push(chunk)
    }
    if (stream.sizeExceeded || bytes > maxBytes) throw smtpError(552, '5.3.4 Message too big')
    const raw = Buffer.concat(chunks)
    let mail: ParsedMail
    try {
      mail = await simpleParser(raw, MAIL_PARSER_OPTIONS)
    } catch (err) {
      // The same bytes will never parse: a permanent refusal, so the sender gets a bounce rather than silence.
      cfg.log?.warn({ error: err instanceof Error ? err.message : String(err), bytes }, 'email: unparseable mail refused')
      throw smtpError(554, '5.6.0 Message could not be parsed')
    }
    const parsed = parseMail({
      mail,
      recipients: session.envelope.rcptTo.map((r) => r.address),
      receivedAt: new Date(),
      rawSha256: createHash('sha256').update(raw).digest('hex'),
    }, domain)
    if (parsed.kind === 'ignored') {
      cfg.log?.info?.({ reason: parsed.reason, bytes }, 'email: mail accepted and dropped')
      return '2.0.0 OK: accepted'
    }
    try {
      await ingest([parsed.kind === 'message' ? parsed.message : parsed.receipt])
    } catch (err) {
      // The sending MTA keeps the mail and retries; the hub stores each Message-ID once. No addresses or bodies logged.
      cfg.log?.warn({ err, kind: parsed.kind, bytes }, 'email: ingest failed')
      throw smtpError(451, '4.3.0 try again later')
    }
    return '2.0.0 OK: accepted'
  }

  // The Message-ID is the outbox id, the same on every retry: a bounce names it, and so does the citizen's answer.
  // A retry after a timeout the relay had in fact accepted still delivers a second copy; SMTP has no idempotency.
  async function send(msg: OutboundMessage): Promise<SendResult> {
    const messageId = `${msg.outboxId}@${domain}`
    const email = msg.email
    // One bare address: nodemailer would otherwise read "a@x, b@y" as two recipients.
    if (!SINGLE_ADDRESS.test(msg.recipientId)) return { ok: false, retryable: false, error: 'E-mail: the recipient is not one e-mail address' }
    try {
      const info = await transport.sendMail({
        messageId: `<${messageId}>`,
        from: email?.fromName ? { name: email.fromName, address: cfg.from } : cfg.from,
        to: msg.recipientId,
        ...(email === undefined ? {} : { replyTo: email.replyTo }),
        subject: email?.subject || DEFAULT_SUBJECT,
        ...(email?.inReplyTo ? { inReplyTo: `<${email.inReplyTo}>` } : {}),
        ...(email !== undefined && email.references.length > 0 ? { references: email.references.map((r) => `<${r}>`) } : {}),
        text: msg.text,
        html: renderReplyHtml(msg.text),
        ...(msg.files?.length ? { attachments: msg.files.map((f) => ({ filename: f.name, contentType: f.contentType, content: Buffer.from(f.content) })) } : {}),
      })
      if (info.rejected.length > 0) return { ok: false, retryable: false, error: redact(`E-mail: the relay refused the recipient: ${info.response}`, secrets) }
      return { ok: true, providerId: `email:${messageId}` }
    } catch (err) {
      return sendFailure(err, secrets)
    }
  }

  return { kind: 'email', start, send }
}

/** A nodemailer error → SendResult: the relay's 5xx is final, 4xx, timeouts and connection errors are retried. */
function sendFailure(err: unknown, secrets: string[]): SendResult {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { message?: unknown; code?: unknown; responseCode?: unknown; response?: unknown }
  const message = typeof e.message === 'string' ? e.message : String(err)
  const code = typeof e.code === 'string' ? e.code : null
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null
  // A missing or malformed recipient, a bad configuration: no retry fixes them.
  const final = responseCode !== null ? responseCode >= 500 : code === 'EENVELOPE' || code === 'ECONFIG'
  const prefix = responseCode !== null ? `E-mail relay ${responseCode}` : `E-mail relay unreachable${code === null ? '' : ` (${code})`}`
  return { ok: false, retryable: !final, error: redact(`${prefix}: ${message}`, secrets) }
}

/** The relay URL's user name and password, raw and URL-decoded: never repeated in an error. */
function relaySecrets(relayUrl: string): string[] {
  if (!URL.canParse(relayUrl)) throw new Error('E-mail: the relay URL is not a URL')
  const url = new URL(relayUrl)
  const decoded = (s: string) => {
    try {
      return decodeURIComponent(s)
    } catch {
      return s
    }
  }
  return [url.password, decoded(url.password), url.username, decoded(url.username)].filter((s) => s.length >= 3)
}

function redact(text: string, secrets: string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join('[REDACTED]'), text)
}
