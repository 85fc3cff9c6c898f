// Satisfaction surveys on every channel, through the fakes: after staff resolve a conversation its citizen is asked
// once on its channel — in the chat a rating form, by SMS and Telegram a question answered with a digit, by e-mail
// rating links to a page that records the rating only when confirmed. A second answer never counts twice, and an
// answer is never a new conversation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHmac } from 'node:crypto'
import { createEmailConnector } from '../connectors/email/email-connector.ts'
import { createMessengerConnector } from '../connectors/messenger/messenger-connector.ts'
import { startFakeMessengerApi, type FakeMessengerApi } from './fakes/messenger-api.ts'
import { twilioSignature } from '../connectors/sms/twilio-signature.ts'
import { createTwilioSmsConnector } from '../connectors/sms/twilio-sms-connector.ts'
import { createTelegramConnector } from '../connectors/telegram/telegram-connector.ts'
import type { Conversation, TimelineEvent } from '../protocol/rest.ts'
import { startFakeTelegramApi, type FakeTelegramApi } from './fakes/telegram-api.ts'
import { startFakeTwilioApi, type FakeTwilioApi } from './fakes/twilio-api.ts'
import { startSmtpSink, type SmtpSink } from './fakes/smtp-sink.ts'
import { freePort } from './support/free-port.ts'
import { deliverMail } from './support/smtp-client.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'

const ACCOUNT_SID = 'AC' + '9'.repeat(32)
const AUTH_TOKEN = 'token-twilio-ankiety-0123456789'
const PUBLIC_URL = 'https://hub.example.gov.pl'
const SECRET = 'sekret-webhooka-ankiety-1'
const DOMAIN = 'ankiety.urzad.example'
let t: TestHub
let admin: string
let sms: FakeTwilioApi
let telegram: FakeTelegramApi
let sink: SmtpSink
let smtpPort: number
let messenger: FakeMessengerApi
const APP_SECRET = 'sekret-aplikacji-ankiety'
const PAGE = '682498302938465'

beforeAll(async () => {
  sms = await startFakeTwilioApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })
  telegram = await startFakeTelegramApi()
  sink = await startSmtpSink()
  messenger = await startFakeMessengerApi()
  smtpPort = await freePort()
  t = await startTestHub({
    env: { MAIL_DOMAIN: DOMAIN, SMTP_RELAY_URL: sink.url, PUBLIC_URL },
    connectors: [
      createTwilioSmsConnector({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+48221234567', publicUrl: PUBLIC_URL, apiUrl: sms.url }),
      createTelegramConnector({ botToken: telegram.token, webhookSecret: SECRET, apiUrl: telegram.url }),
      createEmailConnector({ domain: DOMAIN, port: smtpPort, host: '127.0.0.1', relayUrl: sink.url, from: `infolinia@${DOMAIN}` }),
      createMessengerConnector({ appSecret: APP_SECRET, verifyToken: 'weryfikacja-ankiety', pageAccessToken: messenger.token, apiUrl: messenger.url }),
    ],
  })
  admin = await t.login()
})
afterAll(async () => {
  await t?.close()
  await sms?.close()
  await telegram?.close()
  await sink?.close()
  await messenger?.close()
})

const events = async (id: string) => ((await (await t.api(`/api/conversations/${id}/events`, { token: admin })).json()) as { items: TimelineEvent[] }).items
const scores = async (id: string) => (await events(id)).filter((e) => e.type === 'survey' && typeof e.data?.score === 'number' && !e.data?.repeated).map((e) => [e.data?.score, e.data?.comment ?? null, e.data?.channel])
const resolve = (id: string) => t.api(`/api/conversations/${id}/status`, { method: 'POST', token: admin, json: { status: 'resolved' } })
async function conversationWith(channel: string, text: string): Promise<Conversation> {
  const list = ((await (await t.api(`/api/conversations?channel=${channel}&status=resolved&limit=100`, { token: admin })).json()) as { items: Conversation[] }).items
  const open = ((await (await t.api(`/api/conversations?channel=${channel}&limit=100`, { token: admin })).json()) as { items: Conversation[] }).items
  for (const c of [...open, ...list]) if ((await events(c.id)).some((e) => e.type === 'message' && e.text?.includes(text))) return c
  throw new Error(`no ${channel} conversation with ${text}`)
}

