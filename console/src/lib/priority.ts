// A conversation's priority in words (higher is served first in its queue), and the levels a consultant picks.
import type { MessageKey } from './i18n.ts'

export const PRIORITY_LEVELS = [0, 5, 10] as const

export function priorityKey(priority: number): MessageKey {
  if (priority >= 10) return 'priority.urgent'
  if (priority >= 5) return 'priority.high'
  if (priority > 0) return 'priority.raised'
  return 'priority.normal'
}
