// In what order: conversations by priority then longest waiting; consultants by longest idle then least loaded.
import type { Consultant, Waiting } from './routing-model.ts'

export function compareWaiting(a: Waiting, b: Waiting): number {
  return b.priority - a.priority || a.enqueuedAt - b.enqueuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

function totalLoad(c: Consultant): number {
  let n = 0
  for (const v of Object.values(c.load)) n += v ?? 0
  return n
}

export function compareConsultants(a: Consultant, b: Consultant): number {
  // Never assigned since signing in counts as the longest idle.
  const idleA = a.lastAssignedAt ?? Number.NEGATIVE_INFINITY
  const idleB = b.lastAssignedAt ?? Number.NEGATIVE_INFINITY
  if (idleA !== idleB) return idleA < idleB ? -1 : 1
  return totalLoad(a) - totalLoad(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}
