// Deadlines by key in a binary min-heap: at most one live deadline per key; re-setting a key supersedes the old
// entry, which is skipped when it surfaces (lazy deletion), so every operation stays O(log n).

interface Entry {
  at: number
  key: string
}

export class DeadlineHeap {
  private readonly heap: Entry[] = []
  private readonly live = new Map<string, number>()

  get size(): number {
    return this.live.size
  }

  /** Sets (or moves) the deadline of `key`. */
  set(key: string, at: number): void {
    if (this.live.get(key) === at) return
    this.live.set(key, at)
    this.push({ at, key })
  }

  delete(key: string): void {
    this.live.delete(key)
  }

  /** The earliest live deadline, if any. */
  peek(): number | null {
    this.dropStale()
    return this.heap[0]?.at ?? null
  }

  /** Removes and returns the keys due at or before `now`, earliest first. */
  popDue(now: number): string[] {
    const due: string[] = []
    for (;;) {
      this.dropStale()
      const top = this.heap[0]
      if (!top || top.at > now) return due
      this.pop()
      this.live.delete(top.key)
      due.push(top.key)
    }
  }

  private dropStale(): void {
    while (this.heap.length > 0 && this.live.get(this.heap[0]!.key) !== this.heap[0]!.at) this.pop()
    // Superseded entries pile up when keys move often: rebuild once they outnumber live ones.
    if (this.heap.length > 64 && this.heap.length > 2 * this.live.size) this.rebuild()
  }

  private rebuild(): void {
    this.heap.length = 0
    for (const [key, at] of this.live) this.push({ at, key })
  }

  private push(e: Entry): void {
    const h = this.heap
    h.push(e)
    let i = h.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (h[parent]!.at <= e.at) break
      h[i] = h[parent]!
      i = parent
    }
    h[i] = e
  }

  private pop(): void {
    const h = this.heap
    const last = h.pop()!
    if (h.length === 0) return
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      if (l >= h.length) break
      const r = l + 1
      const c = r < h.length && h[r]!.at < h[l]!.at ? r : l
      if (h[c]!.at >= last.at) break
      h[i] = h[c]!
      i = c
    }
    h[i] = last
  }
}
