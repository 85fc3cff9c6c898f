// Idempotent writes keyed by (author, clientId): an earlier or concurrent store of the same key yields that event.
import type { TimelineEvent } from '../../protocol/rest.ts'
import { ConcurrentDuplicate, type Store } from './ports.ts'

export async function writeOnce<T>(
  store: Store,
  key: { authorId: string; clientId: string },
  write: () => Promise<T>,
): Promise<{ duplicate: TimelineEvent } | { written: T }> {
  const known = await store.findEventByClientId(key.authorId, key.clientId)
  if (known) return { duplicate: known }
  try {
    return { written: await write() }
  } catch (err) {
    if (!(err instanceof ConcurrentDuplicate)) throw err
    // The transaction rolled back (seq given back); the concurrent winner is committed by now.
    const winner = await store.findEventByClientId(key.authorId, key.clientId)
    if (!winner) throw err
    return { duplicate: winner }
  }
}
