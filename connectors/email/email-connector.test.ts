// The e-mail connector over real SMTP sessions: nodemailer delivering to the listener (as an MTA would), and the
// connector's send() delivering to test/fakes/smtp-sink.ts (as the relay).
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { createTransport } from 'nodemailer'
import type Mail from 'nodemailer/lib/mailer'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSmtpSink, type SmtpSink } from '../../test/fakes/smtp-sink.ts'
import type { InboundEvent, OutboundMessage } from '../connector.ts'
import { createEmailConnector, type EmailListener } from './email-connector.ts'

const DOMAIN = 'kontakt.example.gov.pl'
const TOKEN = 'Q2ZxT1a9bC3dE5fG7hJ9kL'
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url))

describe('e-mail listener', () => {
  const events: InboundEvent[] = []
  let failIngest = false
  let listener: EmailListener
  const connector = createEmailConnector({ domain: DOMAIN, port: 0, host: '127.0.0.1', maxBytes: 64 * 1024, relayUrl: 'smtp://127.0.0.1:1', from: `infolinia@${DOMAIN}` })

  beforeAll(async () => {
    listener = await connector.start(async (batch) => {
      if (failIngest) throw new Error('database down')
      events.push(...batch)
    })
  })
  afterAll(() => listener.stop())
  afterEach(() => {
    events.length = 0
    failIngest = false
  })

  const deliver = (mail: Mail.Options) =>
    createTransport({ host: '127.0.0.1', port: listener.port, ignoreTLS: true }).sendMail({ from: 'Jan Kowalski <Jan@Example.net>', to: `reply+${TOKEN}@${DOMAIN}`, ...mail })
  const deliverRaw = (raw: Buffer | string, from = 'jan@example.net', to = `reply+${TOKEN}@${DOMAIN}`) => deliver({ envelope: { from, to }, raw })
  const refusal = (sending: Promise<unknown>) => sending.then(() => null, (err: { responseCode?: number; response?: string }) => ({ code: err.responseCode, response: err.response }))
  const onlyMessage = () => {
    expect(events).toHaveLength(1)
    const [event] = events
    if (event?.kind !== 'message') throw new Error(`expected a message, got ${event?.kind}`)
    return event
  }

  it('takes multipart/alternative: the plain text as text, the HTML sanitised (no script, handlers, remote images)', async () => {
    const info = await deliver({
      subject: 'Pytanie o staż',
      text: 'Dzień dobry,\nczy mogę się zapisać?',
      html: '<p onclick="steal()">Dzień dobry,<br>czy mogę się <b>zapisać</b>?</p><script>alert(1)</script><img src="https://tracker.example/p.gif" onerror="alert(2)"><a href="javascript:alert(3)">x</a>',
    })
    expect(info.response).toMatch(/^250 /)
    const msg = onlyMessage()
    expect(msg).toMatchObject({ channel: 'email', senderId: 'jan@example.net', senderName: 'Jan Kowalski', text: 'Dzień dobry,\nczy mogę się zapisać?' })
    expect(msg.externalId).toBe(`email:${info.messageId.slice(1, -1)}`)
    expect(msg.email?.html).toBe('<p>Dzień dobry,<br />czy mogę się <b>zapisać</b>?</p><a rel="noopener noreferrer nofollow" target="_blank">x</a>')
    expect(msg.email).toMatchObject({ subject: 'Pytanie o staż', replyToken: TOKEN, inReplyTo: null, references: [] })
  })

  it('hands over attachments with their bytes, an inline cid: image included', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% zaświadczenie\n')
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    await deliver({
      subject: 'Dokumenty',
      text: 'W załączeniu.',
      html: '<p>W załączeniu.</p><img src="cid:podpis@jan">',
      attachments: [
        { filename: 'zaświadczenie.pdf', content: pdf, contentType: 'application/pdf' },
        { filename: 'podpis.png', content: png, contentType: 'image/png', cid: 'podpis@jan' },
      ],
    })
    const msg = onlyMessage()
    expect(msg.email?.html).toBe('<p>W załączeniu.</p><img src="cid:podpis@jan" />')
    expect(msg.attachments).toEqual([
      { kind: 'image', name: 'podpis.png', contentType: 'image/png', size: png.length, ref: null, content: new Uint8Array(png) },
      { kind: 'file', name: 'zaświadczenie.pdf', contentType: 'application/pdf', size: pdf.length, ref: null, content: new Uint8Array(pdf) },
    ])
  })

  it('threads a reply that carries only References, and one with a changed subject, by references and token', async () => {
    await deliver({ subject: 'Re: Zasiłek', text: 'Odpowiadam.', references: ['<first@example.net>', `<out-1@${DOMAIN}>`] })
    expect(onlyMessage().email).toMatchObject({ inReplyTo: null, references: ['first@example.net', `out-1@${DOMAIN}`], replyToken: TOKEN })
    events.length = 0
    await deliver({ subject: 'Całkiem inny temat', text: 'Jeszcze jedno.', inReplyTo: `<out-2@${DOMAIN}>`, references: [`<out-2@${DOMAIN}>`] })
    expect(onlyMessage().email).toMatchObject({ subject: 'Całkiem inny temat', inReplyTo: `out-2@${DOMAIN}`, references: [`out-2@${DOMAIN}`], replyToken: TOKEN })
  })

  it('decodes an encoded-word Polish subject and keeps quoted history out of text but in fullText', async () => {
    await deliverRaw(fixture('reply_polish_quoted.eml'))
    const msg = onlyMessage()
    expect(msg.email?.subject).toBe('Re: Zażółć gęślą jaźń')
    expect(msg.senderName).toBe('Małgorzata Wróbel')
    expect(msg.text).toBe('Dziękuję, a kiedy przyjdzie decyzja?\n\nPozdrawiam\nMałgorzata')
    expect(msg.email?.fullText).toMatch(/W dniu 14\.01\.2025 o 10:15 .* napisał\(a\):\n> Dzień dobry/)
  })

  it('marks an auto-reply and a list mail as automatic', async () => {
    await deliverRaw(fixture('auto_reply_exchange.eml'))
    expect(onlyMessage().automatic).toBe('auto_reply')
    events.length = 0
    await deliver({ subject: 'Newsletter', text: 'Nowości', list: { unsubscribe: 'https://news.example.net/unsubscribe', id: 'news.example.net' } })
    expect(onlyMessage().automatic).toBe('list')
  })

  it('turns a bounce into a failed receipt for the original Message-ID', async () => {
    await deliverRaw(fixture('bounce_postfix.eml'), '', `infolinia@${DOMAIN}`)
    expect(events).toEqual([expect.objectContaining({
      kind: 'receipt',
      state: 'failed',
      externalIds: ['email:01J9ZK3VQ8M4T6Y2W0E5R7N1PB@kontakt.example.gov.pl'],
      error: expect.stringContaining('undeliverable to jan.kowalski@example.net: 550 5.1.1'),
    })])
  })

  it('accepts and drops a DSN of a mere delay', async () => {
    const info = await deliverRaw(fixture('bounce_delayed.eml'), '', `infolinia@${DOMAIN}`)
    expect(info.response).toMatch(/^250 /)
    expect(events).toEqual([])
  })

  it('refuses an oversize mail with 552 and ingests nothing', async () => {
    const big = 'x'.repeat(100 * 1024)
    // Announced: refused at MAIL FROM by the SIZE extension. Not announced (raw, the size unknown): after DATA.
    expect(await refusal(deliver({ subject: 'Duży', text: big }))).toMatchObject({ code: 552 })
    const raw = `From: jan@example.net\r\nTo: x@${DOMAIN}\r\nSubject: big\r\n\r\n${big.replace(/(.{70})/g, '$1\r\n')}\r\n`
    expect(await refusal(deliverRaw(raw))).toEqual({ code: 552, response: '552 5.3.4 Message too big' })
    expect(events).toEqual([])
  })

  it('refuses recipients outside MAIL_DOMAIN with 550 5.1.1', async () => {
    const refused = await refusal(deliver({ to: 'someone@elsewhere.example', text: 'x' }))
    expect(refused).toEqual({ code: 550, response: '550 5.1.1 <someone@elsewhere.example>: no such mailbox here' })
    expect(events).toEqual([])
    await deliver({ to: `INFOLINIA@${DOMAIN.toUpperCase()}`, text: 'wielkie litery' })
    expect(onlyMessage().email?.replyToken).toBeNull()
  })

  it('answers 451 when the hub cannot store the mail, so the sending MTA retries', async () => {
    failIngest = true
    expect(await refusal(deliver({ text: 'x' }))).toEqual({ code: 451, response: '451 4.3.0 try again later' })
  })
})

