// Moving through the conversation list with the keyboard (j / k): which conversation comes next or before the open one.

export type ListStep = { id: string } | { edge: 'empty' | 'first' | 'last' }

/**
 * The conversation `by` places from `selectedId` in `ids` (1: next, -1: previous). With nothing selected, or the
 * selected one no longer in the list, it is the first one; at either end it says which end was reached.
 */
export function listStep(ids: readonly string[], selectedId: string | null, by: 1 | -1): ListStep {
  const first = ids[0]
  if (first === undefined) return { edge: 'empty' }
  const at = selectedId === null ? -1 : ids.indexOf(selectedId)
  if (at < 0) return { id: first }
  const to = ids[at + by]
  if (to === undefined) return { edge: by > 0 ? 'last' : 'first' }
  return { id: to }
}
