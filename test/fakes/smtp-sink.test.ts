// The fake SMTP relay itself: what a nodemailer client sees, and what it records.
import { createTransport } from 'nodemailer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts'

describe('fake SMTP relay', () => {
  let sink: SmtpSink
  beforeAll(async () => void (sink = await startSmtpSink()))
  afterAll(() => sink.close())
  const send = (text: string) => createTransport(sink.url).sendMail({ from: 'a@example.net', to: ['b@example.org', 'c@example.org'], subject: 'Zażółć', text })

  it('accepts a mail and records it parsed, with the envelope and the raw bytes', async () => {
    const info = await send('treść')
    expect(info.response).toMatch(/^250 2\.0\.0 OK: queued as \d+$/)
    const mail = sink.mails.at(-1)
    expect(mail).toMatchObject({ subject: 'Zażółć', text: 'treść\n', messageId: info.messageId })
    expect(mail?.envelope).toEqual({ mailFrom: 'a@example.net', rcptTo: ['b@example.org', 'c@example.org'] })
    expect(mail?.raw.toString('utf8')).toContain('Subject: =?UTF-8?')
  })

  it('refuses the next mails with the code it was given, then accepts again', async () => {
    const before = sink.mails.length
    sink.failNext(2, 550)
    const refusal = (err: { responseCode?: number; response?: string }) => [err.responseCode, err.response]
    expect(await send('1').catch(refusal)).toEqual([550, '550 5.1.1 Mailbox unavailable'])
    expect(await send('2').catch(refusal)).toEqual([550, '550 5.1.1 Mailbox unavailable'])
    sink.failNext(1, 451)
    expect(await send('3').catch(refusal)).toEqual([451, '451 4.3.0 Local error in processing, try again later'])
    await send('4')
    expect(sink.mails.slice(before).map((m) => m.text)).toEqual(['4\n'])
  })
})
