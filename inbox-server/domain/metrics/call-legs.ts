// What the `call` events of a phone conversation say for the metrics (shapes written by app/voice-calls.ts): the
// opening leg of a call sent to voicemail outside opening hours, the consultant's leg that was talked through with
// its duration measured by the provider (DialCallDuration), and the caller's own leg ending (the hang-up).
import type { TimelineEvent } from '../../../protocol/rest.ts'
import { flagField, numberField, textField } from './event-fields.ts'

type CallEvent = Pick<TimelineEvent, 'type' | 'data'>

const isLeg = (e: CallEvent) => e.type === 'call' && !flagField(e.data, 'stale')

/** The call came in while its queue was closed and went to voicemail: not a call the centre was offered. */
export function isVoicemailLeg(e: CallEvent): boolean {
  return e.type === 'call' && textField(e.data, 'state') === 'voicemail'
}

/**
 * The consultant's leg (the provider's child call, `data.parentCallSid` set) ended after being talked through:
 * its talk time in milliseconds. Null for any other event, a leg that never connected, or a stale callback.
 */
export function consultantTalkMs(e: CallEvent): number | null {
  if (!isLeg(e) || textField(e.data, 'parentCallSid') === null || textField(e.data, 'state') !== 'completed') return null
  const seconds = numberField(e.data, 'durationSeconds')
  return seconds === null || seconds < 0 ? null : seconds * 1000
}

/** The caller's own leg (no parent) ended: they hung up, or the call was ended for them. */
export function isCallerLegEnd(e: CallEvent): boolean {
  return isLeg(e) && textField(e.data, 'parentCallSid') === null && textField(e.data, 'state') === 'completed'
}
