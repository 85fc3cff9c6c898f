// The store's side of provider channels beyond plain messages: edits, echoes of the hub's own sends, delivery and
// read receipts, and the attachments fetched after the commit.
import type { AttachmentInfo, AttachmentKind } from '../../protocol/attachments.ts'
import type { ChannelKind } from '../../protocol/channel.ts'
import type { DeliveryState } from '../domain/delivery-state.ts'

export interface ProviderMessage {
  eventId: string
  conversationId: string
  contactId: string
  text: string | null
  data: Record<string, unknown> | null
}

export interface NewAttachment {
  id: string
  kind: AttachmentKind
  name: string | null
  contentType: string | null
  size: number | null
  ref: string | null
  location?: { lat: number; long: number }
  /** Bytes that came with the message (e-mail parts): stored at once. */
  content?: Uint8Array
}

export interface AttachmentJob {
  id: string
  eventId: string
  conversationId: string
  channelKind: ChannelKind
  ref: string
  attempts: number
}

export interface StoredAttachment {
  info: AttachmentInfo
  eventId: string
  conversationId: string
  contactId: string
  officeId: string | null
  content: Uint8Array | null
}

/** The conversation an e-mail threads into, by its reply address or the Message-IDs it answers. */
export interface EmailThread {
  conversationId: string
  contactId: string
  channelId: string
  channelKind: ChannelKind
  status: string
}

/** A call whose conversation was given to a consultant it has not been put through to yet. */
export interface CallConnectJob {
  conversationId: string
  consultantId: string
  voiceTarget: string | null
  callSid: string | null
}

export interface ChannelStore {
  /**
   * Takes calls to put through (assigned, not yet connected to that consultant) and calls to take back to their
   * queue (waiting again after a transfer while put through to someone: `consultantId` null), leased until
   * `leaseUntil`.
   */
  claimCallConnects(now: Date, leaseUntil: Date, limit: number): Promise<(Omit<CallConnectJob, 'consultantId'> & { consultantId: string | null })[]>
  /** Taken back to the queue: connected to nobody. */
  callRequeued(conversationId: string): Promise<void>
  /** Done (put through, or given up) for this consultant; a later assignment to another one starts again. */
  callConnectDone(conversationId: string, consultantId: string): Promise<void>
  callConnectRetry(conversationId: string, at: Date): Promise<void>
  /** By the reply token first, then by the Message-IDs (newest first) of mails in or out of a conversation. */
  findEmailThread(replyToken: string | null, messageIds: readonly string[]): Promise<EmailThread | null>
  /** SMS STOP (a time) or START (null) for a number. */
  setOptOut(channelKind: ChannelKind, externalId: string, at: Date | null): Promise<void>
  /** A message stored earlier, by its provider id (`externalId`) or the provider's other id for it (`ref`). */
  findProviderMessage(idOrRef: string): Promise<ProviderMessage | null>
  /** The outbox row of a staff message, by the outbox id the hub sent along or the provider's message id. */
  findOutbox(by: { id: string } | { providerId: string }): Promise<{ id: string; providerId: string | null; conversationId: string } | null>
  setOutboxProviderId(id: string, providerId: string): Promise<void>
  /** Takes up to `limit` attachments due for fetching, leased until `leaseUntil`. */
  claimAttachments(now: Date, leaseUntil: Date, limit: number): Promise<AttachmentJob[]>
  /** Stores the bytes; null when it was no longer pending. */
  storeAttachment(id: string, bytes: Uint8Array, contentType: string | null): Promise<AttachmentInfo | null>
  retryAttachment(id: string, error: string, at: Date): Promise<void>
  failAttachment(id: string, error: string): Promise<AttachmentInfo | null>
  readAttachment(id: string): Promise<StoredAttachment | null>
  /** The stored files of one event (a reply's attachments), with their bytes, by name. */
  filesOfEvent(eventId: string): Promise<{ name: string; contentType: string; content: Uint8Array }[]>
}

export interface ChannelTxStore {
  /** When the contact's number on this channel opted out (STOP), or null. */
  optedOutAt(contactId: string, channelKind: ChannelKind): Promise<Date | null>
  insertAttachments(eventId: string, conversationId: string, channelKind: ChannelKind, list: readonly NewAttachment[], now: Date): Promise<void>
  /** Replaces a message's text after the citizen edited it; the edit count comes back. */
  editMessage(eventId: string, text: string, editedAt: Date): Promise<number>
  /**
   * Moves the states of staff messages forward (never back): the contact's sent messages on the channel up to the
   * watermark, or named by provider id. Returns the messages that changed, by conversation.
   */
  applyReceipt(r: {
    /** With `watermark`: the contact's messages on the channel sent up to it (Messenger). */
    contactId: string | null
    channelKind: ChannelKind
    state: DeliveryState
    watermark: Date | null
    /** Messages named by the provider's id (Twilio MessageSid, a bounced Message-ID, Messenger mids). */
    providerIds: readonly string[]
    error?: string
    at: Date
  }): Promise<{ conversationId: string; eventIds: string[] }[]>
}
