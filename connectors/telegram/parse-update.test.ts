// The Update parser on its own: which update becomes which inbound event, with what ids, text and attachments.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseUpdate } from './parse-update.ts'
import { parseJsonKeepingBigInts } from './safe-json.ts'

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')
const RECEIVED = new Date('2024-05-01T10:00:00Z')
const parse = (text: string) => parseUpdate(parseJsonKeepingBigInts(text), RECEIVED)
const edit = (name: string, change: (u: Record<string, Record<string, unknown>>) => void) => {
  const u = JSON.parse(fixture(name)) as Record<string, Record<string, unknown>>
  change(u)
  return JSON.stringify(u)
}

describe('parseUpdate', () => {
  it('turns a private text message into a message with its delivery id and its chat:message ref', () => {
    expect(parse(fixture('update_text_message'))).toEqual({
      kind: 'event',
      event: {
        kind: 'message',
        channel: 'telegram',
        senderId: '1111111',
        senderName: 'Test Firstname Test Lastname',
        externalId: 'telegram:10000',
        ref: 'telegram:1111111:1365',
        text: '/start',
        sentAt: new Date(1441645532 * 1000),
      },
    })
  })

  it('takes the largest photo size, with the caption as the text', () => {
    const parsed = parse(fixture('update_photo_sizes'))
    expect(parsed).toMatchObject({ kind: 'event', event: { text: 'Skan wniosku', externalId: 'telegram:10001', ref: 'telegram:1111111:1366' } })
    expect(parsed.kind === 'event' && parsed.event.kind === 'message' && parsed.event.attachments).toEqual([
      { kind: 'image', name: null, contentType: 'image/jpeg', size: 84512, ref: 'AgAC-large' },
    ])
  })

  it('leaves the text empty for a photo without a caption', () => {
    expect(parse(fixture('update_photo'))).toMatchObject({
      kind: 'event',
      event: {
        text: '',
        externalId: 'telegram:2342342343242',
        senderId: '23',
        senderName: 'Sojan Jose',
        attachments: [{ kind: 'image', size: 1883, ref: 'AgACAgUAAxkBAAODYV3aGZlD6vhzKsE2WNmblsr6zKwAAi-tMRvCoeBWNQ1ENVBzJdwBAAMCAANzAAMhBA' }],
      },
    })
  })

  it('keeps a document’s name, type and size, and nulls what the update leaves out', () => {
    expect(parse(fixture('update_document'))).toMatchObject({
      event: { text: '', attachments: [{ kind: 'file', name: 'Testfile.pdf', contentType: 'application/pdf', size: 536392, ref: 'AwADBAADbXXXXXXXXXXXGBdhD2l6_XX' }] },
    })
    const bare = edit('update_document', (u) => void (u.message!.document = { file_id: 'BQAD' }))
    expect(parse(bare)).toMatchObject({ event: { attachments: [{ kind: 'file', name: null, contentType: null, size: null, ref: 'BQAD' }] } })
  })

  it('takes voice, audio, video, video notes, stickers and locations', () => {
    const message = (fields: object) =>
      parse(JSON.stringify({ update_id: 3, message: { message_id: 9, date: 1700000000, chat: { id: 5, type: 'private' }, from: { id: 5 }, ...fields } }))
    const attachmentsOf = (fields: object) => {
      const p = message(fields)
      return p.kind === 'event' && p.event.kind === 'message' ? p.event.attachments : p
    }
    expect(attachmentsOf({ voice: { file_id: 'v', mime_type: 'audio/ogg', file_size: 10, duration: 2 } })).toEqual([{ kind: 'audio', name: null, contentType: 'audio/ogg', size: 10, ref: 'v' }])
    expect(attachmentsOf({ audio: { file_id: 'a', file_name: 'x.mp3', mime_type: 'audio/mpeg' } })).toEqual([{ kind: 'audio', name: 'x.mp3', contentType: 'audio/mpeg', size: null, ref: 'a' }])
    expect(attachmentsOf({ video: { file_id: 'w', mime_type: 'video/mp4', file_size: 5 } })).toEqual([{ kind: 'video', name: null, contentType: 'video/mp4', size: 5, ref: 'w' }])
    expect(attachmentsOf({ video_note: { file_id: 'n', length: 240 } })).toEqual([{ kind: 'video', name: null, contentType: null, size: null, ref: 'n' }])
    expect(attachmentsOf({ sticker: { file_id: 's', is_animated: false, is_video: false, file_size: 7 } })).toEqual([{ kind: 'sticker', name: null, contentType: 'image/webp', size: 7, ref: 's' }])
    expect(attachmentsOf({ location: { latitude: 52.2297, longitude: 21.0122 } })).toEqual([
      { kind: 'location', name: null, contentType: null, size: null, ref: null, location: { lat: 52.2297, long: 21.0122 } },
    ])
    // An animation also comes as `document` for older clients: one attachment, not two.
    expect(attachmentsOf({ animation: { file_id: 'g', mime_type: 'video/mp4' }, document: { file_id: 'g', mime_type: 'video/mp4' } })).toEqual([
      { kind: 'video', name: null, contentType: 'video/mp4', size: null, ref: 'g' },
    ])
    expect(message({ contact: { phone_number: '+48123', first_name: 'A' } })).toEqual({ kind: 'ignored', reason: expect.stringContaining('contact') })
  })

  it('names the replied-to message by chat and message id', () => {
    expect(parse(fixture('update_message_with_reply'))).toMatchObject({
      event: { kind: 'message', ref: 'telegram:1111111:1365', replyTo: 'telegram:1111111:1334', text: '/start' },
    })
  })

  it('turns an edited message into an edit of the message it names, with its own delivery id', () => {
    expect(parse(fixture('update_edited_message'))).toEqual({
      kind: 'event',
      event: {
        kind: 'edit',
        channel: 'telegram',
        senderId: '1111111',
        target: 'telegram:1111111:1365',
        externalId: 'telegram:10000',
        text: 'Edited text',
        editedAt: new Date(1441646600 * 1000),
      },
    })
    const undated = edit('update_edited_message', (u) => {
      delete u.edited_message!.edit_date
      delete u.edited_message!.text
      u.edited_message!.caption = 'Nowy podpis'
    })
    expect(parse(undated)).toMatchObject({ event: { kind: 'edit', text: 'Nowy podpis', editedAt: new Date(1441645532 * 1000) } })
  })

  it('turns a callback query into a button press at the time it was received, with the query id to answer', () => {
    expect(parse(fixture('update_callback_query'))).toEqual({
      kind: 'event',
      event: {
        kind: 'message',
        channel: 'telegram',
        senderId: '1111111',
        senderName: 'Test Firstname Test Lastname',
        externalId: 'telegram:10000',
        text: 'Data from button callback',
        sentAt: RECEIVED,
        button: { kind: 'callback', payload: 'Data from button callback' },
      },
      callbackQueryId: '4382bfdwdsb323b2d9',
    })
    const noData = edit('update_callback_query', (u) => void delete u.callback_query!.data)
    expect(parse(noData)).toMatchObject({ event: { text: '', button: { kind: 'callback', payload: null } } })
    const inGroup = edit('update_callback_query', (u) => void (u.callback_query!.message = { message_id: 1, date: 1, chat: { id: -100, type: 'group' } }))
    expect(parse(inGroup)).toMatchObject({ kind: 'ignored' })
    expect(parse('{"update_id":1,"callback_query":{"from":{"id":1}}}')).toMatchObject({ kind: 'invalid' })
  })

  it('keeps update, user, chat and message ids beyond 2^32 and 2^53 exact', () => {
    const big = '{"update_id":9007199254740993,"message":{"message_id":4294967297,"date":1700000000,"chat":{"id":18014398509481985,"type":"private"},"from":{"id":18014398509481985,"username":"big"},"text":"x","reply_to_message":{"message_id":9007199254740995}}}'
    expect(parse(big)).toMatchObject({
      event: {
        externalId: 'telegram:9007199254740993',
        senderId: '18014398509481985',
        senderName: 'big',
        ref: 'telegram:18014398509481985:4294967297',
        replyTo: 'telegram:18014398509481985:9007199254740995',
      },
    })
    expect(parse(fixture('update_big_ids'))).toMatchObject({ event: { externalId: 'telegram:9007199254740993', senderId: '4294967297', ref: 'telegram:4294967297:7' } })
    const press = '{"update_id":4294967296,"callback_query":{"id":"q","from":{"id":9007199254740993},"data":"d"}}'
    expect(parse(press)).toMatchObject({ event: { externalId: 'telegram:4294967296', senderId: '9007199254740993' } })
    // Plain JSON.parse would already have rounded these: such ids are refused, never stored wrong.
    expect(parseUpdate({ update_id: 2 ** 53 + 2, message: {} }, RECEIVED)).toMatchObject({ kind: 'invalid' })
  })

  it('ignores groups, channel posts and other update types, and refuses what is no update', () => {
    expect(parse('{"update_id":5,"message":{"message_id":1,"date":1,"chat":{"id":-1001234567890,"type":"supergroup"},"from":{"id":7},"text":"hi"}}')).toEqual({ kind: 'ignored', reason: 'chat type supergroup' })
    expect(parse('{"update_id":5,"edited_message":{"message_id":1,"date":1,"chat":{"id":-1,"type":"group"},"text":"hi"}}')).toMatchObject({ kind: 'ignored' })
    expect(parse('{"update_id":6,"channel_post":{"message_id":1,"date":1,"chat":{"id":-1001234567890,"type":"channel"},"text":"hi"}}')).toEqual({ kind: 'ignored', reason: 'update type channel_post' })
    expect(parse('{"update_id":7,"my_chat_member":{}}')).toEqual({ kind: 'ignored', reason: 'update type my_chat_member' })
    expect(parse('{"hello":1}')).toMatchObject({ kind: 'invalid' })
    expect(parse('{"update_id":8,"message":{"date":1,"chat":{"id":1,"type":"private"},"text":"no message_id"}}')).toMatchObject({ kind: 'invalid' })
  })
})
