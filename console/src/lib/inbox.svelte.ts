// The list of open conversations: first page, "load more" by cursor, and single conversations refetched when the hub
// rings; in activity order or by the SLA deadline falling due first, optionally only breached ones.
import type { Conversation, ConversationList } from '$protocol/rest.ts'
import { HttpError, request } from './api.ts'
import {
  appendPage,
  belongsToLaterPage,
  DEFAULT_FILTER,
  LIST_STATUSES,
  listQuery,
  type ListStatus,
  removeConversation,
  upsertConversation,
  type ListFilter,
  type ListSort,
} from './conversation-list.ts'
import { received } from './sla.ts'
import { session } from './session.svelte.ts'
import { CHANNEL_KINDS, type ChannelKind } from '$protocol/channel.ts'
import { LIST_VIEWS } from '$protocol/rest.ts'

const PAGE = 25
const STORAGE_KEY = 'inbox-console.list'

/** The view, order and filters chosen last in this browser (not the search words: a search is for now). */
function storedFilter(): ListFilter {
  try {
    const value = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null') as Partial<ListFilter> | null
    const text = (v: unknown) => (typeof v === 'string' && v ? v : null)
    return {
      ...DEFAULT_FILTER,
      sort: value?.sort === 'sla_due' ? 'sla_due' : 'activity',
      breachedOnly: value?.breachedOnly === true,
      view: (LIST_VIEWS as readonly string[]).includes(String(value?.view)) ? (value?.view as ListFilter['view']) : 'all',
      status: (LIST_STATUSES as readonly string[]).includes(String(value?.status)) ? (value?.status as ListStatus) : 'open',
      channel: (CHANNEL_KINDS as readonly string[]).includes(String(value?.channel)) ? (value?.channel as ChannelKind) : null,
      queueId: text(value?.queueId),
      labelId: text(value?.labelId),
    }
  } catch {
    return { ...DEFAULT_FILTER }
  }
}

class Inbox {
  items = $state.raw<Conversation[]>([])
  next = $state<string | null>(null)
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle')
  loadingMore = $state(false)
  /** The order and filter chosen above the list (kept in this browser). */
  filter = $state.raw<ListFilter>(storedFilter())
  #generation = 0

  /** Lists are state, not streams: fetch the first page again (as many as are shown, up to 100). */
  async refresh(): Promise<void> {
    const generation = ++this.#generation
    if (this.status !== 'ready') this.status = 'loading'
    const limit = Math.min(100, Math.max(PAGE, this.items.length))
    const filter = this.filter
    try {
      const page = await request<ConversationList>(listQuery(filter, limit))
      if (generation !== this.#generation) return
      const now = Date.now()
      this.items = appendPage([], page.items.map((c) => received(c, now)), filter, this.#me)
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
    const filter = this.filter
    this.loadingMore = true
    try {
      const page = await request<ConversationList>(listQuery(filter, PAGE, this.next))
      if (generation !== this.#generation) return
      const now = Date.now()
      this.items = appendPage(this.items, page.items.map((c) => received(c, now)), filter, this.#me)
      this.next = page.next
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
    } finally {
      this.loadingMore = false
    }
  }

  get #me(): string | null {
    return session.consultant?.id ?? null
  }

  /** Shows the list in another view, order or with other filters: the first page again, from the top. */
  setFilter(change: Partial<ListFilter>): void {
    const filter = { ...this.filter, ...change }
    const keys = Object.keys(filter) as (keyof ListFilter)[]
    if (keys.every((k) => filter[k] === this.filter[k])) return
    this.filter = filter
    try {
      const { q: _search, ...kept } = filter
      localStorage.setItem(STORAGE_KEY, JSON.stringify(kept))
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    this.items = []
    this.next = null
    this.status = 'loading'
    void this.refresh()
  }

  setSort(sort: ListSort): void {
    this.setFilter({ sort })
  }

  /** Fetches one conversation and puts it in place (or out, once it no longer belongs); null if it is gone. */
  async fetchOne(id: string): Promise<Conversation | null> {
    try {
      const conversation = received(await request<Conversation>(`/api/conversations/${encodeURIComponent(id)}`))
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
    // One that would sort after the last loaded entry belongs to a later page, not the end of this one.
    if (belongsToLaterPage(this.items, conversation, this.filter, this.next !== null)) return
    this.items = upsertConversation(this.items, conversation, this.filter, this.#me)
  }

  clear(): void {
    this.#generation++
    this.items = []
    this.next = null
    this.status = 'idle'
  }
}

export const inbox = new Inbox()
