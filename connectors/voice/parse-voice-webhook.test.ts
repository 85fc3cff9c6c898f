// Twilio's voice parameters → typed values: the samples, caller ids, out-of-order status callbacks, dates.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { callerId, parseCallStatus, parseDialResult, parseIncomingCall, parseQueueResult, parseRecording, parseWaitRequest, rfc2822 } from './parse-voice-webhook.ts'

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
const line = (name: string) => new URLSearchParams(fixture(name).split('\n')[0])
const NOW = new Date('2026-03-02T10:00:00Z')
const CA = 'CA' + '1'.repeat(32)

describe('parse voice webhooks', () => {
  it('reads the incoming-call sample', () => {
    const body = fixture('voice_inbound_ringing.http.txt').split(/\r?\n\r?\n/)[1]?.trim() as string
    expect(parseIncomingCall(new URLSearchParams(body), NOW)).toEqual({
      kind: 'ok',
      value: { callSid: 'CA0b33a4462bd42d3eeaa07f07653796e3', from: '+447381234567', to: '+12031234567', digits: null, at: NOW },
    })
  })

  it('makes withheld, blocked and non-number caller ids anonymous, and Polish numbers E.164', () => {
    for (const raw of ['anonymous', 'Anonymous', '+266696687', '+2562533', 'Restricted', '', 'sip:someone@pbx.example', null]) expect(callerId(raw)).toBe('anonymous')
    expect(callerId('600 100 200')).toBe('+48600100200')
    expect(callerId('+48221234567')).toBe('+48221234567')
  })

  it('reads both status callback samples: sequence, RFC 2822 timestamp, duration', () => {
    expect(parseCallStatus(line('voice_status_callback_completed.captured.form.txt'), NOW)).toEqual({
      kind: 'ok',
      value: {
        callSid: 'CAbe982f58915a2def4cf7aaa1f1766236', status: 'completed', sequence: 3, at: new Date('2018-03-25T09:53:19Z'), durationSeconds: 49,
        from: '+16466063895', to: '+551135892112', direction: 'outbound-api', parentCallSid: null,
      },
    })
    const other = parseCallStatus(line('voice_status_callback_completed.query.txt'), NOW)
    expect(other.kind === 'ok' && [other.value.sequence, other.value.at.toISOString(), other.value.durationSeconds]).toEqual([0, '1989-07-20T18:30:43.000Z', 42])
  })

  it('falls back to the arrival time for a missing or broken Timestamp, and ignores unknown statuses', () => {
    const params = new URLSearchParams({ CallSid: CA, CallStatus: 'ringing', Timestamp: '31 Feb 2026 10:00:00 +0000', QueueTime: '12', ParentCallSid: 'CA' + '2'.repeat(32) })
    expect(parseCallStatus(params, NOW)).toMatchObject({ kind: 'ok', value: { at: NOW, sequence: null, durationSeconds: null, queueTimeSeconds: 12, parentCallSid: 'CA' + '2'.repeat(32), from: null } })
    expect(parseCallStatus(new URLSearchParams({ CallSid: CA, CallStatus: 'initiated' }), NOW).kind).toBe('ignored')
    expect(parseCallStatus(new URLSearchParams({ CallStatus: 'completed' }), NOW).kind).toBe('invalid')
  })

  it('reads RFC 2822 dates with offsets', () => {
    expect(rfc2822('Mon, 02 Mar 2026 11:30:00 +0100')?.toISOString()).toBe('2026-03-02T10:30:00.000Z')
    expect(rfc2822('2 Mar 2026 10:30 GMT')?.toISOString()).toBe('2026-03-02T10:30:00.000Z')
    expect(rfc2822('yesterday')).toBeNull()
  })

  it('reads the wait request, the queue result and the dial result', () => {
    expect(parseWaitRequest(new URLSearchParams({ CallSid: CA, QueuePosition: '4', QueueTime: '65', AvgQueueTime: '120' }))).toEqual({ kind: 'ok', value: { callSid: CA, queuePosition: 4, queueTimeSeconds: 65 } })
    expect(parseQueueResult(new URLSearchParams({ CallSid: CA, QueueResult: 'hangup', QueueTime: '80', CallStatus: 'completed', From: '+48600100200' }), NOW)).toMatchObject({ kind: 'ok', value: { queueResult: 'hangup', queueTimeSeconds: 80, status: 'completed', from: '+48600100200', at: NOW } })
    expect(parseQueueResult(new URLSearchParams({ CallSid: CA, QueueResult: 'redirected-from-bridged' }), NOW)).toMatchObject({ value: { queueResult: 'redirected', status: 'in-progress' } })
    expect(parseQueueResult(new URLSearchParams({ CallSid: CA, QueueResult: 'nonsense' }), NOW).kind).toBe('invalid')
    expect(parseDialResult(new URLSearchParams({ CallSid: CA, DialCallStatus: 'no-answer', DialCallSid: 'CA' + '3'.repeat(32) }))).toEqual({ kind: 'ok', value: { callSid: CA, dialCallSid: 'CA' + '3'.repeat(32), status: 'no-answer', durationSeconds: null, answered: false } })
    expect(parseDialResult(new URLSearchParams({ CallSid: CA, DialCallStatus: 'answered', DialCallDuration: '300' }))).toMatchObject({ value: { status: 'completed', answered: true, durationSeconds: 300 } })
  })

  it('reads recordings and transcriptions, and ignores failed ones', () => {
    const action = parseRecording(line('voice_gather_record_callback.query.txt'), NOW)
    expect(action).toEqual({ kind: 'ok', value: { callSid: 'CAe5333b17fb19fbcff5daadcdad159121', recordingSid: 'RE61f2819a711154d8638aeaec9c82e3fd', url: 'https://api.twilio.com/2010-04-01/Accounts/ACcdd8451104f384f1901a6888c1b0e074/Recordings/RE61f2819a711154d8638aeaec9c82e3fd', durationSeconds: 4, transcription: null, at: NOW } })
    const rec = { CallSid: CA, RecordingSid: 'RE' + 'a'.repeat(32), RecordingUrl: 'https://api.twilio.com/x/Recordings/RE' + 'a'.repeat(32) }
    expect(parseRecording(new URLSearchParams({ ...rec, TranscriptionStatus: 'completed', TranscriptionText: 'Proszę o kontakt.' }), NOW)).toMatchObject({ value: { transcription: 'Proszę o kontakt.', durationSeconds: null } })
    expect(parseRecording(new URLSearchParams({ ...rec, TranscriptionStatus: 'failed' }), NOW).kind).toBe('ignored')
    expect(parseRecording(new URLSearchParams({ ...rec, RecordingStatus: 'absent' }), NOW).kind).toBe('ignored')
    expect(parseRecording(new URLSearchParams({ CallSid: CA, RecordingSid: 'RE1' }), NOW).kind).toBe('invalid')
  })
})
