// Visitor messages not yet acknowledged by the hub, persisted so they survive reloads and reconnects.
import type { KV } from './storage.ts'

export const OUTBOX_KEY = 'inboxhub.outbox'
const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/

export interface Pending {
  clientId: string
  text: string
  /** ISO time the visitor wrote it. */
  createdAt: string
  state: 'sending' | 'failed'
  /** Readable reason when failed. */
  error?: string
}

/** 32 hex chars from crypto.getRandomValues (randomUUID needs a secure context, this does not). */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  let id = ''
  for (const b of bytes) id += (b < 16 ? '0' : '') + b.toString(16)
  return id
}

export class Outbox {
  items: Pending[]

  constructor(private readonly kv: KV) {
    this.items = load(kv.getItem(OUTBOX_KEY))
  }

  add(text: string, clientId: string = newClientId(), now: Date = new Date()): Pending {
    const item: Pending = { clientId, text, createdAt: now.toISOString(), state: 'sending' }
    this.items.push(item)
    this.save()
    return item
  }

  get(clientId: string): Pending | undefined {
    return this.items.find((p) => p.clientId === clientId)
  }

  /** Marks sending again (retry) or failed with a reason. */
  setState(clientId: string, state: Pending['state'], error?: string): void {
    const item = this.get(clientId)
    if (!item) return
    item.state = state
    if (error) item.error = error
    else delete item.error
    this.save()
  }

  remove(clientId: string): Pending | undefined {
    const item = this.get(clientId)
    if (!item) return undefined
    this.items = this.items.filter((p) => p !== item)
    this.save()
    return item
  }

  /** Drops every unsent message (forget). */
  clear(): void {
    this.items = []
    this.save()
  }

  private save(): void {
    if (this.items.length) this.kv.setItem(OUTBOX_KEY, JSON.stringify(this.items))
    else this.kv.removeItem(OUTBOX_KEY)
  }
}

/** Reads the stored list, keeping only well-formed entries. */
function load(raw: string | null): Pending[] {
  let data: unknown
  try {
    data = JSON.parse(raw ?? '[]')
  } catch {
    return []
  }
  if (!Array.isArray(data)) return []
  const out: Pending[] = []
  for (const v of data as Partial<Pending>[]) {
    if (!v || typeof v.clientId !== 'string' || !CLIENT_ID.test(v.clientId) || typeof v.text !== 'string') continue
    if (out.some((p) => p.clientId === v.clientId)) continue
    const item: Pending = {
      clientId: v.clientId,
      text: v.text,
      createdAt: typeof v.createdAt === 'string' ? v.createdAt : new Date().toISOString(),
      state: v.state === 'failed' ? 'failed' : 'sending',
    }
    if (item.state === 'failed' && typeof v.error === 'string') item.error = v.error
    out.push(item)
  }
  return out
}
