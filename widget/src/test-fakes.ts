// Test doubles shared by the widget's unit tests: an in-memory Storage, timeline events, a recording view.
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { ChatView, ConnectionState, Item, Suggestion } from './chat.ts'
import type { KV } from './storage.ts'

/** An in-memory KV that also has the parts of DOM Storage the widget uses (`asStorage()`), and logs every write. */
export class MemoryStorage implements KV {
  readonly data = new Map<string, string>()
  /** Keys passed to setItem, in order. */
  readonly writes: string[] = []
  getItem(key: string): string | null {
    return this.data.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    this.writes.push(key)
    this.data.set(key, String(value))
  }
  removeItem(key: string): void {
    this.data.delete(key)
  }
  keys(): string[] {
    return [...this.data.keys()]
  }
  get length(): number {
    return this.data.size
  }
  key(i: number): string | null {
    return this.keys()[i] ?? null
  }
  asStorage(): Storage {
    return this as unknown as Storage
  }
}

export const CONV = '3f0c2b8e-6a51-4d2f-9a1e-0c4b7d1e2f30'
export const CONV2 = '7a1d9e44-2c3b-4f5a-8e6d-1b2c3d4e5f60'

let n = 0
export function event(seq: number, over: Partial<TimelineEvent> = {}): TimelineEvent {
  n++
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    conversationId: CONV,
    seq,
    type: 'message',
    direction: 'out',
    text: `message ${seq}`,
    author: { kind: 'consultant', id: null, name: 'Anna Nowak' },
    clientId: null,
    data: null,
    createdAt: new Date(Date.UTC(2025, 0, 10, 9, 0, seq)).toISOString(),
    occurredAt: new Date(Date.UTC(2025, 0, 10, 9, 0, seq)).toISOString(),
    ...over,
  }
}

export class FakeView implements ChatView {
  items: Item[] = []
  state: ConnectionState | null = null
  typing = false
  notices: string[] = []
  unreadCount = 0
  forgottenCount = 0
  position: number | null = null
  eta: number | null = null
  topicList: { key: string; name: string }[] | null = null
  render(items: Item[]): void {
    this.items = items
  }
  connection(state: ConnectionState): void {
    this.state = state
  }
  staffTyping(on: boolean): void {
    this.typing = on
  }
  notice(text: string): void {
    this.notices.push(text)
  }
  unread(count: number): void {
    this.unreadCount = count
  }
  queue(position: number | null, etaSeconds: number | null = null): void {
    this.position = position
    this.eta = etaSeconds
  }
  topics(list: { key: string; name: string }[] | null): void {
    this.topicList = list
  }
  forgotten(): void {
    this.forgottenCount++
  }
  suggestionList: Suggestion[] = []
  suggestions(list: Suggestion[]): void {
    this.suggestionList = list
  }
  messages() {
    return this.items.filter((i) => i.kind === 'msg')
  }
}
