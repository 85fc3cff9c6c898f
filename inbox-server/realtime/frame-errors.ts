// The one place where failures on a socket become error frames.
import type { ErrorCode, ErrorFrame } from '../../protocol/frames.ts'

const MESSAGES: Record<ErrorCode, string> = {
  bad_json: 'The frame is not valid JSON',
  bad_frame: 'The frame has an unknown type or invalid fields',
  frame_too_large: 'The frame is too large',
  not_hello: 'Send hello first',
  not_found: 'No such conversation',
  forbidden: 'Not allowed',
  conversation_closed: 'The conversation is closed',
  rate_limited: 'Too many messages; slow down',
  offer_gone: 'The offer has expired or was withdrawn',
  bad_reason: 'Not an active presence reason of that state',
  outside_reply_window: 'Outside the channel’s reply window: the citizen has to write first',
  too_long: 'The message is longer than this channel takes',
  opted_out: 'The number opted out of SMS (STOP)',
  attachments_refused: 'The files cannot be sent: not on this channel, not your uploads, or sent already',
  internal: 'Something went wrong on the server; try again',
}

export function errorFrame(code: ErrorCode, clientId?: string, detail?: string, conversationId?: string): ErrorFrame {
  return {
    type: 'error',
    code,
    message: detail ? `${MESSAGES[code]}: ${detail}` : MESSAGES[code],
    ...(clientId ? { clientId } : {}),
    ...(conversationId ? { conversationId } : {}),
  }
}
