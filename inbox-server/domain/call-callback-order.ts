// Twilio's call status callbacks may arrive out of order (retries, several hosts). A callback older than one already
// seen is kept as history but never moves the call back. "Older" by SequenceNumber when both callbacks carry one;
// otherwise by their Timestamp (whole seconds); and nothing comes after the end of a call.

/** One status callback of a call: its SequenceNumber (if sent), its time, its status. */
export interface CallbackStamp {
  sequence: number | null
  at: number
  status: string
}

const ENDED = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled'])

export const isCallEnded = (status: string): boolean => ENDED.has(status)

/** Whether `incoming` is older than a callback already `seen` for the same call. */
export function isStaleCallback(seen: readonly CallbackStamp[], incoming: CallbackStamp): boolean {
  return seen.some((s) => {
    if (s.sequence !== null && incoming.sequence !== null) return s.sequence > incoming.sequence
    if (s.at !== incoming.at) return s.at > incoming.at
    // The same second without numbers: only the end of a call is known to come last.
    return isCallEnded(s.status) && !isCallEnded(incoming.status)
  })
}
