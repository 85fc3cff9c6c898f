// The order of queues on the supervisor's board: those with someone waiting first, the rest after, each group in the
// hub's order (a stable split, so a queue does not jump around between refreshes unless its waiting list empties).
export function boardOrder<Q extends { waiting: readonly unknown[] }>(queues: readonly Q[]): Q[] {
  return [...queues.filter((q) => q.waiting.length > 0), ...queues.filter((q) => q.waiting.length === 0)]
}
