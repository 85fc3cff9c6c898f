// The active call outcomes (dispositions) a consultant picks at the wrap-up, from GET /api/dispositions: the list
// the administrators keep. Fetched when first needed and again after an admin edit.
import type { Disposition } from '$protocol/admin.ts'
import { request } from './api.ts'
import type { Lang } from './i18n.ts'
import { session } from './session.svelte.ts'

class Dispositions {
  items = $state.raw<Disposition[]>([])
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle')
  #loading: Promise<void> | null = null

  constructor() {
    session.onLeave(() => this.clear())
  }

  /** Fetches the list unless it is already here (or on its way); `force` asks again. A failure may be retried. */
  load(force = false): Promise<void> {
    if (force) this.#loading = null
    this.#loading ??= (async () => {
      this.status = 'loading'
      try {
        const answer = await request<{ items: Disposition[] }>('/api/dispositions')
        this.items = (Array.isArray(answer?.items) ? answer.items : []).filter((d) => d.active !== false)
        this.status = 'ready'
      } catch {
        this.status = 'error'
        this.#loading = null
      }
    })()
    return this.#loading
  }

  has(code: string): boolean {
    return this.items.some((d) => d.code === code)
  }

  clear(): void {
    this.items = []
    this.status = 'idle'
    this.#loading = null
  }
}

/** A disposition's label in `lang`. */
export function dispositionLabel(d: Pick<Disposition, 'labelPl' | 'labelEn'>, lang: Lang): string {
  return lang === 'pl' ? d.labelPl : d.labelEn
}

export const dispositions = new Dispositions()
