// Sent messages awaiting the hub's ack, shared by every conversation and kept in sessionStorage across reloads.
import type { TimelineEvent } from '$protocol/rest.ts'
import {
  addPending,
  markAcked,
  markFailed,
  markSending,
  removePending,
  settle,
  toResend,
  type PendingSend,
} from './outbox.ts'

const STORAGE_KEY = 'inbox-console.outbox'

function stored(): PendingSend[] {
  try {
    const value: unknown = JSON.parse(globalThis.sessionStorage?.getItem(STORAGE_KEY) ?? '[]')
    return Array.isArray(value)
      ? (value as PendingSend[]).filter((p) => p && typeof p.clientId === 'string' && typeof p.text === 'string')
      : []
  } catch {
    return []
  }
}

class Outbox {
  items = $state.raw<PendingSend[]>(stored())

  forConversation(conversationId: string): PendingSend[] {
    return this.items.filter((p) => p.conversationId === conversationId)
  }

  get(clientId: string): PendingSend | undefined {
    return this.items.find((p) => p.clientId === clientId)
  }

  add(item: PendingSend): void {
    this.#set(addPending(this.items, item))
  }

  acked(clientId: string, seq: number): void {
    this.#set(markAcked(this.items, clientId, seq))
  }

  failed(clientId: string, error: string): void {
    this.#set(markFailed(this.items, clientId, error))
  }

  sending(clientId: string): void {
    this.#set(markSending(this.items, clientId))
  }

  remove(clientId: string): void {
    this.#set(removePending(this.items, clientId))
  }

  /** Drops the messages whose events have arrived. */
  settle(events: readonly TimelineEvent[]): void {
    this.#set(settle(this.items, events))
  }

  toResend(): PendingSend[] {
    return toResend(this.items)
  }

  clearAll(): void {
    this.#set([])
  }

  #set(items: PendingSend[]): void {
    if (items === this.items) return
    this.items = items
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(items))
    } catch {
      // Kept in memory only.
    }
  }
}

export const outbox = new Outbox()
