// Which timeline events a citizen may see: never private notes, nor routing steps (offers, time-outs) inside the
// centre, nor staff's labels and priorities.
import type { EventType } from '../../protocol/rest.ts'

export const STAFF_ONLY_EVENT_TYPES: readonly EventType[] = ['note', 'routing', 'sla', 'delivery', 'update']

export function visibleToCitizen(type: EventType): boolean {
  return !STAFF_ONLY_EVENT_TYPES.includes(type)
}
