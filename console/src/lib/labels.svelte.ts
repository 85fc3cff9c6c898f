// The labels staff may put on conversations (GET /api/labels) and the first-line queues (GET /api/queues), fetched
// once when first needed and again on demand; shared by the list filters and the conversation's label editor.
import type { Label } from '$protocol/workflow.ts'
import { request } from './api.ts'
import { session } from './session.svelte.ts'

class Choices {
  labels = $state.raw<Label[]>([])
  queues = $state.raw<{ id: string; name: string; line: string }[]>([])
  #loading: Promise<void> | null = null

  constructor() {
    session.onLeave(() => {
      this.labels = []
      this.queues = []
      this.#loading = null
    })
  }

  load(force = false): Promise<void> {
    if (force) this.#loading = null
    this.#loading ??= Promise.all([
      request<{ items: Label[] }>('/api/labels').then((r) => (this.labels = r.items)),
      request<{ items: { id: string; name: string; line: string }[] }>('/api/queues').then((r) => (this.queues = r.items)),
    ])
      .then(() => undefined)
      .catch(() => {
        // Offline or refused: the filters offer what they have; the next call asks again.
        this.#loading = null
      })
    return this.#loading
  }
}

export const choices = new Choices()
