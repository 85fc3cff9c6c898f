// Messenger end to end: signed webhooks in the documented formats into the shared inbox, and what follows from
// them: one stored event (and one live event) per mid however often it comes, attachments fetched after the
// commit and served to staff only, replies, edits, echoes linked to the hub's own sends, delivery and read
// receipts moving message states forward, the profile name, and the reply window (RESPONSE, HUMAN_AGENT, refused).
import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMessengerConnector } from '../connectors/messenger/messenger-connector.ts'
import type { Conversation, TimelineEvent } from '../protocol/rest.ts'
import { startFakeMessengerApi, type FakeMessengerApi } from './fakes/messenger-api.ts'
import { createFakeClock } from './support/fake-clock.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'

const APP_SECRET = 'sekret-aplikacji-messengera-e2e'
const PAGE = '682498302938465'
const clock = createFakeClock()
let api: FakeMessengerApi
let t: TestHub
let admin: string

beforeAll(async () => {
  api = await startFakeMessengerApi()
  t = await startTestHub({
    clock,
    connectors: [createMessengerConnector({ appSecret: APP_SECRET, verifyToken: 'weryfikacja-e2e', pageAccessToken: api.token, apiUrl: api.url })],
  })
  admin = await t.login()
})
afterAll(async () => {
  await t?.close()
  await api?.close()
})

let psidCounter = 0
const newPsid = () => `${7_000_000_000_000_000n + BigInt(Date.now() % 1_000_000) * 1000n + BigInt(++psidCounter)}`

/** Posts a raw body signed over its exact bytes. */
function post(body: string) {
  return t.api('/connectors/messenger', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=' + createHmac('sha256', APP_SECRET).update(body).digest('hex') },
    body,
  })
}

function webhook(messaging: object[], entryId: string | number = PAGE): string {
  return JSON.stringify({ object: 'page', entry: [{ id: entryId, time: clock.now().getTime(), messaging }] })
}

const text = (psid: string, mid: string, body: string, extra: object = {}, ts = clock.now().getTime()) => ({
  sender: { id: psid },
  recipient: { id: PAGE },
  timestamp: ts,
  message: { mid, text: body, ...extra },
})

async function conversationOf(psid: string): Promise<Conversation> {
  const list = ((await (await t.api('/api/conversations?channel=messenger&limit=100', { token: admin })).json()) as { items: Conversation[] }).items
  for (const c of list) {
    const detail = (await (await t.api(`/api/contacts/${c.contact.id}`, { token: admin })).json()) as { identities: { externalId: string }[] }
    if (detail.identities.some((i) => i.externalId === psid)) return c
  }
  throw new Error(`no conversation for ${psid}`)
}

async function events(id: string): Promise<TimelineEvent[]> {
  return ((await (await t.api(`/api/conversations/${id}/events`, { token: admin })).json()) as { items: TimelineEvent[] }).items
}

async function reply(conversationId: string, body: string): Promise<TimelineEvent> {
  const r = await t.api(`/api/conversations/${conversationId}/messages`, { method: 'POST', token: admin, json: { text: body, clientId: newClientId() } })
  expect(r.status).toBe(201)
  return (await r.json()) as TimelineEvent
}

