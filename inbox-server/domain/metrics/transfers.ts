// Transfers, escalations to local offices, hand-backs from them and SLA reroutes, counted in the period they
// happened, in the queue the conversation left. A supervisor giving a waiting conversation to a consultant is an
// answer, not a transfer (conversation-facts.ts leaves it out).
import type { ConversationFacts, MoveKind } from './conversation-facts.ts'
import { inScope, within, type Period, type Scope } from './period.ts'

export type MoveFigures = Record<'transfers' | 'escalations' | 'returns' | 'reroutes', number>

const FIELD: Record<MoveKind, keyof MoveFigures> = { transfer: 'transfers', escalation: 'escalations', return: 'returns', reroute: 'reroutes' }

export function moveFigures(facts: readonly ConversationFacts[], period: Period, scope: Scope = {}): MoveFigures {
  const figures: MoveFigures = { transfers: 0, escalations: 0, returns: 0, reroutes: 0 }
  for (const f of facts) {
    for (const m of f.moves) if (within(period, m.at) && inScope(scope, m.fromQueueId, f.channel)) figures[FIELD[m.kind]]++
  }
  return figures
}
