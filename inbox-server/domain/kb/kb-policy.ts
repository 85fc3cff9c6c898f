// Who may write which knowledge-base article, and when one is due for review. Every staff member reads them all
// (the knowledge base is shared between the hotline and the local offices).
import { DateTime } from 'luxon'
import type { Viewer } from '../access-policy.ts'

/** Administrators and supervisors write any article; second-line staff those of their own office; others none. */
export function canWriteArticle(v: Viewer, article: { officeId: string | null }): boolean {
  if (v.role === 'admin' || v.role === 'supervisor') return true
  return v.role === 'second_line' && v.officeId !== null && article.officeId === v.officeId
}

/** The office a new article gets: second-line staff's own, whatever they asked; the one asked for otherwise. */
export function officeForNewArticle(v: Viewer, asked: string | null): string | null {
  return v.role === 'second_line' ? v.officeId : asked
}

/** The calendar day in Poland (review dates are days there). */
export function warsawToday(now: Date): string {
  return DateTime.fromJSDate(now, { zone: 'Europe/Warsaw' }).toISODate() ?? now.toISOString().slice(0, 10)
}

/** The review date has passed (the day itself is not yet overdue). */
export function isOverdue(reviewAt: string | null, today: string): boolean {
  return reviewAt !== null && reviewAt < today
}
