// Which identities a channel vouches for. A Messenger PSID, a Telegram user id, a widget's visitor token and a
// carrier's phone number are proven by the channel itself; an address typed into a web form (or a From header)
// is only what someone claimed. Contacts are never merged automatically across that line (ARCHITECTURE.md);
// staff may merge by hand, and identities they link by hand stay unverified.
import type { ChannelKind } from '../../protocol/channel.ts'

const VOUCHED: ReadonlySet<ChannelKind> = new Set(['webchat', 'messenger', 'telegram', 'sms', 'voice'])

export function channelVouchesFor(kind: ChannelKind): boolean {
  return VOUCHED.has(kind)
}

/** Two identities may be joined to one contact without a person deciding only when both or neither are verified. */
export function mayJoinAutomatically(a: { verified: boolean }, b: { verified: boolean }): boolean {
  return a.verified === b.verified
}
