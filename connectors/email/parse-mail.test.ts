// parseMail on whole mails as mailparser reads them: threading, the new part of the text, sentAt, bounces, markers.
import { readFileSync } from 'node:fs'
import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { MAIL_PARSER_OPTIONS, parseMail, type ParsedMailResult } from './parse-mail.ts'

const DOMAIN = 'kontakt.example.gov.pl'
const RECEIVED = new Date('2025-01-16T12:00:00Z')
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url))

async function parse(raw: string | Buffer, recipients: string[] = [], receivedAt = RECEIVED): Promise<ParsedMailResult> {
  const mail = await simpleParser(raw, MAIL_PARSER_OPTIONS)
  return parseMail({ mail, recipients, receivedAt, rawSha256: 'ab'.repeat(32) }, DOMAIN)
}

async function message(raw: string | Buffer, recipients: string[] = [], receivedAt = RECEIVED) {
  const parsed = await parse(raw, recipients, receivedAt)
  if (parsed.kind !== 'message') throw new Error(`expected a message, got ${JSON.stringify(parsed)}`)
  return parsed.message
}

const plain = (headers: string, body = 'Dzień dobry') =>
  `From: Jan <jan@example.net>\r\nTo: infolinia@${DOMAIN}\r\n${headers}Content-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`