describe('Messenger channel', () => {
  it('accepts a body with unicode escapes signed over its raw bytes, entry ids as number or string', async () => {
    const psid = newPsid()
    // Meta escapes non-ASCII as \uXXXX; the HMAC is over these bytes, not over a re-serialised body.
    const escaped = webhook([text(psid, `m_esc_${newClientId()}`, 'ZASI\u0141EK')]).replace('ZASIŁEK', 'ZASI\\u0141EK')
    expect(escaped).toContain('\\u0141')
    expect((await post(escaped)).status).toBe(200)
    expect((await post(webhook([text(psid, `m_num_${newClientId()}`, 'Drugie')], Number(PAGE)))).status).toBe(200)
    const conv = await conversationOf(psid)
    expect((await events(conv.id)).filter((e) => e.type === 'message').map((e) => e.text)).toEqual(['ZASIŁEK', 'Drugie'])
  })

  it('stores five concurrent deliveries of one mid once, with one live event', async () => {
    const psid = newPsid()
    expect((await post(webhook([text(psid, `m_first_${newClientId()}`, 'Pierwsza')]))).status).toBe(200)
    const conv = await conversationOf(psid)
    const staff = await t.staff(admin)
    await staff.request({ type: 'subscribe', conversationId: conv.id, afterSeq: conv.lastSeq }, (f) => f.type === 'synced')
    const twice = webhook([text(psid, `m_dup_${newClientId()}`, 'Pięć razy')])
    const statuses = await Promise.all([1, 2, 3, 4, 5].map(() => post(twice)))
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 200, 200, 200])
    // A later message: once its event is here, any duplicate event of the first would have come before it.
    expect((await post(webhook([text(psid, `m_after_${newClientId()}`, 'Znacznik')]))).status).toBe(200)
    await staff.next((f) => f.type === 'event' && (f.event as TimelineEvent).text === 'Znacznik')
    const live = staff.frames.filter((f) => f.type === 'event' && (f.event as TimelineEvent).text === 'Pięć razy')
    expect(live).toHaveLength(1)
    expect((await events(conv.id)).filter((e) => e.text === 'Pięć razy')).toHaveLength(1)
    await staff.close()
  })

  it('places postbacks by their timestamps in seconds or in milliseconds', async () => {
    const psid = newPsid()
    const at = Math.floor(clock.now().getTime() / 1000) * 1000
    const postback = (mid: string, title: string, timestamp: number) => ({ sender: { id: psid }, recipient: { id: PAGE }, timestamp, postback: { mid, title, payload: `P_${title}` } })
    // The later one (milliseconds) first, the earlier one (seconds) after it.
    expect((await post(webhook([postback(`pb_ms_${newClientId()}`, 'Drugi', at + 5000)]))).status).toBe(200)
    expect((await post(webhook([postback(`pb_s_${newClientId()}`, 'Pierwszy', at / 1000)]))).status).toBe(200)
    const conv = await conversationOf(psid)
    const stored = (await events(conv.id)).filter((e) => e.type === 'message')
    expect(stored.map((e) => e.occurredAt)).toEqual([new Date(at + 5000).toISOString(), new Date(at).toISOString()])
    expect(stored[0]!.data?.button).toEqual({ kind: 'postback', payload: 'P_Drugi' })
  })

  it('fetches an image after the commit and serves it to staff only, as a download', async () => {
    const psid = newPsid()
    const url = api.addMedia(`zdjecie-${newClientId()}.jpg`, 'JPEGDATA', 'image/jpeg')
    const mid = `m_img_${newClientId()}`
    const r = await post(webhook([{ sender: { id: psid }, recipient: { id: PAGE }, timestamp: clock.now().getTime(), message: { mid, attachments: [{ type: 'image', payload: { url } }] } }]))
    expect(r.status).toBe(200)
    const conv = await conversationOf(psid)
    const message = (await events(conv.id)).find((e) => e.type === 'message')!
    const [attachment] = message.data?.attachments as { id: string; state: string }[]
    expect(attachment!.id).toMatch(/^[A-Za-z0-9_-]{22}$/)
    // Fetched by the worker, then announced in the timeline.
    await expect.poll(async () => (await events(conv.id)).find((e) => e.type === 'attachment')?.data?.attachment, { timeout: 5000 }).toMatchObject({ id: attachment!.id, state: 'stored' })
    const download = await t.api(`/api/attachments/${attachment!.id}`, { token: admin })
    expect(download.status).toBe(200)
    expect(await download.text()).toBe('JPEGDATA')
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(download.headers.get('x-content-type-options')).toBe('nosniff')
    expect(download.headers.get('content-security-policy')).toContain('sandbox')
    expect((await t.api(`/api/attachments/${attachment!.id}`)).status).toBe(401)
    // A widget visitor who is not this conversation's contact learns nothing, not even that it exists.
    const { welcome, socket } = await t.visitor()
    await socket.request({ type: 'send', clientId: newClientId(), text: 'Inna rozmowa' }, (f) => f.type === 'ack')
    await socket.close()
    const stranger = await t.api(`/api/attachments/${attachment!.id}`, { headers: { authorization: `Visitor ${String(welcome.visitorToken)}` } })
    expect(stranger.status).toBe(404)
  })

  it('refuses to fetch media from a host that is not Meta’s', async () => {
    const psid = newPsid()
    const r = await post(webhook([{ sender: { id: psid }, recipient: { id: PAGE }, timestamp: clock.now().getTime(), message: { mid: `m_evil_${newClientId()}`, attachments: [{ type: 'file', payload: { url: 'http://169.254.169.254/latest/meta-data/' } }] } }]))
    expect(r.status).toBe(200)
    const conv = await conversationOf(psid)
    await expect.poll(async () => (await events(conv.id)).find((e) => e.type === 'attachment')?.data?.attachment, { timeout: 5000 }).toMatchObject({ state: 'failed' })
    expect(api.calls.some((c) => c.path.includes('latest'))).toBe(false)
  })

  it('links a reply to the message it answers and applies an edit to the stored message', async () => {
    const psid = newPsid()
    const mid = `m_orig_${newClientId()}`
    await post(webhook([text(psid, mid, 'Mam pytanie o staż')]))
    await post(webhook([text(psid, `m_re_${newClientId()}`, 'Uzupełniam', { reply_to: { mid } })]))
    const edit = { sender: { id: psid }, recipient: { id: PAGE }, timestamp: clock.now().getTime(), message_edit: { mid, text: 'Mam pytanie o staż z urzędu', num_edit: 1 } }
    expect((await post(webhook([edit]))).status).toBe(200)
    expect((await post(webhook([edit]))).status).toBe(200)
    const conv = await conversationOf(psid)
    const all = await events(conv.id)
    const original = all.find((e) => e.type === 'message' && e.text?.startsWith('Mam pytanie'))!
    expect(original.text).toBe('Mam pytanie o staż z urzędu')
    expect(original.data?.edited).toMatchObject({ count: 1 })
    expect(all.filter((e) => e.type === 'edit').map((e) => e.data?.eventId)).toEqual([original.id])
    expect(all.find((e) => e.text === 'Uzupełniam')!.data?.replyTo).toBe(original.id)
  })

  it('links the echo of its own send, shows a page-inbox answer once, and moves message states forward', async () => {
    const psid = newPsid()
    await post(webhook([text(psid, `m_q_${newClientId()}`, 'Kiedy wypłata?')]))
    const conv = await conversationOf(psid)
    const sent = await reply(conv.id, 'Do 10. dnia miesiąca')
    await expect.poll(async () => (await events(conv.id)).find((e) => e.type === 'delivery')?.data?.state, { timeout: 5000 }).toBe('sent')
    const call = api.calls.filter((c) => c.path === '/me/messages').at(-1)!
    const metadata = (call.params.message as { metadata: string }).metadata
    expect(metadata).toMatch(/^hub:/)
    const echo = (mid: string, body: string, meta?: string) => ({ sender: { id: PAGE }, recipient: { id: psid }, timestamp: clock.now().getTime(), message: { is_echo: true, app_id: 1517776481860111, mid, text: body, ...(meta ? { metadata: meta } : {}) } })
    await post(webhook([echo(`m_echo_${newClientId()}`, 'Do 10. dnia miesiąca', metadata)]))
    const inbox = echo(`m_page_${newClientId()}`, 'Odpowiedź z Meta Business Suite')
    await post(webhook([inbox]))
    await post(webhook([inbox]))
    let all = await events(conv.id)
    expect(all.filter((e) => e.type === 'message' && e.direction === 'out').map((e) => [e.text, e.author.kind])).toEqual([
      ['Do 10. dnia miesiąca', 'consultant'],
      ['Odpowiedź z Meta Business Suite', 'system'],
    ])
    // Read first, then a late delivery receipt: the state never goes back.
    const later = clock.now().getTime() + 60_000
    const receipt = (kind: 'read' | 'delivery') => ({ sender: { id: psid }, recipient: { id: PAGE }, timestamp: later, [kind]: { watermark: later } })
    await post(webhook([receipt('read')]))
    await post(webhook([receipt('read')]))
    await post(webhook([receipt('delivery')]))
    all = await events(conv.id)
    const states = all.filter((e) => e.type === 'delivery').map((e) => [e.data?.state, e.data?.messageIds ?? [e.data?.messageId]])
    expect(states).toEqual([
      ['sent', [sent.id]],
      ['read', [sent.id]],
    ])
  })

  it('names the contact from the profile API after the commit', async () => {
    const psid = newPsid()
    api.setProfile(psid, 'Zofia', 'Wiśniewska')
    await post(webhook([text(psid, `m_name_${newClientId()}`, 'Dzień dobry')]))
    const conv = await conversationOf(psid)
    await expect.poll(async () => ((await (await t.api(`/api/contacts/${conv.contact.id}`, { token: admin })).json()) as { name: string | null }).name, { timeout: 5000 }).toBe('Zofia Wiśniewska')
  })

  it('replies as RESPONSE within a day, with the HUMAN_AGENT tag within a week, and refuses after that', async () => {
    const psid = newPsid()
    const day = 24 * 3_600_000
    const wrote = clock.now().getTime()
    await post(webhook([text(psid, `m_win_${newClientId()}`, 'Proszę o kontakt', {}, wrote - 3 * day)]))
    const conv = await conversationOf(psid)
    expect(conv.lastInboundAt).toBe(new Date(wrote - 3 * day).toISOString())
    await reply(conv.id, 'Odpowiadamy po trzech dniach')
    await expect.poll(() => api.calls.filter((c) => (c.params.message as { text?: string } | undefined)?.text === 'Odpowiadamy po trzech dniach').length, { timeout: 5000 }).toBe(1)
    const tagged = api.calls.find((c) => (c.params.message as { text?: string } | undefined)?.text === 'Odpowiadamy po trzech dniach')!
    expect([tagged.params.messaging_type, tagged.params.tag]).toEqual(['MESSAGE_TAG', 'HUMAN_AGENT'])

    const old = newPsid()
    await post(webhook([text(old, `m_old_${newClientId()}`, 'Stara sprawa', {}, wrote - 8 * day)]))
    const closed = await conversationOf(old)
    const refused = await t.api(`/api/conversations/${closed.id}/messages`, { method: 'POST', token: admin, json: { text: 'Za późno', clientId: newClientId() } })
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('outside_reply_window')
    expect((await events(closed.id)).some((e) => e.text === 'Za późno')).toBe(false)
  })

  it('refuses a reply longer than Messenger takes', async () => {
    const psid = newPsid()
    await post(webhook([text(psid, `m_long_${newClientId()}`, 'Pytanie')]))
    const conv = await conversationOf(psid)
    const r = await t.api(`/api/conversations/${conv.id}/messages`, { method: 'POST', token: admin, json: { text: 'x'.repeat(2001), clientId: newClientId() } })
    expect(r.status).toBe(400)
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('too_long')
  })
})
