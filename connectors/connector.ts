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
  /** The bytes, when they came with the message (an e-mail's parts): stored at once, nothing to fetch. */
  content?: Uint8Array
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
  /** E-mail: how it threads and how it looks. `text` is the new part only (quoted history stripped). */
  email?: InboundEmail
  /** Sent by a machine (an auto-reply, a mailing list, a vacation notice): stored in an existing conversation if
   * it threads into one, but it never opens or reopens a conversation and is never answered. */
  automatic?: 'auto_reply' | 'list'
  /** SMS: the sender asked to stop (STOP) or to start again (START) receiving messages on this channel. */
  optOut?: 'stop' | 'start'
}

export interface InboundEmail {
  /** The Message-ID without angle brackets, or null if the mail had none. */
  messageId: string | null
  inReplyTo: string | null
  /** Message-IDs from References, oldest first, without angle brackets. */
  references: string[]
  /** The token of the conversation address it was sent to (`reply+<token>@MAIL_DOMAIN`), if any. */
  replyToken: string | null
  subject: string | null
  /** The whole plain text, quoted history included (kept; `text` is what the console shows first). */
  fullText: string
  /** The HTML body, already sanitised for display (no scripts, no event handlers, no remote loads). */
  html: string | null
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

/**
 * What became of messages the hub sent: Messenger's watermarks (every message up to `watermark`), Twilio's status
 * callbacks and e-mail bounces (the messages named in `externalIds`). States only move forward:
 * queued < sent < delivered < read; undelivered and failed are final.
 */
export interface InboundReceipt {
  kind: 'receipt'
  channel: ChannelKind
  /** The contact the messages went to, when the provider says (Messenger); null when `externalIds` name them. */
  senderId: string | null
  state: DeliveryState
  /** Messenger: every message sent up to this time. Null when `externalIds` name the messages. */
  watermark: Date | null
  /** Provider ids of the messages meant (Messenger `delivery.mids`, Twilio `MessageSid`, a bounced Message-ID). */
  externalIds?: string[]
  /** Why it failed, for staff (a bounce's diagnostic, Twilio's ErrorCode and its meaning). */
  error?: string
  /** When the provider says it happened. */
  at: Date
}

export type DeliveryState = 'queued' | 'sent' | 'delivered' | 'read' | 'undelivered' | 'failed'

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
  /** E-mail (and forms answered by e-mail): the headers that thread the answer into the citizen's mail client. */
  email?: OutboundEmail
  /** Files staff sent with the reply (only on channels whose limits say `canAttach`). */
  files?: OutboundFile[]
  /** Answers offered as buttons where the channel has them (Messenger quick replies, a Telegram reply keyboard);
   * choosing one sends its text back as the citizen's message. */
  choices?: string[]
}

export interface OutboundFile {
  name: string
  contentType: string
  content: Uint8Array
}

export interface OutboundEmail {
  /** The conversation's own address (`reply+<token>@MAIL_DOMAIN`): Reply-To, so answers thread back. */
  replyTo: string
  /** "Re: " + the citizen's subject (not doubled), or a subject of the hub's own for a new thread. */
  subject: string
  /** The citizen's last Message-ID, and the References chain ending with it (without angle brackets). */
  inReplyTo: string | null
  references: string[]
  /** The sender's display name (the consultant or the office), the address is MAIL_FROM. */
  fromName: string | null
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
  /** Listeners that are not HTTP (the SMTP server): started with the hub, stopped with it. */
  start?(ingest: Ingest): Promise<{ stop(): Promise<void> }>
}
