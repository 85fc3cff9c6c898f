// SLA compliance for a period, from the SLA clocks' own timeline events: of the clocks that ended (fulfilled) in
// the period, the share that met their target; and how many breaches happened in it.
import type { ChannelKind } from '../../../protocol/channel.ts'
import type { TimelineEvent } from '../../../protocol/rest.ts'
import { within, type Period } from './period.ts'

export interface SlaFigures {
  /** Clocks fulfilled in the period (a reply, a resolution). */
  fulfilled: number
  /** Of those, fulfilled within their target. */
  met: number
  /** met ÷ fulfilled; null when none ended. */
  compliance: number | null
  /** Breaches that happened in the period (a clock running past its target). */
  breaches: number
}

export function slaFigures(conversations: readonly { channel: ChannelKind; queueId: string | null; events: readonly TimelineEvent[] }[], period: Period, scope: { queueId?: string | null; channel?: ChannelKind } = {}): SlaFigures {
  let fulfilled = 0
  let met = 0
  let breaches = 0
  for (const c of conversations) {
    if ((scope.queueId !== undefined && c.queueId !== scope.queueId) || (scope.channel !== undefined && c.channel !== scope.channel)) continue
    for (const e of c.events) {
      if (e.type !== 'sla' || !within(period, Date.parse(e.createdAt))) continue
      if (e.data?.step === 'breached') breaches++
      if (e.data?.step === 'fulfilled') {
        fulfilled++
        if (e.data.breached !== true) met++
      }
    }
  }
  return { fulfilled, met, compliance: fulfilled === 0 ? null : met / fulfilled, breaches }
}
