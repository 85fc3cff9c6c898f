// Twilio's form parameters as inbound events: incoming SMS/MMS (sender, media, STOP/START) and status callbacks.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseIncomingSms, parseStatusCallback } from './parse-twilio-sms.ts'

const form = (name: string) => new URLSearchParams(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8').split('\n')[0])
const at = new Date('2026-03-02T08:15:00Z')
const SID = 'SM' + 'a'.repeat(32)
const incoming = (extra: Record<string, string>) => new URLSearchParams({ MessageSid: SID, From: '+48600100200', To: '+48221234567', Body: '', NumMedia: '0', ...extra })

describe('incoming SMS', () => {
  it('reads the real sample', () => {
    expect(parseIncomingSms(form('sms_inbound.form.txt'), at)).toEqual({
      kind: 'message',
      event: { kind: 'message', channel: 'sms', senderId: '+13177592786', senderName: null, externalId: 'twilio:SMa741ddeb574e5dda5516c73417fcd28a', text: 'Hi there from Twilio', sentAt: at },
    })
  })

  it('keeps a Body that looks like base64 as it came (the sample of a concatenated SMS)', () => {
    const parsed = parseIncomingSms(form('sms_inbound_base64_body.form.txt'), at)
    expect(parsed.kind === 'message' && parsed.event.text).toBe(form('sms_inbound_base64_body.form.txt').get('Body'))
  })

  it('writes the sender in E.164 whatever form it came in', () => {
    const parsed = parseIncomingSms(incoming({ From: '600 100 200', Body: 'Dzień dobry' }), at)
    expect(parsed.kind === 'message' && parsed.event.senderId).toBe('+48600100200')
  })

  it.each([['whatsapp:+48600100200'], ['abc'], ['+48 600'], ['']])('refuses From %j', (from) => {
    expect(parseIncomingSms(incoming({ From: from }), at)).toMatchObject({ kind: 'invalid' })
  })

  it('refuses a message without MessageSid', () => {
    const params = incoming({})
    params.delete('MessageSid')
    expect(parseIncomingSms(params, at)).toEqual({ kind: 'invalid', reason: 'no MessageSid' })
  })

  it('lists MMS media by NumMedia, MediaUrl{i} and MediaContentType{i}', () => {
    const url = (i: number) => `https://api.twilio.com/2010-04-01/Accounts/AC${'1'.repeat(32)}/Messages/MM${'2'.repeat(32)}/Media/ME${String(i).repeat(32)}`
    const parsed = parseIncomingSms(incoming({
      NumMedia: '4', Body: 'CV w załączniku',
      MediaUrl0: url(0), MediaContentType0: 'image/jpeg',
      MediaUrl1: url(1), MediaContentType1: 'application/pdf',
      MediaUrl2: url(2), MediaContentType2: 'audio/amr',
      MediaUrl3: url(3), MediaContentType3: 'video/3gpp',
    }), at)
    expect(parsed.kind === 'message' && parsed.event.attachments).toEqual([
      { kind: 'image', name: null, contentType: 'image/jpeg', size: null, ref: url(0) },
      { kind: 'file', name: null, contentType: 'application/pdf', size: null, ref: url(1) },
      { kind: 'audio', name: null, contentType: 'audio/amr', size: null, ref: url(2) },
      { kind: 'video', name: null, contentType: 'video/3gpp', size: null, ref: url(3) },
    ])
  })

  it('reads the MMS sample (media without content types), and caps a forged NumMedia', () => {
    const parsed = parseIncomingSms(form('sms_inbound_media.form.txt'), at)
    expect(parsed.kind === 'message' && parsed.event.attachments).toEqual([
      { kind: 'file', name: null, contentType: null, size: null, ref: 'cat.jpg' },
      { kind: 'file', name: null, contentType: null, size: null, ref: 'dog.jpg' },
    ])
    const many = incoming({ NumMedia: '1000000000', ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`MediaUrl${i}`, `https://api.twilio.com/m${i}`])) })
    const capped = parseIncomingSms(many, at)
    expect(capped.kind === 'message' && capped.event.attachments?.length).toBe(10)
    const none = parseIncomingSms(incoming({ NumMedia: 'x' }), at)
    expect(none.kind === 'message' && none.event.attachments).toBeUndefined()
  })

  it.each([
    ['STOP', 'stop'], [' stop ', 'stop'], ['Stop', 'stop'], ['STOPALL', 'stop'], ['unsubscribe', 'stop'], ['CANCEL', 'stop'],
    ['end', 'stop'], ['Quit', 'stop'], ['REVOKE', 'stop'], ['optout', 'stop'],
    ['START', 'start'], ['yes', 'start'], ['Unstop', 'start'],
    ['stop please', undefined], ['Proszę nie pisać STOP', undefined], ['STOP!', undefined], ['tak', undefined], ['', undefined],
  ])('%j → optOut %s', (body, optOut) => {
    const parsed = parseIncomingSms(incoming({ Body: body }), at)
    expect(parsed.kind === 'message' && parsed.event.optOut).toBe(optOut)
  })

  it('follows Twilio’s OptOutType (Advanced Opt-Out, localised keywords) when it is sent', () => {
    const parsed = parseIncomingSms(incoming({ Body: 'NIE', OptOutType: 'STOP' }), at)
    expect(parsed.kind === 'message' && parsed.event.optOut).toBe('stop')
    const help = parseIncomingSms(incoming({ Body: 'POMOC', OptOutType: 'HELP' }), at)
    expect(help.kind === 'message' && help.event.optOut).toBeUndefined()
  })
})

