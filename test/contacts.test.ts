// Contacts across channels: staff find a contact, link an identity the citizen told them, and merge two contacts;
// the history follows the merge with both timelines intact, and later messages on either channel land on the kept
// contact. Identities the channel proves are verified, ones typed in are not; second-line staff have no directory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTelegramConnector } from '../connectors/telegram/telegram-connector.ts'
import type { ContactDetail, Conversation, TimelineEvent } from '../protocol/rest.ts'
import { startFakeTelegramApi, type FakeTelegramApi } from './fakes/telegram-api.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'

const SECRET = 'sekret-webhooka-kontakty'
let api: FakeTelegramApi
let t: TestHub
let admin: string
beforeAll(async () => {
  api = await startFakeTelegramApi()
  t = await startTestHub({ connectors: [createTelegramConnector({ botToken: api.token, webhookSecret: SECRET, apiUrl: api.url })] })
  admin = await t.login()
})
afterAll(async () => {
  await t?.close()
  await api?.close()
})

let updateId = 90_000
function telegram(fromId: number, text: string) {
  const id = ++updateId
  return t.api('/connectors/telegram', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify({ update_id: id, message: { message_id: id, date: Math.floor(Date.now() / 1000), text, chat: { id: fromId, type: 'private' }, from: { id: fromId, is_bot: false, first_name: 'Jan', last_name: 'Kowal' } } }),
  })
}

async function conversation(id: string): Promise<Conversation> {
  return (await (await t.api(`/api/conversations/${id}`, { token: admin })).json()) as Conversation
}
async function contact(id: string): Promise<ContactDetail> {
  return (await (await t.api(`/api/contacts/${id}`, { token: admin })).json()) as ContactDetail
}
async function texts(conversationId: string): Promise<string[]> {
  const items = ((await (await t.api(`/api/conversations/${conversationId}/events`, { token: admin })).json()) as { items: TimelineEvent[] }).items
  return items.filter((e) => e.type === 'message').map((e) => e.text ?? '')
}
async function telegramConversationOf(fromId: number): Promise<Conversation> {
  const list = ((await (await t.api('/api/conversations?channel=telegram&limit=100', { token: admin })).json()) as { items: Conversation[] }).items
  for (const c of list) if ((await contact(c.contact.id)).identities.some((i) => i.externalId === String(fromId))) return c
  throw new Error('not found')
}

describe('contacts', () => {
  it('merges a web chat contact and a Telegram contact: identities, conversations and later messages follow', async () => {
    const chatId = await t.newChat('Pytanie z czatu na portalu')
    const chat = await conversation(chatId)
    const tgUser = 5_100_000_000 + Math.floor(Math.random() * 1e6)
    expect((await telegram(tgUser, 'Pytanie z Telegrama')).status).toBe(200)
    const tg = await telegramConversationOf(tgUser)
    expect(tg.contact.id).not.toBe(chat.contact.id)

    const r = await t.api(`/api/contacts/${chat.contact.id}/merge`, { method: 'POST', token: admin, json: { from: tg.contact.id } })
    expect(r.status).toBe(200)
    const merged = (await r.json()) as ContactDetail
    expect(merged.identities.map((i) => [i.channel, i.verified]).sort()).toEqual([
      ['telegram', true],
      ['webchat', true],
    ])
    expect(merged.conversations.map((c) => c.id).sort()).toEqual([chatId, tg.id].sort())
    expect(merged.mergedFrom).toEqual([tg.contact.id])
    expect(merged.name).toBe('Jan Kowal')
    // Both timelines intact, each in its own conversation.
    expect(await texts(chatId)).toEqual(['Pytanie z czatu na portalu'])
    expect(await texts(tg.id)).toEqual(['Pytanie z Telegrama'])
    // The merged contact is gone from the directory; the next Telegram message lands on the kept contact.
    expect((await t.api(`/api/contacts/${tg.contact.id}`, { token: admin })).status).toBe(404)
    expect((await telegram(tgUser, 'Jeszcze jedno')).status).toBe(200)
    expect((await conversation(tg.id)).contact.id).toBe(chat.contact.id)
    expect(await texts(tg.id)).toEqual(['Pytanie z Telegrama', 'Jeszcze jedno'])
    // Merging again (a double click) finds nothing to merge.
    expect((await t.api(`/api/contacts/${chat.contact.id}/merge`, { method: 'POST', token: admin, json: { from: tg.contact.id } })).status).toBe(404)
  })

  it('links an identity by hand as unverified, and refuses one another contact has', async () => {
    const a = await conversation(await t.newChat('Kontakt A'))
    const b = await conversation(await t.newChat('Kontakt B'))
    const email = `obywatel.${newClientId().slice(0, 8)}@example.pl`
    const linked = await t.api(`/api/contacts/${a.contact.id}/identities`, { method: 'POST', token: admin, json: { channel: 'email', externalId: email } })
    expect(linked.status).toBe(201)
    expect(((await linked.json()) as ContactDetail).identities.find((i) => i.channel === 'email')).toMatchObject({ externalId: email, verified: false })
    const taken = await t.api(`/api/contacts/${b.contact.id}/identities`, { method: 'POST', token: admin, json: { channel: 'email', externalId: email } })
    expect(taken.status).toBe(409)
    expect(await taken.json()).toMatchObject({ error: { code: 'identity_taken', details: { contactId: a.contact.id } } })
    expect((await contact(b.contact.id)).identities.some((i) => i.channel === 'email')).toBe(false)
  })

  it('edits contact details, finds contacts by them, and refuses bad input without changing anything', async () => {
    const conv = await conversation(await t.newChat('Kontakt do edycji'))
    const phone = `+48 600 ${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`
    const ok = await t.api(`/api/contacts/${conv.contact.id}`, { method: 'PATCH', token: admin, json: { name: 'Ewa Zielińska', phone, region: '1465' } })
    expect(ok.status).toBe(200)
    const bad = await t.api(`/api/contacts/${conv.contact.id}`, { method: 'PATCH', token: admin, json: { name: 'X', region: 'Warszawa' } })
    expect(bad.status).toBe(400)
    expect(await contact(conv.contact.id)).toMatchObject({ name: 'Ewa Zielińska', phone, region: '1465' })
    const found = (await (await t.api(`/api/contacts?q=${encodeURIComponent('zielińska')}`, { token: admin })).json()) as { items: { id: string }[] }
    expect(found.items.map((c) => c.id)).toContain(conv.contact.id)
    expect((await t.api('/api/contacts?q=%25', { token: admin })).status).toBe(400)
  })

  it('keeps the contact directory from second-line staff', async () => {
    const { id, token } = await t.consultant(`drugalinia.${newClientId().slice(0, 6)}@example.pl`)
    expect((await t.api('/api/contacts?q=Kontakt', { token })).status).toBe(200)
    expect((await t.api(`/api/admin/consultants/${id}`, { method: 'PATCH', token: admin, json: { role: 'second_line' } })).status).toBe(200)
    expect((await t.api('/api/contacts?q=Kontakt', { token })).status).toBe(403)
  })
})
