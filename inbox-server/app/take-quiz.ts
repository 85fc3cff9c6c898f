// Consultants take quizzes: an attempt is started (the questions go out without their correct options), then
// finished once, by its owner, with the answers; the score, the pass and the time taken are stored. A pass of a
// quiz that grants a skill is what routing reads (routing-snapshot-sql.ts); nothing else needs telling.
import type { AttemptResult, StartedAttempt } from '../../protocol/quizzes.ts'
import { scoreAttempt } from '../domain/quiz/score-attempt.ts'
import type { Clock, Store } from './ports.ts'

export type FinishOutcome = { ok: true; result: AttemptResult } | { ok: false; error: 'not_found' | 'forbidden' | 'finished' }

export function createTakeQuiz(deps: { store: Store; clock: Clock }) {
  const { store, clock } = deps
  return {
    /** Null when there is no such active quiz. */
    async start(quizId: string, consultantId: string): Promise<StartedAttempt | null> {
      const quiz = await store.getQuiz(quizId)
      if (!quiz || !quiz.active) return null
      const a = await store.insertQuizAttempt({ quizId, consultantId, startedAt: clock.now() })
      return {
        attemptId: a.id,
        quizId,
        startedAt: a.startedAt.toISOString(),
        questions: quiz.questions.map((q) => ({ id: q.id, position: q.position, text: q.text, kind: q.kind, options: q.options.map((o) => ({ id: o.id, text: o.text })) })),
      }
    },

    async finish(attemptId: string, consultantId: string, answers: Record<string, string[]>): Promise<FinishOutcome> {
      const attempt = await store.getQuizAttempt(attemptId)
      if (!attempt) return { ok: false, error: 'not_found' }
      if (attempt.consultantId !== consultantId) return { ok: false, error: 'forbidden' }
      if (attempt.finishedAt) return { ok: false, error: 'finished' }
      const quiz = await store.getQuiz(attempt.quizId)
      if (!quiz) return { ok: false, error: 'not_found' }
      // Scored against the questions as they are now: answers to questions replaced since the start count as wrong.
      const score = scoreAttempt(quiz.questions, answers, quiz.passPercent)
      const finishedAt = clock.now()
      const kept = Object.fromEntries(Object.entries(answers).filter(([id]) => quiz.questions.some((q) => q.id === id)))
      if (!(await store.finishQuizAttempt(attemptId, { finishedAt, scorePercent: score.scorePercent, passed: score.passed, answers: kept }))) {
        return { ok: false, error: 'finished' }
      }
      return {
        ok: true,
        result: {
          attemptId,
          quizId: quiz.id,
          scorePercent: score.scorePercent,
          passed: score.passed,
          startedAt: attempt.startedAt.toISOString(),
          finishedAt: finishedAt.toISOString(),
          durationSeconds: Math.max(0, Math.round((finishedAt.getTime() - attempt.startedAt.getTime()) / 1000)),
          questions: score.questions,
        },
      }
    },
  }
}
export type TakeQuiz = ReturnType<typeof createTakeQuiz>
