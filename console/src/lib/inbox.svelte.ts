// The list of open conversations: first page, "load more" by cursor, and single conversations refetched when the hub rings.
import type { Conversation, ConversationList } from '$protocol/rest.ts'
import { HttpError, request } from './api.ts'
import { appendPage, removeConversation, upsertConversation } from './conversation-list.ts'

const PAGE = 25

class Inbox {
  items = $state.raw<Conversation[]>([])
  next = $state<string | null>(null)
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle')
  loadingMore = $state(false)
  #generation = 0

  /** Lists are state, not streams: fetch the first page again (as many as are shown, up to 100). */
  async refresh(): Promise<void> {
    const generation = ++this.#generation
    if (this.status !== 'ready') this.status = 'loading'
    const limit = Math.min(100, Math.max(PAGE, this.items.length))
    try {
      const page = await request<ConversationList>(`/api/conversations?status=open&limit=${limit}`)
      if (generation !== this.#generation) return
      this.items = appendPage([], page.items)
      this.next = page.next
      this.status = 'ready'
    } catch (error) {
      if (generation !== this.#generation) return
      if (this.status !== 'ready') this.status = 'error'
      if (!(error instanceof HttpError)) throw error
    }
  }

  async loadMore(): Promise<void> {
    if (!this.next || this.loadingMore) return
    const generation = this.#generation
    this.loadingMore = true
    try {
      const page = await request<ConversationList>(
        `/api/conversations?status=open&limit=${PAGE}&cursor=${encodeURIComponent(this.next)}`,
      )
      if (generation !== this.#generation) return
      this.items = appendPage(this.items, page.items)
      this.next = page.next
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
    } finally {
      this.loadingMore = false
    }
  }

  /** Fetches one conversation and puts it in place (or out, once resolved); null if it is gone. */
  async fetchOne(id: string): Promise<Conversation | null> {
    try {
      const conversation = await request<Conversation>(`/api/conversations/${encodeURIComponent(id)}`)
      this.upsert(conversation)
      return conversation
    } catch (error) {
      if (error instanceof HttpError && (error.status === 404 || error.status === 403)) {
        this.items = removeConversation(this.items, id)
        return null
      }
      throw error
    }
  }

  upsert(conversation: Conversation): void {
    const known = this.items.some((c) => c.id === conversation.id)
    // A conversation older than the last loaded page belongs to a later page, not the end of this one.
    if (!known && this.next && this.items.length > 0) {
      const oldest = this.items[this.items.length - 1]
      if (oldest && Date.parse(conversation.lastActivityAt) < Date.parse(oldest.lastActivityAt)) return
    }
    this.items = upsertConversation(this.items, conversation)
  }

  clear(): void {
    this.#generation++
    this.items = []
    this.next = null
    this.status = 'idle'
  }
}

export const inbox = new Inbox()
