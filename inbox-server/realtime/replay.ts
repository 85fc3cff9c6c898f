// Sends a subscriber every stored event after its last seq, then `synced` with the seq it is now current to.
import type { EventFrame, SyncedFrame } from '../../protocol/frames.ts'
import type { Store } from '../app/ports.ts'
import type { Peer } from './fanout.ts'

const PAGE = 200

export async function replay(
  store: Store,
  peer: Peer<EventFrame | SyncedFrame>,
  conversationId: string,
  afterSeq: number,
  publicOnly: boolean,
): Promise<void> {
  let after = afterSeq
  for (;;) {
    // Read the conversation's seq before its events: every seq up to it is then in the pages that follow.
    const conv = await store.getConversation(conversationId)
    const page = await store.listEvents(conversationId, after, PAGE, { publicOnly })
    for (const event of page) peer.send({ type: 'event', conversationId, event })
    const last = page.at(-1)
    if (last) after = last.seq
    if (page.length < PAGE) {
      peer.send({ type: 'synced', conversationId, lastSeq: Math.max(after, conv?.lastSeq ?? 0) })
      return
    }
  }
}
