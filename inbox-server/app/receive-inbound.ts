// Messages a connector parsed from its provider's webhook: each is stored once (on the provider's message id) in
// the sender's open conversation on that channel, or a new one, in the order the provider sent them.
import type { ChannelKind } from '../../protocol/channel.ts'
import type { SendOutcome, Store } from './ports.ts'
import type { VisitorMessage } from './receive-visitor-message.ts'

/** The shape of `InboundMessage` in connectors/connector.ts (the app does not depend on connectors). */
export interface InboundText {
  channel: ChannelKind
  senderId: string
  senderName: string | null
  externalId: string
  text: string
  sentAt: Date
}

const CHANNEL_NAMES: Partial<Record<ChannelKind, string>> = { telegram: 'Telegram', messenger: 'Messenger', sms: 'SMS', email: 'E-mail', form: 'Formularz', voice: 'Infolinia' }

export function createReceiveInbound(deps: { store: Store; receive: (m: VisitorMessage) => Promise<SendOutcome> }) {
  const channels = new Map<ChannelKind, Promise<{ id: string; kind: ChannelKind }>>()
  const channelOf = (kind: ChannelKind) => {
    let c = channels.get(kind)
    if (!c) {
      c = deps.store.ensureChannel(kind, CHANNEL_NAMES[kind] ?? kind)
      channels.set(kind, c)
      c.catch(() => channels.delete(kind))
    }
    return c
  }

  /** Resolves once every message is committed (or was already stored): the webhook may then answer 2xx. */
  return async function ingest(messages: readonly InboundText[]): Promise<void> {
    // Provider order (a batch may list them otherwise); a stable sort keeps the batch's order for equal times.
    const ordered = [...messages].sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime())
    for (const m of ordered) {
      const channel = await channelOf(m.channel)
      const contactId = await deps.store.findOrCreateContact(m.channel, m.senderId)
      if (m.senderName) await deps.store.nameContact(contactId, m.senderName)
      const r = await deps.receive({ contactId, externalId: m.externalId, text: m.text, channel })
      if (!r.ok) throw new Error(`inbound ${m.externalId} not stored: ${r.error}`)
    }
  }
}
