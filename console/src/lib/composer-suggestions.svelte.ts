// The reply box's suggestion list: colleagues for an `@mention` in a private note, canned responses for `/shortcut`.
// Both lists are fetched once per session and filtered here; the reply box drives it with the text and caret.
import type { CannedResponse } from '$protocol/workflow.ts'
import { request } from './api.ts'
import { activeToken, applySuggestion, fillVariables, matchesName, type Token, type Variables } from './composer-suggest.ts'
import { session } from './session.svelte.ts'

export interface Suggestion {
  id: string
  /** What the list shows. */
  label: string
  /** A second line: the canned response's start. */
  detail: string | null
  /** Inserted in place of the token (a colleague's name, or a canned body with its variables filled). */
  insert: string
}

const MAX_SHOWN = 8
let colleagues: Promise<{ id: string; name: string }[]> | null = null
let canned: Promise<CannedResponse[]> | null = null
session.onLeave(() => {
  colleagues = null
  canned = null
})

/** After an edit of the canned responses: the next suggestion fetches them again. */
export function forgetCannedResponses(): void {
  canned = null
}

export class Suggestions {
  token = $state.raw<Token | null>(null)
  items = $state.raw<Suggestion[]>([])
  active = $state(0)
  #generation = 0

  get open(): boolean {
    return this.token !== null && this.items.length > 0
  }

  /** Reads the token before the caret and fills the list for it. */
  async update(text: string, caret: number, note: boolean, vars: Variables): Promise<void> {
    const token = activeToken(text, caret, { mentions: note })
    const generation = ++this.#generation
    if (!token) return this.close()
    const items = token.kind === 'mention' ? await this.#people(token.query) : await this.#canned(token.query, vars)
    if (generation !== this.#generation) return
    this.token = token
    this.items = items
    this.active = 0
  }

  move(delta: number): void {
    if (this.items.length === 0) return
    this.active = (this.active + delta + this.items.length) % this.items.length
  }

  /** The text with the active (or given) suggestion in place, and who was mentioned. */
  choose(text: string, index = this.active): { text: string; caret: number; mention: { id: string; name: string } | null } | null {
    const token = this.token
    const item = this.items[index]
    if (!token || !item) return null
    this.close()
    return { ...applySuggestion(text, token, item.insert), mention: token.kind === 'mention' ? { id: item.id, name: item.insert } : null }
  }

  close(): void {
    this.#generation++
    this.token = null
    this.items = []
    this.active = 0
  }

  async #people(query: string): Promise<Suggestion[]> {
    colleagues ??= request<{ items: { id: string; name: string }[] }>('/api/consultants')
      .then((r) => r.items)
      .catch(() => ((colleagues = null), []))
    const me = session.consultant?.id
    return (await colleagues)
      .filter((c) => c.id !== me && matchesName(c.name, query))
      .slice(0, MAX_SHOWN)
      .map((c) => ({ id: c.id, label: c.name, detail: null, insert: c.name }))
  }

  async #canned(query: string, vars: Variables): Promise<Suggestion[]> {
    canned ??= request<{ items: CannedResponse[] }>('/api/canned-responses')
      .then((r) => r.items)
      .catch(() => ((canned = null), []))
    const q = query.toLowerCase()
    return (await canned)
      .filter((c) => c.shortcut.startsWith(q) || (q.length >= 2 && c.title.toLowerCase().includes(q)))
      .slice(0, MAX_SHOWN)
      .map((c) => {
        const body = fillVariables(c.body, vars)
        return { id: c.id, label: `/${c.shortcut} — ${c.title}`, detail: body.length > 90 ? `${body.slice(0, 89)}…` : body, insert: body }
      })
  }
}
