// Messages the consultant sent that the hub has not yet stored: sending, acknowledged or failed, keyed by clientId.
import type { TimelineEvent } from '$protocol/rest.ts'

export type PendingState = 'sending' | 'sent' | 'failed'

export interface PendingSend {
  clientId: string
  conversationId: string
  text: string
  private: boolean
  /** A private note's @mentions (consultant ids). */
  mentions?: string[]
  /** Files uploaded for this message. */
  attachmentIds?: string[]
  state: PendingState
  /** The error code from the hub (or 'network') when state is 'failed'. */
  error?: string
  /** The seq the hub gave the message in its ack. */
  seq?: number
  createdAt: string
}

export function addPending(list: readonly PendingSend[], item: PendingSend): PendingSend[] {
  return [...list.filter((p) => p.clientId !== item.clientId), item]
}

/** An ack means stored: keep showing it until its event is in the timeline. */
export function markAcked(list: readonly PendingSend[], clientId: string, seq: number): PendingSend[] {
  return list.map((p) => (p.clientId === clientId ? { ...p, state: 'sent' as const, seq, error: undefined } : p))
}

export function markFailed(list: readonly PendingSend[], clientId: string, error: string): PendingSend[] {
  return list.map((p) => (p.clientId === clientId && p.state !== 'sent' ? { ...p, state: 'failed' as const, error } : p))
}

export function markSending(list: readonly PendingSend[], clientId: string): PendingSend[] {
  return list.map((p) => (p.clientId === clientId ? { ...p, state: 'sending' as const, error: undefined } : p))
}

/** Drops every pending message whose event (same clientId) has arrived. */
export function settle(list: readonly PendingSend[], events: readonly Pick<TimelineEvent, 'clientId'>[]): PendingSend[] {
  const arrived = new Set(events.map((e) => e.clientId).filter((id): id is string => id !== null))
  if (arrived.size === 0) return list as PendingSend[]
  const left = list.filter((p) => !arrived.has(p.clientId))
  return left.length === list.length ? (list as PendingSend[]) : left
}

export function removePending(list: readonly PendingSend[], clientId: string): PendingSend[] {
  return list.filter((p) => p.clientId !== clientId)
}

/** What to send again after a reconnect: everything not yet acknowledged and not given up on. */
export function toResend(list: readonly PendingSend[]): PendingSend[] {
  return list.filter((p) => p.state === 'sending')
}
