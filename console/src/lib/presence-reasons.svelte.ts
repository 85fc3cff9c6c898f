// The active presence reasons (a break: lunch, coffee…) from GET /api/presence-reasons, fetched once and shared by
// the presence switch and the supervisor's board; a hub without the route simply has no reasons.
import type { PresenceReason } from '$protocol/admin.ts'
import type { PresenceState } from '$protocol/frames.ts'
import { HttpError, request } from './api.ts'
import type { Lang } from './i18n.ts'
import { session } from './session.svelte.ts'

class PresenceReasons {
  items = $state.raw<PresenceReason[]>([])
  #loading: Promise<void> | null = null

  constructor() {
    session.onLeave(() => this.clear())
  }

  /** Fetches the list unless it is already here (or on its way); `force` asks again, e.g. after an admin edit. */
  load(force = false): Promise<void> {
    if (force) this.#loading = null
    this.#loading ??= request<{ items: PresenceReason[] }>('/api/presence-reasons')
      .then((answer) => {
        this.items = Array.isArray(answer?.items) ? answer.items.filter((r) => r.active !== false) : []
      })
      .catch((error: unknown) => {
        this.items = []
        // 404 (an older hub) or 403: no reasons. Anything else may pass: try again next time.
        if (!(error instanceof HttpError && (error.status === 404 || error.status === 403))) this.#loading = null
      })
    return this.#loading
  }

  forState(state: PresenceState): PresenceReason[] {
    return this.items.filter((r) => r.presence === state)
  }

  /** The reason's label in `lang`, or the code itself for a reason we do not know. */
  label(code: string | null, lang: Lang): string | null {
    if (!code) return null
    const reason = this.items.find((r) => r.code === code)
    if (!reason) return code
    return lang === 'pl' ? reason.labelPl : reason.labelEn
  }

  clear(): void {
    this.items = []
    this.#loading = null
  }
}

export const presenceReasons = new PresenceReasons()
