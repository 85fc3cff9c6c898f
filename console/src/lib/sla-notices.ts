// What is said aloud when the hub pushes an SLA warning or breach: once per conversation and step, in full to the
// consultant it belongs to (a breach urgently), and as one short notice for a supervisor however many arrive at once.
import type { MessageKey, Params } from './i18n.ts'

export type SlaNoticeStep = 'warning' | 'breached'

/** Remembers which conversation reached which step, so a repeated frame (another node, a reconnect) is not said twice. */
export class OncePerStep {
  #seen = new Set<string>()

  /** True the first time `conversationId` reaches `step`. */
  first(conversationId: string, step: SlaNoticeStep): boolean {
    const key = `${conversationId}:${step}`
    if (this.#seen.has(key)) return false
    this.#seen.add(key)
    return true
  }

  clear(): void {
    this.#seen.clear()
  }
}

export interface SupervisorNotice {
  step: SlaNoticeStep
  /** The contact's label, when the conversation is known here. */
  name: string | null
}

type Translate = (key: MessageKey, params?: Params) => string

/** One short notice for what arrived together: named when it is one conversation, counted when more. */
export function supervisorNoticeText(notices: readonly SupervisorNotice[], tr: Translate): string {
  const [only] = notices
  if (notices.length === 1 && only) {
    const name = only.name ?? tr('contact.guest')
    return tr(only.step === 'breached' ? 'sla.notice.breached' : 'sla.notice.warning', { name })
  }
  const breached = notices.filter((n) => n.step === 'breached').length
  return tr('sla.notice.many', { breached, warning: notices.length - breached })
}
