// E-mail end to end: real SMTP sessions to the hub's listener, answers through a local SMTP sink. Threading by the
// conversation's address, In-Reply-To and References; quoted history and HTML handled; attachments stored;
// auto-replies never reopen; bounces mark the answer failed; web forms answered by e-mail and their replies threaded.
import nodemailer, { type SendMailOptions } from 'nodemailer'
import { freePort } from './support/free-port.ts'
import { deliverMail } from './support/smtp-client.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmailConnector } from '../connectors/email/email-connector.ts'
import { createFormsConnector } from '../connectors/forms/forms-connector.ts'
import type { Conversation, TimelineEvent } from '../protocol/rest.ts'
import { startSmtpSink, type SinkMail, type SmtpSink } from './fakes/smtp-sink.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'

const DOMAIN = 'infolinia.example.gov.pl'
const FORM_SECRET = 'sekret-formularza-kontaktowego'
let sink: SmtpSink
let port: number
let t: TestHub
let admin: string

beforeAll(async () => {
  sink = await startSmtpSink()
  port = await freePort()
  t = await startTestHub({
    env: { MAIL_DOMAIN: DOMAIN, SMTP_RELAY_URL: sink.url },
    connectors: [
      createEmailConnector({ domain: DOMAIN, port, host: '127.0.0.1', relayUrl: sink.url, from: `infolinia@${DOMAIN}` }),
      createFormsConnector({ forms: { kontakt: { secret: FORM_SECRET } } }),
    ],
  })
  admin = await t.login()
})
afterAll(async () => {
  await t?.close()
  await sink?.close()
})

const mail = (m: SendMailOptions) => deliverMail(port, m)

async function conversationWith(text: string): Promise<Conversation> {
  const list = ((await (await t.api('/api/conversations?limit=100', { token: admin })).json()) as { items: Conversation[] }).items
  for (const c of list) if ((await events(c.id)).some((e) => e.type === 'message' && e.text?.includes(text))) return c
  throw new Error(`no conversation with ${text}`)
}
async function conversation(id: string): Promise<Conversation> {
  return (await (await t.api(`/api/conversations/${id}`, { token: admin })).json()) as Conversation
}
async function events(id: string): Promise<TimelineEvent[]> {
  return ((await (await t.api(`/api/conversations/${id}/events`, { token: admin })).json()) as { items: TimelineEvent[] }).items
}
async function reply(id: string, text: string): Promise<TimelineEvent> {
  const r = await t.api(`/api/conversations/${id}/messages`, { method: 'POST', token: admin, json: { text, clientId: newClientId() } })
  expect(r.status).toBe(201)
  return (await r.json()) as TimelineEvent
}
async function answerInSink(text: string): Promise<SinkMail> {
  await expect.poll(() => sink.mails.some((m) => m.text?.includes(text)), { timeout: 5000 }).toBe(true)
  return sink.mails.find((m) => m.text?.includes(text))!
}
const bare = (id: string | undefined) => (id ?? '').replace(/^<|>$/g, '')

