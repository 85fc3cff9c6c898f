// What the Twilio voice connector asks of the hub: called synchronously from the webhooks, because the TwiML that
// answers a call depends on the hub's state (opening hours, queues, who is free).

export interface VoiceHub {
  /** A call arrives, or the caller pressed digits in the menu: what to do with it. */
  route(call: { callSid: string; from: string /* E.164 or 'anonymous' */; to: string; digits: string | null; at: Date }): Promise<VoicePlan>
  /** The caller waits in a queue: their place and estimated wait, for the wait message. */
  waiting(call: { callSid: string; queuePosition: number | null; queueTimeSeconds: number | null }): Promise<{ position: number | null; etaSeconds: number | null }>
  /** A status callback, or the Enqueue action (the caller left the queue: QueueResult bridged/hangup/…). */
  callEvent(e: VoiceCallEvent): Promise<void>
  /** A recording (voicemail) or its transcription arrived. */
  recording(r: { callSid: string; recordingSid: string; url: string; durationSeconds: number | null; transcription: string | null; at: Date }): Promise<void>
}

/** What to do with a call. The Polish words are the hub's; the connector adds only the TwiML structure. */
export type VoicePlan =
  | { kind: 'menu'; greeting: string; options: { digit: string; label: string }[]; timeoutSeconds?: number }
  | { kind: 'enqueue'; greeting: string | null; queue: string /* the hub's queue id */ }
  | { kind: 'closed'; message: string; voicemail: boolean; maxSeconds?: number }
  | { kind: 'reject'; message: string }

export type VoiceCallStatus = 'queued' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled'
export type VoiceQueueResult = 'bridged' | 'hangup' | 'leave' | 'queue-full' | 'error' | 'system-error' | 'redirected'

export interface VoiceCallEvent {
  callSid: string
  status: VoiceCallStatus
  /** Twilio's SequenceNumber: callbacks may arrive out of order; ordering them is the hub's job. */
  sequence: number | null
  at: Date
  /** CallDuration, on the terminal callback only. */
  durationSeconds: number | null
  /** Set on the Enqueue action: why the caller left the queue. */
  queueResult?: VoiceQueueResult
  queueTimeSeconds?: number | null
  from: string | null
  to: string | null
  direction: string | null
  parentCallSid: string | null
}
