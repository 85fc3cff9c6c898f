// Telegram end to end: signed webhooks into the shared inbox, stored once however often
// delivered, and replies sent through the fake Bot API by the outbox worker, with retries and failures recorded.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTelegramConnector } from '../connectors/telegram/telegram-connector.ts'
import type { Conversation, TimelineEvent } from '../protocol/rest.ts'
import { createFakeClock } from './support/fake-clock.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'
import { startFakeTelegramApi, type FakeTelegramApi } from './fakes/telegram-api.ts'

const SECRET = 'sekret-webhooka-telegrama-1'
const clock = createFakeClock()
let api: FakeTelegramApi
let t: TestHub
let admin: string
beforeAll(async () => {
  api = await startFakeTelegramApi()
  t = await startTestHub({ clock, connectors: [createTelegramConnector({ botToken: api.token, webhookSecret: SECRET, apiUrl: api.url })] })
  admin = await t.login()
})
afterAll(async () => {
  await t?.close()
  await api?.close()
})

const sample = JSON.parse(readFileSync(new URL('../connectors/telegram/fixtures/update_text_message.json', import.meta.url), 'utf8')) as Record<string, unknown>

function update(updateId: number, text: string, fromId = 777_000_111): string {
  return JSON.stringify({
    update_id: updateId,
    message: { message_id: updateId, date: 1_764_496_800, text, chat: { id: fromId, type: 'private', first_name: 'Olena' }, from: { id: fromId, is_bot: false, first_name: 'Olena', last_name: 'Kowalenko' } },
  })
}

function deliver(body: string, secret: string | null = SECRET) {
  return t.api('/connectors/telegram', { method: 'POST', headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) }, body })
}

async function telegramConversations(): Promise<Conversation[]> {
  return ((await (await t.api('/api/conversations?channel=telegram&limit=100', { token: admin })).json()) as { items: Conversation[] }).items
}

async function events(id: string): Promise<TimelineEvent[]> {
  return ((await (await t.api(`/api/conversations/${id}/events`, { token: admin })).json()) as { items: TimelineEvent[] }).items
}

