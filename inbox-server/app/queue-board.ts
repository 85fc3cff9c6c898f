// The supervisor's board: every queue with what waits in it (in serving order) and its members with their load.
import type { BoardQueue, QueueBoard } from '../../protocol/admin.ts'
import type { Clock, Store } from './ports.ts'

export function createQueueBoard(deps: { store: Store; clock: Clock }) {
  return async function queueBoard(): Promise<QueueBoard> {
    const [queues, rows] = await Promise.all([deps.store.listAdminQueues(), deps.store.boardRows()])
    const board: BoardQueue[] = queues.map((q) => ({
      id: q.id,
      name: q.name,
      line: q.line,
      officeId: q.officeId,
      waiting: rows.waiting
        .filter((w) => w.queueId === q.id)
        .map(({ queueId: _queue, enqueuedAt, ...w }) => ({ ...w, enqueuedAt: enqueuedAt.toISOString() })),
      members: rows.consultants
        .filter((c) => c.queueIds.includes(q.id))
        .map((c) => ({ id: c.id, name: c.name, presence: c.presence, presenceReason: c.presenceReason, load: c.load, capacity: { ...c.capacity } as BoardQueue['members'][number]['capacity'] })),
    }))
    return { generatedAt: deps.clock.now().toISOString(), queues: board }
  }
}
