// Access to localStorage/sessionStorage that falls back to memory when the browser blocks storage,
// the choice between them (data-session-only) and wiping the widget's keys (forget).
export interface KV {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
  /** Every key held, so the widget's own can be wiped. */
  keys(): string[]
}

/** Every key the widget stores starts with this; nothing else on the page is touched. */
export const PREFIX = 'inboxhub.'

function storedKeys(store: Storage): string[] {
  const out: string[] = []
  for (let i = 0; i < store.length; i++) {
    const k = store.key(i)
    if (k !== null) out.push(k)
  }
  return out
}

export function safeStorage(pick: () => Storage): KV {
  const mem = new Map<string, string>()
  let store: Storage | null = null
  try {
    store = pick()
    store.setItem('inboxhub.probe', '1')
    store.removeItem('inboxhub.probe')
  } catch {
    store = null
  }
  return {
    getItem(key) {
      try {
        if (store) return store.getItem(key)
      } catch {
        /* fall back to memory */
      }
      return mem.get(key) ?? null
    },
    setItem(key, value) {
      mem.set(key, value)
      try {
        store?.setItem(key, value)
      } catch {
        /* quota or privacy mode: memory copy still works for this page */
      }
    },
    removeItem(key) {
      mem.delete(key)
      try {
        store?.removeItem(key)
      } catch {
        /* ignore */
      }
    },
    keys() {
      const out = new Set(mem.keys())
      try {
        if (store) for (const k of storedKeys(store)) out.add(k)
      } catch {
        /* memory keys only */
      }
      return [...out]
    },
  }
}

/** Removes every `inboxhub.*` key from the store. */
export function forgetAll(kv: KV): void {
  for (const k of kv.keys()) if (k.startsWith(PREFIX)) kv.removeItem(k)
}

export interface Stores {
  /** Token, conversation, outbox, seen marks: localStorage, or sessionStorage when session-only. */
  kv: KV
  /** Per-tab state (the open panel): always sessionStorage. */
  tab: KV
}

/**
 * By default the chat survives closing the browser (localStorage). Session-only keeps everything in sessionStorage,
 * never writes to localStorage, and removes what an earlier default-mode visit left there.
 */
export function pickStores(sessionOnly: boolean, local: () => Storage, session: () => Storage): Stores {
  const tab = safeStorage(session)
  if (!sessionOnly) return { kv: safeStorage(local), tab }
  try {
    const store = local()
    for (const k of storedKeys(store)) if (k.startsWith(PREFIX)) store.removeItem(k)
  } catch {
    /* storage blocked: nothing was left there */
  }
  return { kv: tab, tab }
}