describe('Telegram channel', () => {
  it('refuses a webhook without the secret and stores nothing', async () => {
    expect((await deliver(update(1, 'Bez sekretu'), null)).status).toBe(401)
    expect((await deliver(update(1, 'Zły sekret'), 'zly-sekret-zly-sekret')).status).toBe(401)
    expect(await telegramConversations()).toEqual([])
  })

  it('stores a delivered message once, however often and however concurrently it comes', async () => {
    const r = await deliver(JSON.stringify(sample))
    expect(r.status).toBe(200)
    const body = update(5001, 'Dzień dobry, pytanie o zasiłek')
    const answers = await Promise.all(Array.from({ length: 5 }, () => deliver(body)))
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200])
    const convs = await telegramConversations()
    const olena = convs.find((c) => c.contact.name === 'Olena Kowalenko')!
    expect(olena).toBeDefined()
    const texts = (await events(olena.id)).filter((e) => e.type === 'message').map((e) => e.text)
    expect(texts).toEqual(['Dzień dobry, pytanie o zasiłek'])
  })

  it('sends a reply through the Bot API and records the delivery; retries a 500, records a 403 as failed', async () => {
    const olena = (await telegramConversations()).find((c) => c.contact.name === 'Olena Kowalenko')!
    const reply = async (text: string) => {
      const r = await t.api(`/api/conversations/${olena.id}/messages`, { method: 'POST', token: admin, json: { text, clientId: newClientId() } })
      expect(r.status).toBe(201)
    }
    const deliveries = async () => (await events(olena.id)).filter((e) => e.type === 'delivery').map((e) => e.data?.state)

    await reply('Dzień dobry, w czym mogę pomóc?')
    await expect.poll(deliveries, { timeout: 5_000 }).toEqual(['sent'])
    expect(api.calls.filter((c) => c.method === 'sendMessage').map((c) => [String(c.params.chat_id), c.params.text])).toEqual([['777000111', 'Dzień dobry, w czym mogę pomóc?']])

    // A provider error worth retrying: tried again after the backoff, sent once.
    api.failNext(1, 500)
    await reply('Druga odpowiedź')
    await expect.poll(() => api.calls.length, { timeout: 5_000 }).toBe(2)
    // Time moves on a second at a time until the backoff is over and the worker's poll sends it again.
    await expect
      .poll(
        async () => {
          clock.advance(1_000)
          return deliveries()
        },
        { timeout: 5_000 },
      )
      .toEqual(['sent', 'sent'])
    expect(api.calls.filter((c) => c.params.text === 'Druga odpowiedź').map((c) => c.status)).toEqual([500, 200])

    // Blocked by the user: no retry, a failed delivery staff can see.
    api.failNext(1, 403)
    await reply('Trzecia odpowiedź')
    await expect.poll(deliveries, { timeout: 5_000 }).toEqual(['sent', 'sent', 'failed'])
    const failed = (await events(olena.id)).filter((e) => e.type === 'delivery').at(-1)!
    expect(String(failed.data?.error)).toMatch(/blocked/)
    expect(api.calls.filter((c) => c.params.text === 'Trzecia odpowiedź')).toHaveLength(1)
  })

  it('applies an edited message to the stored event, once, and links a reply to it', async () => {
    const user = 4_300_000_001 // beyond 2^32
    const send = (u: object) => deliver(JSON.stringify(u))
    const date = 1_764_500_000
    expect((await send({ update_id: 7001, message: { message_id: 55, date, text: 'Pytam o szkolenie', chat: { id: user, type: 'private' }, from: { id: user, is_bot: false, first_name: 'Marek' } } })).status).toBe(200)
    const edited = { update_id: 7002, edited_message: { message_id: 55, date, edit_date: date + 30, text: 'Pytam o szkolenie językowe', chat: { id: user, type: 'private' }, from: { id: user, is_bot: false, first_name: 'Marek' } } }
    expect((await send(edited)).status).toBe(200)
    expect((await send(edited)).status).toBe(200)
    expect((await send({ update_id: 7003, message: { message_id: 56, date: date + 60, text: 'I o termin', reply_to_message: { message_id: 55, date, chat: { id: user, type: 'private' } }, chat: { id: user, type: 'private' }, from: { id: user, is_bot: false, first_name: 'Marek' } } })).status).toBe(200)
    const marek = (await telegramConversations()).find((c) => c.contact.name === 'Marek')!
    const all = await events(marek.id)
    const original = all.find((e) => e.type === 'message' && e.text?.startsWith('Pytam'))!
    expect(original.text).toBe('Pytam o szkolenie językowe')
    expect(all.filter((e) => e.type === 'edit')).toHaveLength(1)
    expect(all.find((e) => e.text === 'I o termin')!.data?.replyTo).toBe(original.id)
  })

  it('fetches a photo through getFile after the commit and serves the largest size to staff', async () => {
    api.addFile('AgACAgIAAxkBAAIBig', new TextEncoder().encode('DUZE-ZDJECIE'), 'photos/file_9.jpg')
    const user = 888_000_222
    const photo = [
      { file_id: 'AgACAgIAAxkBAAIBim', file_unique_id: 'm', width: 90, height: 90, file_size: 1200 },
      { file_id: 'AgACAgIAAxkBAAIBig', file_unique_id: 'g', width: 1280, height: 960, file_size: 12 },
    ]
    expect((await deliver(JSON.stringify({ update_id: 8001, message: { message_id: 3, date: 1_764_500_100, photo, caption: 'Moje zaświadczenie', chat: { id: user, type: 'private' }, from: { id: user, is_bot: false, first_name: 'Ala' } } }))).status).toBe(200)
    const ala = (await telegramConversations()).find((c) => c.contact.name === 'Ala')!
    const message = (await events(ala.id)).find((e) => e.type === 'message')!
    expect(message.text).toBe('Moje zaświadczenie')
    const [attachment] = message.data?.attachments as { id: string }[]
    await expect.poll(async () => (await events(ala.id)).find((e) => e.type === 'attachment')?.data?.attachment, { timeout: 5000 }).toMatchObject({ state: 'stored', size: 12 })
    const r = await t.api(`/api/attachments/${attachment!.id}`, { token: admin })
    expect(await r.text()).toBe('DUZE-ZDJECIE')
    expect(api.calls.filter((c) => c.method === 'getFile').map((c) => c.params.file_id)).toEqual(['AgACAgIAAxkBAAIBig'])
  })
})
