// What the composer allows per channel: the longest text one reply may have (the provider's limit, at most the
// hub's MAX_MESSAGE_CHARS), and whether staff can write on the channel at all.
import type { ChannelKind } from './channel.ts'
import { MAX_MESSAGE_CHARS } from './limits.ts'

export interface ChannelLimits {
  /** Characters (UTF-16 code units, as the providers count them) in one reply. */
  maxChars: number
  /** False where replies go another way (a phone call is answered by phone). */
  canReply: boolean
  /** Staff can send files with a reply (the widget shows them; e-mail carries them as attachments). */
  canAttach: boolean
}

const LIMITS: Record<ChannelKind, ChannelLimits> = {
  webchat: { maxChars: MAX_MESSAGE_CHARS, canReply: true, canAttach: true },
  // Send API: text "must be UTF-8 and has a 2000 character limit".
  messenger: { maxChars: 2000, canReply: true, canAttach: false },
  // sendMessage: 1-4096 characters after entities parsing.
  telegram: { maxChars: 4096 > MAX_MESSAGE_CHARS ? MAX_MESSAGE_CHARS : 4096, canReply: true, canAttach: false },
  // Twilio Messages API: Body up to 1,600 characters (sent as up to 10 parts).
  sms: { maxChars: 1600, canReply: true, canAttach: false },
  email: { maxChars: MAX_MESSAGE_CHARS, canReply: true, canAttach: true },
  // Forms are answered by e-mail.
  form: { maxChars: MAX_MESSAGE_CHARS, canReply: true, canAttach: true },
  voice: { maxChars: 0, canReply: false, canAttach: false },
}

export function channelLimits(kind: ChannelKind): ChannelLimits {
  return LIMITS[kind]
}
