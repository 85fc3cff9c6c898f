// A staff `update` event (labels added or removed, priority changed) as one line of the timeline.
import type { MessageKey, Params } from './i18n.ts'
import { priorityKey } from './priority.ts'

type Translate = (key: MessageKey, params?: Params) => string

const names = (value: unknown): string[] =>
  Array.isArray(value) ? value.flatMap((l) => (l && typeof l === 'object' && typeof (l as { name?: unknown }).name === 'string' ? [(l as { name: string }).name] : [])) : []

export function updateText(data: Record<string, unknown>, t: Translate): string {
  if (typeof data.priority === 'number') return t('event.update.priority', { priority: t(priorityKey(data.priority)) })
  const changes = [...names(data.added).map((name) => t('event.update.added', { name })), ...names(data.removed).map((name) => t('event.update.removed', { name }))]
  return t('event.update.labels', { changes: changes.join(', ') })
}