describe('parseMail', () => {
  it('threads a reply by In-Reply-To, References and the reply address; keeps the quote in fullText only', async () => {
    const msg = await message(fixture('reply_polish_quoted.eml'))
    expect(msg).toMatchObject({
      kind: 'message',
      channel: 'email',
      senderId: 'malgorzata.wrobel@example.pl',
      senderName: 'Małgorzata Wróbel',
      externalId: 'email:CAJm3xP0=Qk9v2@mail.example.pl',
      sentAt: new Date('2025-01-15T07:02:11Z'),
      replyTo: 'email:01J9ZK3VQ8M4T6Y2W0E5R7N1PB@kontakt.example.gov.pl',
      email: {
        messageId: 'CAJm3xP0=Qk9v2@mail.example.pl',
        inReplyTo: '01J9ZK3VQ8M4T6Y2W0E5R7N1PB@kontakt.example.gov.pl',
        references: ['CAFx1=abc123@mail.example.pl', '01J9ZK3VQ8M4T6Y2W0E5R7N1PB@kontakt.example.gov.pl'],
        replyToken: 'Q2ZxT1a9bC3dE5fG7hJ9kL',
        subject: 'Re: Zażółć gęślą jaźń',
      },
    })
    expect(msg.text).toBe('Dziękuję, a kiedy przyjdzie decyzja?\n\nPozdrawiam\nMałgorzata')
    expect(msg.email?.fullText).toContain('> Dzień dobry, wniosek został przyjęty.')
    expect(msg.email?.fullText).toContain('napisał(a):')
    expect(msg.email?.html).toContain('<div dir="ltr">Dziękuję')
    expect(msg.email?.html).not.toContain('class=')
    expect(msg.automatic).toBeUndefined()
    expect(msg.attachments).toBeUndefined()
  })

  it("reads the samples' threading headers, dropping an In-Reply-To that names the mail itself", async () => {
    const refs = await message(fixture('chatwoot_references.eml'))
    expect(refs.email).toMatchObject({
      messageId: '0CB459E0-0336-41DA-BC88-E6E28C697DDBF@chatwoot.com',
      inReplyTo: '4e6e35f5a38b4_479f13bb90078178@small-app-01.mail',
      references: ['4e6e35f5a38b4_479f13bb90078178@small-app-01.mail', 'test-in-reply-to'],
      replyToken: null,
    })
    expect(refs.text).toBe('References Email')
    const self = await message(fixture('chatwoot_in_reply_to.eml'))
    expect(self.email).toMatchObject({
      messageId: '0CB459E0-0336-41DA-BC88-E6E28C697DDB@chatwoot.com',
      inReplyTo: null,
      references: ['4e6e35f5a38b4_479f13bb90078178@small-app-01.mail'],
    })
  })

  it('finds the reply token in the envelope when the headers do not show it (Bcc), only on MAIL_DOMAIN', async () => {
    const raw = plain('Message-ID: <a@b>\r\n')
    expect((await message(raw, [`reply+abcdefghijklmnop_-12@${DOMAIN.toUpperCase()}`])).email?.replyToken).toBe('abcdefghijklmnop_-12')
    expect((await message(raw, ['reply+abcdefghijklmnop@other.example'])).email?.replyToken).toBeNull()
    expect((await message(raw, [`reply+short@${DOMAIN}`])).email?.replyToken).toBeNull()
  })

  it('names a mail without Message-ID by the hash of its bytes', async () => {
    const msg = await message(plain(''))
    expect(msg.externalId).toBe(`email:sha256:${'ab'.repeat(32)}`)
    expect(msg.email?.messageId).toBeNull()
  })

  it('takes sentAt from Date unless it lies more than a day ahead (or is missing)', async () => {
    expect((await message(plain('Date: Thu, 16 Jan 2025 11:00:00 +0000\r\n'))).sentAt).toEqual(new Date('2025-01-16T11:00:00Z'))
    expect((await message(plain('Date: Fri, 17 Jan 2025 13:00:00 +0000\r\n'))).sentAt).toEqual(RECEIVED)
    expect((await message(plain(''))).sentAt).toEqual(RECEIVED)
  })

  it('uses a text rendering of an HTML-only mail as the text', async () => {
    const msg = await message(`From: jan@example.net\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Pierwszy</p><p>Drugi <b>akapit</b></p>`)
    expect(msg.text).toMatch(/Pierwszy\s+Drugi akapit/)
    expect(msg.email?.html).toBe('<p>Pierwszy</p><p>Drugi <b>akapit</b></p>')
    expect(msg.senderName).toBeNull()
  })

  it('marks auto-replies by their headers, not by the subject alone', async () => {
    expect((await message(fixture('auto_reply_exchange.eml'))).automatic).toBe('auto_reply')
    expect((await message(plain('Auto-Submitted: no\r\nSubject: Out of office\r\n'))).automatic).toBeUndefined()
    expect((await message(plain('Subject: Odpowiedź automatyczna\r\n'))).automatic).toBeUndefined()
    expect((await message(plain('X-Autoreply: yes\r\n'))).automatic).toBe('auto_reply')
    expect((await message(plain('X-Auto-Response-Suppress: All\r\n'))).automatic).toBeUndefined()
    expect((await message(plain('X-Auto-Response-Suppress: OOF\r\nSubject: Automatic reply: Staż\r\n'))).automatic).toBe('auto_reply')
    expect((await message(plain('Precedence: bulk\r\n'))).automatic).toBe('list')
    expect((await message(plain('List-Id: Newsletter <news.example.net>\r\n'))).automatic).toBe('list')
    const oldBounce = `From: MAILER-DAEMON@mx.example.net\r\nSubject: failure notice\r\n\r\nSorry, I couldn't deliver it.\r\n`
    expect((await message(oldBounce)).automatic).toBe('auto_reply')
  })

  it('turns a DSN into a failed receipt naming the returned Message-ID, with the diagnostic', async () => {
    const parsed = await parse(fixture('bounce_postfix.eml'))
    expect(parsed).toEqual({
      kind: 'bounce',
      receipt: {
        kind: 'receipt',
        channel: 'email',
        senderId: null,
        state: 'failed',
        watermark: null,
        externalIds: ['email:01J9ZK3VQ8M4T6Y2W0E5R7N1PB@kontakt.example.gov.pl'],
        error: 'undeliverable to jan.kowalski@example.net: 550 5.1.1 <jan.kowalski@example.net>: Recipient address rejected: User unknown in virtual mailbox table',
        at: RECEIVED,
      },
    })
  })

  it('ignores a DSN of a delay, and a bounce that names no original', async () => {
    expect(await parse(fixture('bounce_delayed.eml'))).toEqual({ kind: 'ignored', reason: 'a delivery report without a failure (actions: delayed)' })
    const noOriginal = fixture('bounce_postfix.eml').toString('utf8').replace(/^Message-ID: .*\n/m, '')
    expect(await parse(noOriginal)).toEqual({ kind: 'ignored', reason: 'a bounce that names no original Message-ID' })
  })

  it('falls back to In-Reply-To when the bounce returns no headers, and ignores read receipts', async () => {
    const bare = [
      'From: postmaster@mx.example.net', 'In-Reply-To: <out-1@kontakt.example.gov.pl>', 'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary=b', '', '--b', 'Content-Type: text/plain', '', 'failed', '--b',
      'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx', '', 'Final-Recipient: rfc822; x@example.net', 'Status: 5.2.2', '', '--b--', '',
    ].join('\r\n')
    const parsed = await parse(bare)
    expect(parsed).toMatchObject({ kind: 'bounce', receipt: { externalIds: ['email:out-1@kontakt.example.gov.pl'], error: 'undeliverable to x@example.net: status 5.2.2' } })
    const mdn = bare.replace('delivery-status; boundary', 'disposition-notification; boundary')
    expect(await parse(mdn)).toEqual({ kind: 'ignored', reason: 'a disposition-notification report' })
  })
})
