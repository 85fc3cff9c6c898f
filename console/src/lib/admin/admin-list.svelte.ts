// One admin list (queues, offices, skills…) from GET /api/admin/{resource}: loaded, and saved to with POST, PATCH
// and DELETE; after every change the list is fetched again, so it shows what the hub stored.
import { HttpError, request } from '../api.ts'
import { toProblem, type Problem } from './problem.ts'

export type AdminResource = 'queues' | 'offices' | 'skills' | 'consultants' | 'presence-reasons' | 'dispositions' | 'entry-rules' | 'calendars' | 'sla-policies' | 'labels' | 'canned-responses'

export type Saved<T> = { ok: true; item: T | null } | { ok: false; problem: Problem }

export class AdminList<T> {
  items = $state.raw<T[]>([])
  status = $state<'loading' | 'ready' | 'error'>('loading')
  /** Why the list could not be loaded. */
  problem = $state.raw<Problem | null>(null)
  readonly resource: AdminResource
  readonly keyOf: (item: T) => string
  #generation = 0

  constructor(resource: AdminResource, keyOf: (item: T) => string) {
    this.resource = resource
    this.keyOf = keyOf
  }

  get path(): string {
    return `/api/admin/${this.resource}`
  }

  find(key: string | null | undefined): T | undefined {
    return key ? this.items.find((item) => this.keyOf(item) === key) : undefined
  }

  async load(): Promise<void> {
    const generation = ++this.#generation
    try {
      const answer = await request<{ items: T[] }>(this.path)
      if (generation !== this.#generation) return
      this.items = answer.items
      this.status = 'ready'
      this.problem = null
    } catch (error) {
      if (generation !== this.#generation) return
      if (!(error instanceof HttpError)) throw error
      this.problem = toProblem(error)
      if (this.status !== 'ready') this.status = 'error'
    }
  }

  create(body: unknown): Promise<Saved<T>> {
    return this.#write(this.path, 'POST', body)
  }

  update(key: string, body: unknown): Promise<Saved<T>> {
    return this.#write(`${this.path}/${encodeURIComponent(key)}`, 'PATCH', body)
  }

  remove(key: string): Promise<Saved<T>> {
    return this.#write(`${this.path}/${encodeURIComponent(key)}`, 'DELETE', undefined)
  }

  async #write(path: string, method: 'POST' | 'PATCH' | 'DELETE', body: unknown): Promise<Saved<T>> {
    try {
      const item = await request<T | undefined>(path, { method, ...(body === undefined ? {} : { body }) })
      void this.load()
      return { ok: true, item: item && typeof item === 'object' ? item : null }
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      // Gone or changed under us: show the list as it is now.
      if (error.status === 404 || error.status === 409) void this.load()
      return { ok: false, problem: toProblem(error) }
    }
  }
}
