// What the consultant has typed but not sent, per conversation, kept in memory and sessionStorage so nothing is lost.
const STORAGE_KEY = 'inbox-console.drafts'

function stored(): Record<string, string> {
  try {
    const value: unknown = JSON.parse(globalThis.sessionStorage?.getItem(STORAGE_KEY) ?? '{}')
    if (!value || typeof value !== 'object') return {}
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
  } catch {
    return {}
  }
}

class Drafts {
  #texts = $state<Record<string, string>>(stored())

  get(conversationId: string): string {
    return this.#texts[conversationId] ?? ''
  }

  set(conversationId: string, text: string): void {
    if (text) this.#texts[conversationId] = text
    else delete this.#texts[conversationId]
    this.#save()
  }

  clearAll(): void {
    this.#texts = {}
    this.#save()
  }

  #save(): void {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(this.#texts))
    } catch {
      // Storage full or blocked: the draft still lives in memory.
    }
  }
}

export const drafts = new Drafts()
