// A consultant changes presence: stored, announced to all staff, and routing looks again when they become available.
// A reason, when given, must be one of the active reason codes an administrator keeps for that presence.
import type { Presence } from '../domain/routing/routing-model.ts'
import type { AssignWaiting } from './assign-waiting.ts'
import type { Bus, Clock, ConsultantRecord, Store } from './ports.ts'

export type SetPresenceOutcome = { ok: true } | { ok: false; error: 'unknown_reason' }

export function createSetPresence(deps: { store: Store; bus: Bus; clock: Clock; assignWaiting: AssignWaiting }) {
  return async function setPresence(consultant: ConsultantRecord, presence: Presence, reason: string | null): Promise<SetPresenceOutcome> {
    if (reason !== null) {
      const known = (await deps.store.listPresenceReasons()).some((r) => r.code === reason && r.presence === presence && r.active)
      if (!known) return { ok: false, error: 'unknown_reason' }
    }
    await deps.store.setPresence(consultant.id, presence, reason, deps.clock.now())
    deps.bus.publish({ type: 'presence', consultantId: consultant.id, name: consultant.name, presence, reason })
    if (presence === 'available') await deps.assignWaiting()
    return { ok: true }
  }
}
