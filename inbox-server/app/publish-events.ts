// Announces committed timeline events on the bus, after the transaction that wrote them.
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { Bus } from './ports.ts'

export function publishEvents(bus: Bus, contactId: string, events: TimelineEvent[]): void {
  for (const event of events) bus.publish({ type: 'event', conversationId: event.conversationId, contactId, event })
}
