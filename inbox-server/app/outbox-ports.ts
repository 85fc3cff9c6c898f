// The store's side of outbound sends through connectors: the outbox row written with the staff message, claimed
// by a worker with a lease, and marked sent, retried or failed.
import type { ChannelKind } from '../../protocol/channel.ts'

export interface OutboxJob {
  id: string
  eventId: string
  conversationId: string
  channelKind: ChannelKind
  attempts: number
  text: string
  /** The contact's identity on the channel: where the message goes. */
  recipientId: string | null
  /** When the citizen last wrote in the conversation (reply windows). */
  lastInboundAt: Date | null
  /** Who wrote the reply (the sender name of an e-mail). */
  authorName: string | null
  /** E-mail and forms: the conversation's reply token, and the citizen's last mail (subject and threading). */
  replyToken: string | null
  lastEmail: { subject: string | null; messageId: string | null; references: string[] } | null
  /** A satisfaction survey's question: answered by choosing 1–5 where the channel offers buttons. */
  survey: boolean
}

export interface OutboxStore {
  /**
   * Takes up to `limit` due sends for this worker: each gets its attempt counted and is leased until `leaseUntil`
   * (a worker that dies mid-send leaves it to be taken again then). Rows another worker is taking are skipped.
   */
  claimOutbox(now: Date, leaseUntil: Date, limit: number): Promise<OutboxJob[]>
  /** `sentAt`: when the successful attempt started, so that a provider's read watermark (its own clock, set when
   * it accepted the message) is never earlier than it. `providerId`: the provider's id of the message. */
  markOutboxSent(id: string, sentAt: Date, providerId: string): Promise<void>
  retryOutbox(id: string, error: string, at: Date): Promise<void>
  failOutbox(id: string, error: string): Promise<void>
}

export interface OutboxTxStore {
  insertOutbox(o: { eventId: string; conversationId: string; channelKind: ChannelKind; now: Date }): Promise<void>
}
