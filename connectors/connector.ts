// What every channel connector is to the hub (ARCHITECTURE.md, Connectors): it authenticates and parses its
// provider's webhooks into inbound messages for `ingest`, and sends outbound messages through the provider's API.
// Connectors never touch the database; the hub's use cases store, deduplicate and route.
import type { Hono } from 'hono'
import type { ChannelKind } from '../protocol/channel.ts'

/** A citizen's message as the provider delivered it. */
export interface InboundMessage {
  channel: ChannelKind
  /** The sender on this channel (Telegram user id, Messenger PSID, E.164 number): the identity of the contact. */
  senderId: string
  /** The sender's display name, if the provider says it. */
  senderName: string | null
  /** The provider's id of this delivery, namespaced by connector (`telegram:123`): stored once. */
  externalId: string
  text: string
  /** When the provider says it was sent. */
  sentAt: Date
}

/** Hands parsed messages to the hub; resolves once they are committed (the webhook answers 2xx only then). */
export type Ingest = (messages: readonly InboundMessage[]) => Promise<void>

export interface OutboundMessage {
  /** The outbox row: the idempotency key of the send, the same on every retry. */
  outboxId: string
  conversationId: string
  /** Who receives it: the contact's identity on this channel. */
  recipientId: string
  text: string
}

export type SendResult =
  | { ok: true; providerId: string }
  /** `retryable`: a timeout, a 5xx or a rate limit; otherwise the provider refused it for good. */
  | { ok: false; retryable: boolean; error: string }

export interface Connector {
  kind: ChannelKind
  /** Where its webhooks are mounted, under /connectors/; the kind when left out. */
  path?: string
  /** Webhooks, mounted under /connectors/<path>. */
  routes?(ingest: Ingest): Hono
  send(msg: OutboundMessage): Promise<SendResult>
}
