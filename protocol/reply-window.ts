// When staff may still write to a citizen on a channel with a reply window (Messenger: 24 hours after the person's
// last message with messaging_type RESPONSE, then up to 7 days with the HUMAN_AGENT tag, then not at all until they
// write again). Shared by the hub (it refuses and tags sends) and the console (it shows the window).
import type { ChannelKind } from './channel.ts'

const HOUR = 3_600_000
export const STANDARD_WINDOW_MS = 24 * HOUR
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR

export type ReplyWindow =
  /** No window on this channel (web chat, e-mail…). */
  | { state: 'none' }
  /** A normal reply until `closesAt`. */
  | { state: 'open'; closesAt: Date; humanAgentUntil: Date }
  /** Only as a human agent's reply (tag HUMAN_AGENT) until `closesAt`. */
  | { state: 'human_agent'; closesAt: Date }
  /** Nothing may be sent until the citizen writes again. `since` is null when they never wrote. */
  | { state: 'closed'; since: Date | null }

export function replyWindow(channel: ChannelKind, lastInboundAt: Date | null, now: Date): ReplyWindow {
  if (channel !== 'messenger') return { state: 'none' }
  if (lastInboundAt === null) return { state: 'closed', since: null }
  const standardEnd = new Date(lastInboundAt.getTime() + STANDARD_WINDOW_MS)
  const humanEnd = new Date(lastInboundAt.getTime() + HUMAN_AGENT_WINDOW_MS)
  if (now < standardEnd) return { state: 'open', closesAt: standardEnd, humanAgentUntil: humanEnd }
  if (now < humanEnd) return { state: 'human_agent', closesAt: humanEnd }
  return { state: 'closed', since: humanEnd }
}
