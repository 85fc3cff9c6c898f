// What this console has learnt about conversations' SLA clocks beyond the badge: each clock's target (from the `sla`
// events of the timelines it loaded) and whether it warned (from those events or an `sla` frame), so a badge can say
// "due soon" at the policy's own share and the list agrees with the open conversation.
import { SvelteMap } from 'svelte/reactivity'
import type { TimelineEvent } from '$protocol/rest.ts'
import type { SlaClockKind } from '$protocol/sla.ts'
import { applySlaEvents, type ClockHint, type ClockHints } from './sla.ts'

/** Conversations remembered; the oldest are forgotten first. */
const KEEP = 500

class SlaHints {
  #byConversation = new SvelteMap<string, ClockHints>()

  get(conversationId: string, clock: SlaClockKind): ClockHint | undefined {
    return this.#byConversation.get(conversationId)?.[clock]
  }

  /** Timeline events of a conversation, in seq order (history or live). */
  learn(conversationId: string, events: readonly TimelineEvent[]): void {
    if (!events.some((e) => e.type === 'sla')) return
    const before = this.#byConversation.get(conversationId) ?? {}
    this.#set(conversationId, applySlaEvents(before, events))
  }

  /** An `sla` frame: the clock warned or breached. */
  frame(conversationId: string, clock: SlaClockKind): void {
    const before = this.#byConversation.get(conversationId) ?? {}
    this.#set(conversationId, { ...before, [clock]: { targetMs: before[clock]?.targetMs ?? null, warned: true } })
  }

  clear(): void {
    this.#byConversation.clear()
  }

  #set(conversationId: string, hints: ClockHints): void {
    this.#byConversation.delete(conversationId)
    this.#byConversation.set(conversationId, hints)
    if (this.#byConversation.size > KEEP) {
      const oldest = this.#byConversation.keys().next().value
      if (oldest !== undefined) this.#byConversation.delete(oldest)
    }
  }
}

export const slaHints = new SlaHints()
