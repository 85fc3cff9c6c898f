// The parameters of the metrics: the short-abandon threshold and each queue's service-level target by channel kind.
import type { ChannelKind } from '../../../protocol/channel.ts'
import type { QueueId } from './conversation-facts.ts'

export interface MetricsSettings {
  /** A caller who leaves after waiting at most this long is a short abandon (a misdial, a change of mind). */
  shortAbandonMs: number
  /** The service-level target of a wait in `queueId` on `channel`: answered within it (inclusive) counts as in target. */
  targetMs(queueId: QueueId, channel: ChannelKind): number
}

export const DEFAULT_SHORT_ABANDON_MS = 5_000

/**
 * Until supervisors set their own: 20 s for calls, 60 s for the live written channels, and for e-mail and forms
 * (answered in turn, not live) 8 hours, one working day.
 */
export const DEFAULT_TARGET_MS: Readonly<Record<ChannelKind, number>> = {
  voice: 20_000,
  webchat: 60_000,
  messenger: 60_000,
  telegram: 60_000,
  sms: 60_000,
  email: 8 * 3_600_000,
  form: 8 * 3_600_000,
}

/** Settings from plain values: per-queue targets override the per-channel ones, which override the defaults. */
export function metricsSettings(o: {
  shortAbandonMs?: number
  targets?: Partial<Record<ChannelKind, number>>
  queueTargets?: Readonly<Record<string, Partial<Record<ChannelKind, number>>>>
} = {}): MetricsSettings {
  return {
    shortAbandonMs: o.shortAbandonMs ?? DEFAULT_SHORT_ABANDON_MS,
    targetMs: (queueId, channel) => (queueId !== null ? o.queueTargets?.[queueId]?.[channel] : undefined) ?? o.targets?.[channel] ?? DEFAULT_TARGET_MS[channel],
  }
}
