// The store's side of knowledge quizzes: quizzes with their questions, consultants' attempts, and results.
import type { Quiz, QuizCreate, QuizPatch, QuizResultRow, QuizSummary } from '../../protocol/quizzes.ts'
import type { WriteResult } from './admin-ports.ts'

export interface QuizAttemptRecord {
  id: string
  quizId: string
  consultantId: string
  startedAt: Date
  finishedAt: Date | null
}

export interface QuizStore {
  /** All quizzes with their questions (correct flags included), newest first. */
  listQuizzes(): Promise<Quiz[]>
  getQuiz(id: string): Promise<Quiz | null>
  /** `not_found`: the skill it grants does not exist. */
  insertQuiz(q: QuizCreate): Promise<WriteResult<Quiz>>
  /** `questions`, when given, replaces all of them. `not_found`: no such quiz, or no such skill. */
  patchQuiz(id: string, p: QuizPatch): Promise<WriteResult<Quiz>>
  /** Active quizzes, with this consultant's last pass of each. */
  listActiveQuizzes(consultantId: string): Promise<QuizSummary[]>
  insertQuizAttempt(a: { quizId: string; consultantId: string; startedAt: Date }): Promise<QuizAttemptRecord>
  getQuizAttempt(id: string): Promise<QuizAttemptRecord | null>
  /** Finishes the attempt if it is still open; false when it was finished already. */
  finishQuizAttempt(id: string, r: { finishedAt: Date; scorePercent: number; passed: boolean; answers: Record<string, string[]> }): Promise<boolean>
  /** Per consultant who finished an attempt: count, best score, last pass (valid: within valid days before `now`). */
  quizResults(quizId: string, now: Date): Promise<QuizResultRow[]>
}
