// Idempotent writes keyed by (author, clientId) or by a provider's message id: a write that meets a stored event
// with the same key yields it.
import type { TimelineEvent } from '../../protocol/rest.ts'
import { ConcurrentDuplicate, type Store } from './ports.ts'

/**
 * No look-up first: the unique index finds a duplicate as the event is inserted (the transaction then rolls
 * back and gives its seq back), which saves a statement on every new message, by far the common case.
 */
export async function writeOnce<T>(
  store: Store,
  key: { authorId: string; clientId: string } | { externalId: string },
  write: () => Promise<T>,
): Promise<{ duplicate: TimelineEvent } | { written: T }> {
  try {
    return { written: await write() }
  } catch (err) {
    if (!(err instanceof ConcurrentDuplicate)) throw err
    const stored = 'externalId' in key ? await store.findEventByExternalId(key.externalId) : await store.findEventByClientId(key.authorId, key.clientId)
    if (!stored) throw err
    return { duplicate: stored }
  }
}