describe('e-mail send', () => {
  let sink: SmtpSink
  beforeAll(async () => void (sink = await startSmtpSink()))
  afterAll(() => sink.close())

  const reply: OutboundMessage = {
    outboxId: '01JA0B1C2D3E4F5G6H7J8K9M0N',
    conversationId: 'c1',
    recipientId: 'jan.kowalski@example.net',
    text: 'Dzień dobry,\ndecyzja <wkrótce> & bez zmian.',
    lastInboundAt: null,
    now: new Date(),
    email: {
      replyTo: `reply+${TOKEN}@${DOMAIN}`,
      subject: 'Re: Zasiłek',
      inReplyTo: 'CAJm3xP0=Qk9v2@mail.example.pl',
      references: ['first@example.net', 'CAJm3xP0=Qk9v2@mail.example.pl'],
      fromName: 'Anna z infolinii',
    },
  }

  it('sends a threaded reply with the outbox id as its Message-ID', async () => {
    const connector = createEmailConnector({ domain: DOMAIN, port: 0, relayUrl: sink.url, from: `infolinia@${DOMAIN}` })
    const result = await connector.send(reply)
    expect(result).toEqual({ ok: true, providerId: `email:01JA0B1C2D3E4F5G6H7J8K9M0N@${DOMAIN}` })
    const mail = sink.mails.at(-1)
    expect(mail?.envelope).toEqual({ mailFrom: `infolinia@${DOMAIN}`, rcptTo: ['jan.kowalski@example.net'] })
    expect(mail).toMatchObject({
      messageId: `<01JA0B1C2D3E4F5G6H7J8K9M0N@${DOMAIN}>`,
      inReplyTo: '<CAJm3xP0=Qk9v2@mail.example.pl>',
      references: ['<first@example.net>', '<CAJm3xP0=Qk9v2@mail.example.pl>'],
      subject: 'Re: Zasiłek',
      text: 'Dzień dobry,\ndecyzja <wkrótce> & bez zmian.',
    })
    expect(mail?.from?.value).toEqual([{ name: 'Anna z infolinii', address: `infolinia@${DOMAIN}` }])
    expect(mail?.replyTo?.value).toEqual([{ name: '', address: `reply+${TOKEN}@${DOMAIN}` }])
    expect(mail?.html).toContain('Dzień dobry,<br>\ndecyzja &lt;wkrótce&gt; &amp; bez zmian.')
    // Nothing that would make the citizen's client (or its auto-responder) treat the answer as a machine's.
    const names = mail?.headerLines.map((l) => l.key) ?? []
    expect(names).not.toContain('auto-submitted')
    expect(names).not.toContain('precedence')
  })

  it('reports a 5xx refusal as final and a 4xx as retryable', async () => {
    const connector = createEmailConnector({ domain: DOMAIN, port: 0, relayUrl: sink.url, from: `infolinia@${DOMAIN}` })
    sink.failNext(1, 550)
    expect(await connector.send(reply)).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('550') })
    sink.failNext(1, 451)
    expect(await connector.send(reply)).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('451') })
    expect(await connector.send(reply)).toMatchObject({ ok: true })
    const before = sink.mails.length
    expect(await connector.send({ ...reply, recipientId: 'a@example.net, b@example.net' })).toMatchObject({ ok: false, retryable: false })
    expect(sink.mails.length).toBe(before)
  })

  it('reports an unreachable relay as retryable, without the credentials of its URL', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number }
        probe.close(() => resolve(port))
      })
    })
    const connector = createEmailConnector({ domain: DOMAIN, port: 0, relayUrl: `smtp://hub:s3cr%40t-pass@127.0.0.1:${closed}`, from: `infolinia@${DOMAIN}` })
    const result = await connector.send(reply)
    expect(result).toMatchObject({ ok: false, retryable: true })
    expect(JSON.stringify(result)).not.toMatch(/s3cr|hub:/)
  })
})