describe('status callbacks', () => {
  it('reads the real sample', () => {
    expect(parseStatusCallback(form('sms_status_callback.form.txt'), at)).toEqual({
      kind: 'receipt',
      event: { kind: 'receipt', channel: 'sms', senderId: null, state: 'sent', watermark: null, externalIds: ['twilio:SM7ac25b8b7f04410093ff54e1fd2b4256'], at },
    })
  })

  it.each([
    ['accepted', 'queued'], ['scheduled', 'queued'], ['queued', 'queued'], ['sending', 'queued'], ['sent', 'sent'],
    ['delivered', 'delivered'], ['read', 'read'], ['undelivered', 'undelivered'], ['failed', 'failed'], ['canceled', 'failed'],
  ])('%s → %s', (status, state) => {
    const parsed = parseStatusCallback(new URLSearchParams({ MessageSid: SID, MessageStatus: status }), at)
    expect(parsed.kind === 'receipt' && parsed.event.state).toBe(state)
  })

  it.each([['receiving'], ['received'], ['partially_delivered'], ['constructor'], ['']])('ignores %j', (status) => {
    expect(parseStatusCallback(new URLSearchParams({ MessageSid: SID, MessageStatus: status }), at)).toEqual({ kind: 'ignored', status })
  })

  it.each([
    ['30003', 'Twilio 30003: unreachable destination handset'],
    ['30004', 'Twilio 30004: message blocked'],
    ['30005', 'Twilio 30005: unknown destination handset'],
    ['30006', 'Twilio 30006: landline or unreachable carrier'],
    ['30007', 'Twilio 30007: filtered by the carrier'],
    ['21610', 'Twilio 21610: the recipient opted out (STOP)'],
    ['30034', 'Twilio 30034'],
  ])('names ErrorCode %s', (code, error) => {
    const parsed = parseStatusCallback(new URLSearchParams({ MessageSid: SID, MessageStatus: 'undelivered', ErrorCode: code }), at)
    expect(parsed.kind === 'receipt' && parsed.event.error).toBe(error)
  })

  it('refuses a callback without MessageSid', () => {
    expect(parseStatusCallback(new URLSearchParams({ MessageStatus: 'sent' }), at)).toEqual({ kind: 'invalid', reason: 'no MessageSid' })
  })
})