describe('surveys', () => {
  it('web chat: a rating form after the chat is resolved; answered once', async () => {
    const { socket } = await t.visitor()
    const id = (await socket.request({ type: 'send', clientId: newClientId(), text: 'Dziękuję za pomoc' }, (f) => f.type === 'ack')).conversationId as string
    const from = socket.frames.length
    expect((await resolve(id)).status).toBe(201)
    await socket.next((f) => f.type === 'event' && (f.event as TimelineEvent).type === 'survey' && (f.event as TimelineEvent).data?.asked === true, from)
    const after = socket.frames.length
    socket.send({ type: 'survey', conversationId: id, score: 4, comment: 'Szybko i konkretnie' })
    await socket.next((f) => f.type === 'event' && (f.event as TimelineEvent).data?.score === 4, after)
    const again = await socket.request({ type: 'survey', conversationId: id, score: 1 }, (f) => f.type === 'error')
    expect(again.code).toBe('not_found')
    expect(await scores(id)).toEqual([[4, 'Szybko i konkretnie', 'webchat']])
    // Resolving again (after a reopen) does not ask a second time.
    await t.api(`/api/conversations/${id}/status`, { method: 'POST', token: admin, json: { status: 'open' } })
    await resolve(id)
    expect((await events(id)).filter((e) => e.type === 'survey' && e.data?.asked === true)).toHaveLength(1)
    await socket.close()
  })

  it('SMS: the question goes out through the outbox; a digit reply is the rating, not a new conversation', async () => {
    const from = '+48600700800'
    const post = (sid: string, body: string) => {
      const form = new URLSearchParams({ MessageSid: sid, AccountSid: ACCOUNT_SID, From: from, To: '+48221234567', Body: body, NumMedia: '0' })
      const signature = twilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/connectors/sms/twilio`, [...form])
      return t.api('/connectors/sms/twilio', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: form.toString() })
    }
    await post('SM' + 'a'.repeat(32), 'Kiedy wypłata?')
    const conv = await conversationWith('sms', 'Kiedy wypłata?')
    expect((await resolve(conv.id)).status).toBe(201)
    await expect.poll(() => sms.calls.filter((c) => c.kind === 'send' && c.params.To === from && /od 1 .*do 5/.test(c.params.Body ?? '')).length, { timeout: 5000 }).toBe(1)
    for (let i = 0; i < 2; i++) expect((await post('SM' + 'b'.repeat(32), '5 bardzo dobrze')).status).toBe(200)
    await post('SM' + 'c'.repeat(32), '1')
    expect(await scores(conv.id)).toEqual([[5, 'bardzo dobrze', 'sms']])
    // The second rating is kept as a repeat, not counted, and neither reply opened or reopened anything.
    expect((await events(conv.id)).filter((e) => e.type === 'survey' && e.data?.repeated === true).map((e) => e.data?.score)).toEqual([1])
    const open = ((await (await t.api('/api/conversations?channel=sms&status=open&limit=100', { token: admin })).json()) as { items: Conversation[] }).items
    expect(open.filter((c) => c.contact.id === conv.contact.id)).toEqual([])
    expect((await events(conv.id)).filter((e) => e.type === 'message' && e.direction === 'in').map((e) => e.text)).toEqual(['Kiedy wypłata?'])
  })

  it('Telegram: the question is sent by the bot; the digit reply is recorded', async () => {
    const update = (id: number, text: string) =>
      JSON.stringify({ update_id: id, message: { message_id: id, date: Math.floor(Date.now() / 1000), text, chat: { id: 555_000_111, type: 'private', first_name: 'Olena' }, from: { id: 555_000_111, is_bot: false, first_name: 'Olena' } } })
    const deliver = (body: string) => t.api('/connectors/telegram', { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body })
    expect((await deliver(update(9001, 'Pytanie o staż'))).status).toBe(200)
    const conv = await conversationWith('telegram', 'Pytanie o staż')
    expect((await resolve(conv.id)).status).toBe(201)
    await expect.poll(() => telegram.calls.filter((c) => c.method === 'sendMessage' && String(c.params.text).includes('od 1')).length, { timeout: 5000 }).toBe(1)
    // The digits are offered as a one-time reply keyboard.
    const question = telegram.calls.find((c) => c.method === 'sendMessage' && String(c.params.text).includes('od 1'))!
    expect((question.params.reply_markup as { keyboard: { text: string }[][] }).keyboard).toEqual([['1', '2', '3', '4', '5'].map((text) => ({ text }))])
    expect((await deliver(update(9002, '3'))).status).toBe(200)
    await expect.poll(() => scores(conv.id), { timeout: 5000 }).toEqual([[3, null, 'telegram']])
  })

  it('Messenger: the question offers 1–5 as quick replies; the chosen one is recorded', async () => {
    const psid = '7200000000000009'
    const post = (mid: string, text: string, extra: object = {}) => {
      const body = JSON.stringify({ object: 'page', entry: [{ id: PAGE, time: Date.now(), messaging: [{ sender: { id: psid }, recipient: { id: PAGE }, timestamp: Date.now(), message: { mid, text, ...extra } }] }] })
      return t.api('/connectors/messenger', { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=' + createHmac('sha256', APP_SECRET).update(body).digest('hex') }, body })
    }
    expect((await post('m_ankieta_1', 'Jak zarejestrować się jako bezrobotny?')).status).toBe(200)
    const conv = await conversationWith('messenger', 'Jak zarejestrować się jako bezrobotny?')
    expect((await resolve(conv.id)).status).toBe(201)
    const question = () => messenger.calls.find((c) => c.path === '/me/messages' && String((c.params as { message?: { text?: string } }).message?.text).includes('od 1'))
    await expect.poll(() => !!question(), { timeout: 5000 }).toBe(true)
    const replies = (question()!.params as { message: { quick_replies: { payload: string }[] } }).message.quick_replies
    expect(replies.map((q) => q.payload)).toEqual(['1', '2', '3', '4', '5'])
    expect((await post('m_ankieta_2', '4', { quick_reply: { payload: '4' } })).status).toBe(200)
    await expect.poll(() => scores(conv.id), { timeout: 5000 }).toEqual([[4, null, 'messenger']])
  })

  it('e-mail: rating links to a page that records the rating only when confirmed, once', async () => {
    const text = `Proszę o informację ${newClientId()}`
    expect(await deliverMail(smtpPort, { from: 'ala.ankieta@poczta.example.pl', to: `kontakt@${DOMAIN}`, subject: 'Pytanie', messageId: `<a.${newClientId()}@poczta.example.pl>`, text })).toBe(250)
    const conv = await conversationWith('email', text)
    expect((await resolve(conv.id)).status).toBe(201)
    await expect.poll(() => sink.mails.some((m) => m.text?.includes('/survey/')), { timeout: 5000 }).toBe(true)
    const mail = sink.mails.find((m) => m.text?.includes('/survey/'))!
    const link = new RegExp(`${PUBLIC_URL.replaceAll('.', '\\.')}/survey/([A-Za-z0-9_-]{22})\\?score=4`).exec(mail.text ?? '')
    expect(link).not.toBeNull()
    const token = link![1]!
    // Opening the link (as a mail scanner would) records nothing.
    const page = await t.api(`/survey/${token}?score=4`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(await page.text()).toContain('value="4" checked')
    expect(await scores(conv.id)).toEqual([])
    const confirm = (score: string) => t.api(`/survey/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ score, comment: 'Pomocna odpowiedź <b>!</b>' }).toString() })
    expect(await (await confirm('4')).text()).toContain('4/5')
    expect(await (await confirm('2')).text()).toContain('ma już ocenę')
    expect(await scores(conv.id)).toEqual([[4, 'Pomocna odpowiedź <b>!</b>', 'email']])
    expect((await t.api('/survey/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404)
  })
})
