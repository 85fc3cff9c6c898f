// Announces committed timeline events on the bus, after the transaction that wrote them.
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { Bus } from './ports.ts'

/** `to`: the conversation's contact (their widget gets the citizen-visible events) and office (who among staff may see it). */
export function publishEvents(bus: Bus, to: { contactId: string; officeId: string | null }, events: TimelineEvent[]): void {
  for (const event of events) bus.publish({ type: 'event', conversationId: event.conversationId, contactId: to.contactId, officeId: to.officeId, event })
}