describe('e-mail channel', () => {
  it('sends the files a consultant attached to the answer as e-mail attachments', async () => {
    expect(await mail({ from: 'anna.pliki@poczta.example.pl', to: `kontakt@${DOMAIN}`, subject: 'Wzór', messageId: `<pliki.${newClientId()}@poczta.example.pl>`, text: 'Proszę o wzór wniosku.' })).toBe(250)
    const conv = await conversationWith('Proszę o wzór wniosku.')
    const form = new FormData()
    form.append('file', new File([Buffer.from('%PDF-1.7 wzór')], 'wzór wniosku.pdf', { type: 'application/pdf' }))
    const up = (await (await fetch(`${t.hub.url}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: form })).json()) as { id: string }
    const r = await t.api(`/api/conversations/${conv.id}/messages`, { method: 'POST', token: admin, json: { text: 'Wzór w załączniku.', clientId: newClientId(), attachmentIds: [up.id] } })
    expect(r.status).toBe(201)
    const sent = await answerInSink('Wzór w załączniku.')
    expect(sent.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([['wzór wniosku.pdf', 'application/pdf', '%PDF-1.7 wzór']])
  })

  it('opens a conversation from a mail, answers it threaded, and threads the citizen’s reply by References only', async () => {
    const citizenId = `pierwszy.${newClientId()}@poczta.example.pl`
    expect(
      await mail({
        from: '"Jan Kowalski" <jan.kowalski@poczta.example.pl>',
        to: `kontakt@${DOMAIN}`,
        subject: '=?UTF-8?B?' + Buffer.from('Zasiłek – pytanie', 'utf8').toString('base64') + '?=',
        messageId: `<${citizenId}>`,
        text: 'Kiedy dostanę zasiłek?',
        html: '<p>Kiedy dostanę <b>zasiłek</b>?</p><script>alert(1)</script><img src="https://tracker.example/x.png" onerror="alert(2)">',
        attachments: [{ filename: 'zaświadczenie.pdf', content: Buffer.from('%PDF-1.7 test'), contentType: 'application/pdf' }],
      }),
    ).toBe(250)
    const conv = await conversationWith('Kiedy dostanę zasiłek?')
    expect(conv.channel).toBe('email')
    const first = (await events(conv.id)).find((e) => e.type === 'message')!
    const email = first.data?.email as { subject: string; html: string; messageId: string }
    expect(email.subject).toBe('Zasiłek – pytanie')
    expect(email.messageId).toBe(citizenId)
    expect(email.html).toContain('<b>zasiłek</b>')
    expect(email.html).not.toMatch(/script|onerror|tracker\.example/)
    const [attachment] = first.data?.attachments as { id: string; state: string }[]
    expect(attachment!.state).toBe('stored')
    expect(await (await t.api(`/api/attachments/${attachment!.id}`, { token: admin })).text()).toBe('%PDF-1.7 test')

    const answer = await reply(conv.id, 'Zasiłek wypłacamy do 10. dnia miesiąca.')
    const sent = await answerInSink('Zasiłek wypłacamy')
    expect(sent.subject).toBe('Re: Zasiłek – pytanie')
    expect(bare(sent.inReplyTo)).toBe(citizenId)
    expect([sent.references].flat().map(bare)).toContain(citizenId)
    const replyTo = sent.replyTo?.value[0]?.address ?? ''
    expect(replyTo).toMatch(new RegExp(`^reply\\+[A-Za-z0-9_-]{24}@${DOMAIN.replaceAll('.', '\\.')}$`))
    expect(sent.envelope.rcptTo).toEqual(['jan.kowalski@poczta.example.pl'])
    const ourId = bare(sent.messageId)
    await expect.poll(async () => (await events(conv.id)).find((e) => e.type === 'delivery')?.data?.state, { timeout: 5000 }).toBe('sent')

    // The citizen answers from another client: only References, a new subject, quoted history below.
    expect(
      await mail({
        from: 'jan.kowalski@poczta.example.pl',
        to: `kontakt@${DOMAIN}`,
        subject: 'Jeszcze jedno',
        messageId: `<drugi.${newClientId()}@poczta.example.pl>`,
        references: [`<${citizenId}>`, `<${ourId}>`],
        text: 'A czy mogę dostać go na konto?\n\nW dniu pon., 30 lis 2026 o 10:00 Infolinia napisał(a):\n> Zasiłek wypłacamy do 10. dnia miesiąca.',
      }),
    ).toBe(250)
    const all = await events(conv.id)
    const second = all.filter((e) => e.type === 'message' && e.direction === 'in').at(-1)!
    expect(second.text?.trim()).toBe('A czy mogę dostać go na konto?')
    expect((second.data?.email as { fullText: string }).fullText).toContain('> Zasiłek wypłacamy')
    expect(answer.conversationId).toBe(conv.id)
  })

  it('reopens a resolved conversation when the citizen writes to its address; an auto-reply neither reopens nor is stored', async () => {
    const citizenId = `trzeci.${newClientId()}@poczta.example.pl`
    await mail({ from: 'anna@poczta.example.pl', to: `kontakt@${DOMAIN}`, subject: 'Staż', messageId: `<${citizenId}>`, text: 'Pytanie o staż' })
    const conv = await conversationWith('Pytanie o staż')
    await reply(conv.id, 'Proszę o numer PESEL.')
    const sent = await answerInSink('Proszę o numer PESEL')
    const address = sent.replyTo!.value[0]!.address!
    expect((await t.api(`/api/conversations/${conv.id}/status`, { method: 'POST', token: admin, json: { status: 'resolved' } })).status).toBe(201)

    expect(await mail({ from: 'anna@poczta.example.pl', to: address, subject: 'Urlop', text: 'Jestem na urlopie do poniedziałku.', headers: { 'Auto-Submitted': 'auto-replied' } })).toBe(250)
    expect((await conversation(conv.id)).status).toBe('resolved')
    expect((await events(conv.id)).some((e) => e.text?.includes('urlopie'))).toBe(false)

    expect(await mail({ from: 'anna@poczta.example.pl', to: address, subject: 'Nowy temat', text: 'Jednak mam jeszcze pytanie.' })).toBe(250)
    const reopened = await conversation(conv.id)
    expect(reopened.status).not.toBe('resolved')
    expect((await events(conv.id)).some((e) => e.text?.includes('Jednak mam jeszcze pytanie'))).toBe(true)
  })

  it('marks an answer failed when its bounce comes back, with the reason', async () => {
    await mail({ from: 'nieistniejacy@poczta.example.pl', to: `kontakt@${DOMAIN}`, subject: 'Test', messageId: `<bounce.${newClientId()}@poczta.example.pl>`, text: 'Pytanie przed odbiciem' })
    const conv = await conversationWith('Pytanie przed odbiciem')
    const answer = await reply(conv.id, 'Odpowiedź, która wróci')
    const sent = await answerInSink('Odpowiedź, która wróci')
    const dsn = [
      'This is the mail system at host mx.poczta.example.pl.',
      '',
      '--BOUNDARY',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'Your message could not be delivered.',
      '--BOUNDARY',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.poczta.example.pl',
      '',
      'Final-Recipient: rfc822; nieistniejacy@poczta.example.pl',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <nieistniejacy@poczta.example.pl>: Recipient address rejected: User unknown',
      '--BOUNDARY',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: ${sent.messageId}`,
      `Subject: ${sent.subject}`,
      '--BOUNDARY--',
      '',
    ].join('\r\n')
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true })
    await transport.sendMail({
      envelope: { from: '', to: `infolinia@${DOMAIN}` },
      raw: `From: MAILER-DAEMON@mx.poczta.example.pl\r\nTo: infolinia@${DOMAIN}\r\nSubject: Undelivered Mail Returned to Sender\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"\r\n\r\n${dsn}`,
    })
    transport.close()
    await expect
      .poll(async () => (await events(conv.id)).filter((e) => e.type === 'delivery').map((e) => e.data?.state), { timeout: 5000 })
      .toEqual(['sent', 'failed'])
    const failed = (await events(conv.id)).filter((e) => e.type === 'delivery').at(-1)!
    expect(failed.data?.messageIds).toEqual([answer.id])
    expect(String(failed.data?.error)).toMatch(/5\.1\.1|User unknown/)
  })

  it('answers a web form by e-mail and threads the citizen’s reply into the form’s conversation', async () => {
    const r = await t.api('/connectors/forms/kontakt', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-form-secret': FORM_SECRET },
      body: JSON.stringify({ name: 'Ewa Nowak', email: 'ewa.nowak@poczta.example.pl', topic: 'Szkolenia', message: 'Jakie szkolenia są dostępne?' }),
    })
    expect(r.status).toBe(200)
    const conv = await conversationWith('Jakie szkolenia są dostępne?')
    expect(conv.channel).toBe('form')
    await reply(conv.id, 'Lista szkoleń jest na stronie urzędu.')
    const sent = await answerInSink('Lista szkoleń')
    expect(sent.subject).toBe('Odpowiedź na formularz kontaktowy')
    expect(sent.envelope.rcptTo).toEqual(['ewa.nowak@poczta.example.pl'])
    expect(await mail({ from: 'ewa.nowak@poczta.example.pl', to: sent.replyTo!.value[0]!.address!, subject: 'Re: Odpowiedź na formularz kontaktowy', inReplyTo: sent.messageId, text: 'Dziękuję, a kiedy są zapisy?' })).toBe(250)
    expect((await events(conv.id)).some((e) => e.type === 'message' && e.text?.includes('kiedy są zapisy'))).toBe(true)
  })

  it('refuses mail for domains it does not serve (the size limit: connectors/email tests)', async () => {
    expect(await mail({ from: 'x@poczta.example.pl', to: 'ktos@inna.example', subject: 'x', text: 'x' })).toBe(550)
  })
})
