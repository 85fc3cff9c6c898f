// A consultant changes presence: stored, announced to all staff, and routing looks again when they become available.
import type { Presence } from '../domain/routing/routing-model.ts'
import type { AssignWaiting } from './assign-waiting.ts'
import type { Bus, Clock, ConsultantRecord, Store } from './ports.ts'

export function createSetPresence(deps: { store: Store; bus: Bus; clock: Clock; assignWaiting: AssignWaiting }) {
  return async function setPresence(consultant: ConsultantRecord, presence: Presence, reason: string | null): Promise<void> {
    await deps.store.setPresence(consultant.id, presence, reason, deps.clock.now())
    deps.bus.publish({ type: 'presence', consultantId: consultant.id, name: consultant.name, presence, reason })
    if (presence === 'available') await deps.assignWaiting()
  }
}
