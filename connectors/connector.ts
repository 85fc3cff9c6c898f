// What every channel connector is to the hub (ARCHITECTURE.md, Connectors): it authenticates and parses its
// provider's webhooks into inbound events for `ingest`, and sends outbound messages through the provider's API.
// Connectors never touch the database; the hub's use cases store, deduplicate and route.
import type { Hono } from 'hono'
import type { ChannelKind } from '../protocol/channel.ts'
import type { AttachmentKind } from '../protocol/attachments.ts'

/** A file or place the citizen sent, as the provider announced it; the hub fetches the bytes after the commit. */
export interface InboundAttachment {
  kind: AttachmentKind
  /** The file name the sender gave, if any. */
  name: string | null
  contentType: string | null
  /** The size the provider announced, in bytes, if any (checked again while fetching). */
  size: number | null
  /** What `fetchAttachment` needs to get the bytes (a URL on the provider's host, a Telegram file_id); opaque to the
   * hub. Null when there is nothing to fetch (a location). */
  ref: string | null
  location?: { lat: number; long: number }
}

/** A citizen's message as the provider delivered it. */
export interface InboundMessage {
  kind: 'message'
  channel: ChannelKind
  /** The sender on this channel (Telegram user id, Messenger PSID, E.164 number): the identity of the contact. */
  senderId: string
  /** The sender's display name, if the provider says it. */
  senderName: string | null
  /** The provider's id of this delivery, namespaced by connector (`telegram:123`): stored once. */
  externalId: string
  /** The provider's id of the message itself where replies and edits name it by another id than the delivery's
   * (Telegram: `telegram:<chat_id>:<message_id>`); left out when `externalId` is that id (Messenger's mid). */
  ref?: string
  /** The text or caption; '' when the message is only attachments. */
  text: string
  /** When the provider says it was sent: the message's place in the timeline. */
  sentAt: Date
  attachments?: InboundAttachment[]
  /** The earlier message this one answers, by its `externalId` or `ref` (Messenger reply_to, Telegram reply_to_message). */
  replyTo?: string
  /** A button the person pressed (postback, quick reply, inline keyboard), with the payload the hub gave it. */
  button?: { kind: 'postback' | 'quick_reply' | 'callback'; payload: string | null }
}

/** The citizen changed the text of a message they sent earlier: the stored event is updated, not duplicated. */
export interface InboundEdit {
  kind: 'edit'
  channel: ChannelKind
  senderId: string
  /** The edited message, by its `externalId` or `ref`. */
  target: string
  /** This edit's own delivery id (Telegram `telegram:<update_id>`): applied once. */
  externalId: string
  text: string
  editedAt: Date
}

/** The provider repeating a message the page sent (Messenger `is_echo`): ours are linked, never a new message. */
export interface InboundEcho {
  kind: 'echo'
  channel: ChannelKind
  /** The contact the page's message went to. */
  recipientId: string
  /** The provider's message id (`messenger:<mid>`). */
  externalId: string
  /** The outbox id the hub sent along (Messenger `metadata`): set when the echo is of the hub's own send. */
  outboxId: string | null
  text: string
  sentAt: Date
}

/** The citizen's app received or read what the page sent: every message sent up to `watermark`. */
export interface InboundReceipt {
  kind: 'receipt'
  channel: ChannelKind
  /** The contact whose app reports it. */
  senderId: string
  state: 'delivered' | 'read'
  watermark: Date
  /** Provider ids of the messages meant, when the provider lists them (Messenger `delivery.mids`). */
  externalIds?: string[]
}

export type InboundEvent = InboundMessage | InboundEdit | InboundEcho | InboundReceipt

/** Hands parsed events to the hub; resolves once they are committed (the webhook answers 2xx only then). */
export type Ingest = (events: readonly InboundEvent[]) => Promise<void>

export interface OutboundMessage {
  /** The outbox row: the idempotency key of the send, the same on every retry. */
  outboxId: string
  conversationId: string
  /** Who receives it: the contact's identity on this channel. */
  recipientId: string
  text: string
  /** When the citizen last wrote in this conversation (providers with a reply window, such as Messenger). */
  lastInboundAt: Date | null
  /** The time of the send, for the reply window. */
  now: Date
}

export type SendResult =
  | { ok: true; providerId: string }
  /** `retryable`: a timeout, a 5xx or a rate limit; otherwise the provider refused it for good. */
  | { ok: false; retryable: boolean; error: string }

export type FetchedAttachment =
  | { ok: true; bytes: Uint8Array; contentType: string | null }
  /** `retryable`: a timeout or a 5xx; otherwise (too large, not found, a refused host) it is given up. */
  | { ok: false; retryable: boolean; error: string }

export interface Connector {
  kind: ChannelKind
  /** Where its webhooks are mounted, under /connectors/; the kind when left out. */
  path?: string
  /** Webhooks, mounted under /connectors/<path>. */
  routes?(ingest: Ingest): Hono
  send(msg: OutboundMessage): Promise<SendResult>
  /** Gets an attachment's bytes by its `ref`, refusing more than `maxBytes`; called after the commit. */
  fetchAttachment?(ref: string, maxBytes: number): Promise<FetchedAttachment>
  /** The person's display name from the provider's profile API; called after the commit, for unnamed contacts. */
  profileName?(senderId: string): Promise<string | null>
}
