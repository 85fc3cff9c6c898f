// Scores a quiz attempt: each question weighs the same; a single-choice question is right when the one correct
// option is chosen, a multiple-choice one when exactly the set of correct options is chosen.

export interface ScoredQuestion {
  id: string
  kind: 'single' | 'multiple'
  options: readonly { id: string; correct: boolean }[]
  explanation: string
}

export interface QuestionResult {
  questionId: string
  correct: boolean
  /** The ids of the correct options (shown after the attempt, with the explanation). */
  correctOptionIds: string[]
  explanation: string
}

export interface AttemptScore {
  /** 0–100, rounded down (a pass is never rounded into being). */
  scorePercent: number
  passed: boolean
  questions: QuestionResult[]
}

/** `answers`: question id → chosen option ids (a question left out counts as wrong). */
export function scoreAttempt(questions: readonly ScoredQuestion[], answers: Readonly<Record<string, readonly string[]>>, passPercent: number): AttemptScore {
  const results = questions.map((q): QuestionResult => {
    const chosen = new Set(answers[q.id] ?? [])
    const right = q.options.filter((o) => o.correct).map((o) => o.id)
    const correct =
      q.kind === 'single'
        ? right.length === 1 && chosen.size === 1 && chosen.has(right[0]!)
        : right.length > 0 && chosen.size === right.length && right.every((id) => chosen.has(id))
    return { questionId: q.id, correct, correctOptionIds: right, explanation: q.explanation }
  })
  const good = results.filter((r) => r.correct).length
  const scorePercent = questions.length === 0 ? 0 : Math.floor((good * 100) / questions.length)
  return { scorePercent, passed: questions.length > 0 && scorePercent >= passPercent, questions: results }
}
