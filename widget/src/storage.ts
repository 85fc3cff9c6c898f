// Access to localStorage/sessionStorage that falls back to memory when the browser blocks storage.
export interface KV {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
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
  }
}
