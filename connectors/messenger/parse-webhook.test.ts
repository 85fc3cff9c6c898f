// The Messenger webhook parser on its own: every event kind it turns into hub events, and what it skips.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { InboundEvent } from '../connector.ts'
import { parseWebhook, toDate, type ParsedWebhook } from './parse-webhook.ts'

const fixtureJson = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>
const PSID = '1254459154682919'
const PAGE = '682498302938465'
const body = (...messaging: object[]) => ({ object: 'page', entry: [{ id: PAGE, time: 1700000000123, messaging }] })
const message = (mid: string, fields: object, timestamp: number | string = 1700000000000) => ({
  sender: { id: PSID }, recipient: { id: PAGE }, timestamp, message: { mid, ...fields },
})

function events(parsed: ParsedWebhook): InboundEvent[] {
  if (parsed.kind !== 'events') throw new Error(`not events: ${JSON.stringify(parsed)}`)
  return parsed.events
}

describe('Messenger webhook parsing', () => {
  it('turns a text message into a message event keyed on the mid, with no ref', () => {
    expect(events(parseWebhook(body(message('m_1', { text: ' Dzień dobry ' }))))).toEqual([{
      kind: 'message', channel: 'messenger', senderId: PSID, senderName: null, externalId: 'messenger:m_1', text: ' Dzień dobry ', sentAt: new Date(1700000000000),
    }])
  })

  it('turns attachments of every type into data, the text staying the person’s text', () => {
    const att = (type: string, payload: object | null, extra: object = {}) => ({ type, payload, ...extra })
    const parsed = events(parseWebhook(body(
      message('m_many', { attachments: [
        att('image', { url: 'https://scontent.xx.fbcdn.net/a.jpg' }),
        att('file', { url: 'https://cdn.fbsbx.com/v/t59/CV.pdf', title: 'CV.pdf' }),
        att('audio', { url: 'https://cdn.fbsbx.com/v/audioclip.mp4' }),
        att('video', { url: 'https://video.xx.fbcdn.net/v/clip.mp4' }),
        att('location', { coordinates: { lat: 52.2297, long: 21.0122 } }, { title: 'Urząd Miasta' }),
        att('fallback', null, { title: 'Oferta pracy', url: 'https://example.org/oferta' }),
        att('fallback', { title: 'Bez adresu' }),
        att('ig_reel', { url: 'https://lookaside.fbsbx.com/reel.mp4', title: 'Rolka' }),
        att('template', { template_type: 'generic' }),
      ] }),
      message('m_text_and_image', { text: 'Moje zaświadczenie', attachments: [att('image', { url: 'https://scontent.xx.fbcdn.net/b.jpg' })] }),
    )))
    const none = { contentType: null, size: null }
    expect(parsed).toEqual([
      expect.objectContaining({ externalId: 'messenger:m_many', text: '', attachments: [
        { kind: 'image', name: null, ...none, ref: 'https://scontent.xx.fbcdn.net/a.jpg' },
        { kind: 'file', name: 'CV.pdf', ...none, ref: 'https://cdn.fbsbx.com/v/t59/CV.pdf' },
        { kind: 'audio', name: null, ...none, ref: 'https://cdn.fbsbx.com/v/audioclip.mp4' },
        { kind: 'video', name: null, ...none, ref: 'https://video.xx.fbcdn.net/v/clip.mp4' },
        { kind: 'location', name: 'Urząd Miasta', ...none, ref: null, location: { lat: 52.2297, long: 21.0122 } },
        { kind: 'other', name: 'https://example.org/oferta', ...none, ref: null },
        { kind: 'other', name: 'Bez adresu', ...none, ref: null },
        { kind: 'other', name: 'Rolka', ...none, ref: 'https://lookaside.fbsbx.com/reel.mp4' },
        { kind: 'other', name: null, ...none, ref: null },
      ] }),
      expect.objectContaining({ externalId: 'messenger:m_text_and_image', text: 'Moje zaświadczenie', attachments: [
        { kind: 'image', name: null, ...none, ref: 'https://scontent.xx.fbcdn.net/b.jpg' },
      ] }),
    ])
  })

  it('reads the docs’ attachment entry, and coordinates given as strings', () => {
    const entry = fixtureJson('message_attachment.entry.docs.json') as { messaging: [{ message: { attachments: [{ type: string }] } }] }
    entry.messaging[0].message.attachments[0].type = 'video'
    const parsed = events(parseWebhook({ object: 'page', entry: [entry, { id: 1, messaging: [
      message('m_loc', { attachments: [{ type: 'location', payload: { coordinates: { lat: '52.1', long: '-0.5' } } }] }),
      message('m_loc_bad', { attachments: [{ type: 'location', payload: { coordinates: { lat: 'north' } } }] }),
    ] }] }))
    expect(parsed.map((e) => e.kind === 'message' && [e.senderId, e.externalId, e.text, e.attachments])).toEqual([
      ['<PSID>', 'messenger:mid.$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c', '', [{ kind: 'video', name: null, contentType: null, size: null, ref: '<ATTACHMENT_URL>' }]],
      [PSID, 'messenger:m_loc', '', [{ kind: 'location', name: null, contentType: null, size: null, ref: null, location: { lat: 52.1, long: -0.5 } }]],
      [PSID, 'messenger:m_loc_bad', '', [{ kind: 'other', name: null, contentType: null, size: null, ref: null }]],
    ])
  })

  it('keeps one sticker when Meta sends it twice, and reads an image with a sticker_id as a sticker', () => {
    const url = 'https://scontent.xx.fbcdn.net/s.png'
    const parsed = events(parseWebhook(body(
      message('m_twice', { attachments: [{ type: 'sticker', payload: { sticker_id: 369239263222822, url } }, { type: 'image', payload: { sticker_id: 369239263222822, url } }] }),
      message('m_old', { attachments: [{ type: 'image', payload: { sticker_id: 369239263222822, url } }] }),
    )))
    const sticker = { kind: 'sticker', name: null, contentType: null, size: null, ref: url }
    expect(parsed.map((e) => e.kind === 'message' && e.attachments)).toEqual([[sticker], [sticker]])
  })

  it('gives a quick reply’s payload as a button, the text being what the person saw', () => {
    const [quick] = events(parseWebhook(body(fixtureJson('message_text.docs.json'))))
    expect(quick).toEqual({
      kind: 'message', channel: 'messenger', senderId: '<PSID>', senderName: null, externalId: 'messenger:mid.1457764197618:41d102a3e1ae206a38',
      text: 'hello, world!', sentAt: new Date(1458692752478), button: { kind: 'quick_reply', payload: '<DEVELOPER_DEFINED_PAYLOAD>' },
    })
  })

  it('names the message a reply answers by its namespaced mid', () => {
    const [reply] = events(parseWebhook(body(fixtureJson('message_reply.docs.json'))))
    expect(reply).toMatchObject({ kind: 'message', externalId: 'messenger:m_1457764197618:41d102a3e1ae206a38', text: 'hello, world!', replyTo: 'messenger:m_1fTq8oLumEyIp3Q2MR-aY7IfLZDamVrALniheU' })
    expect(reply).not.toHaveProperty('button')
  })

  it('turns postbacks into messages with a postback button, keyed on postback.mid or sender and time', () => {
    const withMid = { ...fixtureJson('postback.docs.json'), sender: { id: PSID } }
    const legacy = fixtureJson('postback.envelope.legacy.json')
    const seconds = { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: '1527459824', postback: { title: 'Zarejestruj się', payload: 'REGISTER' } }
    const millis = { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 1527459824123, postback: { title: 'Start' } }
    expect([...events(parseWebhook(body(withMid, seconds, millis))), ...events(parseWebhook(legacy))]).toEqual([
      { kind: 'message', channel: 'messenger', senderId: PSID, senderName: null, externalId: 'messenger:m_1457764197618:41d102a3e1ae206a38', text: 'TITLE-FOR-THE-CTA', sentAt: new Date(1458692752478), button: { kind: 'postback', payload: 'USER-DEFINED-PAYLOAD' } },
      { kind: 'message', channel: 'messenger', senderId: PSID, senderName: null, externalId: `messenger:postback:${PSID}:1527459824000`, text: 'Zarejestruj się', sentAt: new Date(1527459824000), button: { kind: 'postback', payload: 'REGISTER' } },
      { kind: 'message', channel: 'messenger', senderId: PSID, senderName: null, externalId: `messenger:postback:${PSID}:1527459824123`, text: 'Start', sentAt: new Date(1527459824123), button: { kind: 'postback', payload: null } },
      { kind: 'message', channel: 'messenger', senderId: 'USER_ID', senderName: null, externalId: 'messenger:postback:USER_ID:1458692752478', text: '', sentAt: new Date(1458692752478), button: { kind: 'postback', payload: 'USER_DEFINED_PAYLOAD' } },
    ])
  })

  it('turns echoes into echo events for the recipient, with the outbox id only from hub metadata', () => {
    const echo = (mid: string, extra: object) => ({ sender: { id: PAGE }, recipient: { id: PSID }, timestamp: 1457764197627, message: { is_echo: true, app_id: 1517776481860111, mid, ...extra } })
    expect(events(parseWebhook(body(
      echo('m_ours', { metadata: 'hub:0b7c6a2e-outbox', text: 'Dzień dobry' }),
      echo('m_inbox', { text: 'Napisane w skrzynce strony' }),
      echo('m_other_app', { metadata: '<DEVELOPER_DEFINED_METADATA_STRING>', text: 'x' }),
      echo('m_empty_meta', { metadata: 'hub:', attachments: [{ type: 'image', payload: { url: 'https://scontent.xx.fbcdn.net/e.jpg' } }] }),
    )))).toEqual([
      { kind: 'echo', channel: 'messenger', recipientId: PSID, externalId: 'messenger:m_ours', outboxId: '0b7c6a2e-outbox', text: 'Dzień dobry', sentAt: new Date(1457764197627) },
      { kind: 'echo', channel: 'messenger', recipientId: PSID, externalId: 'messenger:m_inbox', outboxId: null, text: 'Napisane w skrzynce strony', sentAt: new Date(1457764197627) },
      { kind: 'echo', channel: 'messenger', recipientId: PSID, externalId: 'messenger:m_other_app', outboxId: null, text: 'x', sentAt: new Date(1457764197627) },
      { kind: 'echo', channel: 'messenger', recipientId: PSID, externalId: 'messenger:m_empty_meta', outboxId: null, text: '', sentAt: new Date(1457764197627) },
    ])
  })

  it('turns deliveries (with their mids) and reads into receipts with a watermark', () => {
    const legacy = fixtureJson('delivery.envelope.legacy.json')
    expect([
      ...events(parseWebhook(legacy)),
      ...events(parseWebhook(body(fixtureJson('delivery.docs.json'), fixtureJson('read.docs.json'), { sender: { id: PSID }, delivery: { watermark: '1458668856' } }))),
    ]).toEqual([
      { kind: 'receipt', channel: 'messenger', senderId: 'USER_ID', state: 'delivered', watermark: new Date(1458668856253), at: new Date(1458668856253), externalIds: ['messenger:mid.1458668856218:ed81099e15d3f4f233'] },
      { kind: 'receipt', channel: 'messenger', senderId: '<PSID>', state: 'delivered', watermark: new Date(1458668856253), at: new Date(1458668856253), externalIds: ['messenger:mid.1458668856218:ed81099e15d3f4f233'] },
      { kind: 'receipt', channel: 'messenger', senderId: '<PSID>', state: 'read', watermark: new Date(1458668856253), at: new Date(1458668856253) },
      { kind: 'receipt', channel: 'messenger', senderId: PSID, state: 'delivered', watermark: new Date(1458668856000), at: new Date(1458668856000) },
    ])
  })

  it('turns a message_edit into an edit of the earlier message, applied once per num_edit', () => {
    const edit = (fields: object) => ({ sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 1458668856463, message_edit: { mid: 'm_orig', text: 'poprawione', ...fields } })
    expect(events(parseWebhook(body(edit({ num_edit: 1 }), edit({ num_edit: '2' }), edit({}))))).toEqual([
      { kind: 'edit', channel: 'messenger', senderId: PSID, target: 'messenger:m_orig', externalId: 'messenger:edit:m_orig:1', text: 'poprawione', editedAt: new Date(1458668856463) },
      { kind: 'edit', channel: 'messenger', senderId: PSID, target: 'messenger:m_orig', externalId: 'messenger:edit:m_orig:2', text: 'poprawione', editedAt: new Date(1458668856463) },
      { kind: 'edit', channel: 'messenger', senderId: PSID, target: 'messenger:m_orig', externalId: 'messenger:edit:m_orig:t1458668856463', text: 'poprawione', editedAt: new Date(1458668856463) },
    ])
  })

  it('accepts entry.id as a number and as a string, keeping ids exact', () => {
    const numeric = { object: 'page', entry: [{ id: 682498302938465, time: 1, messaging: [message('m_n', { text: 'a' })] }] }
    const text = { object: 'page', entry: [{ id: '682498302938465', time: 1, messaging: [message('m_s', { text: 'b' })] }] }
    expect([...events(parseWebhook(numeric)), ...events(parseWebhook(text))].map((e) => e.kind === 'message' && e.externalId)).toEqual(['messenger:m_n', 'messenger:m_s'])
  })

  it('skips reactions and standby as expected, malformed events as unexpected', () => {
    const parsed = parseWebhook({ object: 'page', entry: [
      { id: PAGE, time: 1, messaging: [
        { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 1, reaction: { mid: 'm_1', action: 'react', emoji: '❤' } },
        { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 1, optin: { ref: 'x' } },
        { sender: { user_ref: 'USER-REF-ID' }, timestamp: 1700000000000, postback: { mid: 'm_ref', title: 'x' } },
        message('', { text: 'no mid' }),
        message('m_empty', {}),
        { sender: { id: PAGE }, timestamp: 1, message: { is_echo: true, mid: 'm_e' } },
        { sender: { id: PSID }, read: {} },
        { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 1, message_edit: { text: 'x' } },
      ] },
      fixtureJson('echo.standby.envelope.docs.json').entry as object,
    ].flat() })
    expect(parsed).toEqual({ kind: 'events', events: [], skipped: [
      { entryId: PAGE, reason: 'reaction', expected: true },
      { entryId: PAGE, reason: 'event type optin', expected: true },
      { entryId: PAGE, reason: 'sender is a user_ref', expected: false },
      { entryId: PAGE, reason: 'message without mid', expected: false },
      { entryId: PAGE, reason: 'message without text or attachments', expected: false },
      { entryId: PAGE, reason: 'echo without recipient.id', expected: false },
      { entryId: PAGE, reason: 'read without watermark', expected: false },
      { entryId: PAGE, reason: 'message_edit without mid', expected: false },
      { entryId: '<PAGEID>', reason: 'standby (1)', expected: true },
    ] })
  })

  it('tells another object and a malformed body apart', () => {
    expect(parseWebhook({ object: 'instagram', entry: [] })).toEqual({ kind: 'other_object', object: 'instagram' })
    expect(parseWebhook({ object: 'page' })).toMatchObject({ kind: 'invalid' })
    expect(parseWebhook([1])).toMatchObject({ kind: 'invalid' })
  })

  it('reads timestamps in seconds or milliseconds, as numbers or digit strings', () => {
    expect(toDate(1527459824)?.getTime()).toBe(1527459824000)
    expect(toDate('1527459824123')?.getTime()).toBe(1527459824123)
    expect([toDate('12a'), toDate(-1), toDate(1.5), toDate(null)]).toEqual([null, null, null, null])
  })
})
