// The quizzes page's pure parts: the answers a consultant chose (question id → option ids), the supervisors' quiz
// editor as a draft with its checks before saving, and the draft turned into the hub's request body.
import type { Quiz, QuizCreate, QuizQuestionToTake } from '$protocol/quizzes.ts'

export type Answers = Record<string, string[]>

/** A radio: the one chosen option. */
export function chooseSingle(answers: Answers, questionId: string, optionId: string): Answers {
  return { ...answers, [questionId]: [optionId] }
}

/** A checkbox: adds or removes the option, keeping the others. */
export function toggleMultiple(answers: Answers, questionId: string, optionId: string, checked: boolean): Answers {
  const now = (answers[questionId] ?? []).filter((id) => id !== optionId)
  return { ...answers, [questionId]: checked ? [...now, optionId] : now }
}

/** The body of "finish the attempt": every question, an unanswered one with no options. */
export function buildAnswers(questions: Pick<QuizQuestionToTake, 'id'>[], answers: Answers): { answers: Answers } {
  return { answers: Object.fromEntries(questions.map((q) => [q.id, [...(answers[q.id] ?? [])]])) }
}

export function unanswered(questions: Pick<QuizQuestionToTake, 'id'>[], answers: Answers): number {
  return questions.filter((q) => (answers[q.id] ?? []).length === 0).length
}

/** 75 → "1:15", 3700 → "1:01:40". */
export function formatSeconds(total: number): string {
  const s = Math.max(0, Math.round(total))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`
}

export interface OptionDraft {
  text: string
  correct: boolean
}
export interface QuestionDraft {
  text: string
  kind: 'single' | 'multiple'
  explanation: string
  options: OptionDraft[]
}
export interface QuizDraft {
  title: string
  category: string
  passPercent: number
  /** A routing skill key, or empty for none. */
  grantsSkill: string
  validDays: number
  active: boolean
  questions: QuestionDraft[]
}

export function emptyQuestion(): QuestionDraft {
  return { text: '', kind: 'single', explanation: '', options: [{ text: '', correct: true }, { text: '', correct: false }] }
}

export function emptyQuiz(): QuizDraft {
  return { title: '', category: '', passPercent: 80, grantsSkill: '', validDays: 365, active: true, questions: [emptyQuestion()] }
}

export function quizToDraft(quiz: Quiz): QuizDraft {
  return {
    title: quiz.title,
    category: quiz.category,
    passPercent: quiz.passPercent,
    grantsSkill: quiz.grantsSkill ?? '',
    validDays: quiz.validDays,
    active: quiz.active,
    questions: quiz.questions.map((q) => ({ text: q.text, kind: q.kind, explanation: q.explanation, options: q.options.map((o) => ({ text: o.text, correct: o.correct })) })),
  }
}

export type QuizIssue =
  | 'required'
  | 'passPercent'
  | 'validDays'
  | 'skill'
  | 'noQuestions'
  | 'tooFewOptions'
  | 'tooManyOptions'
  | 'singleOne'
  | 'multipleSome'

/** What stops the draft from saving, each with the body path it belongs to (`questions.0.options`). */
export function validateQuiz(d: QuizDraft): { path: string; issue: QuizIssue }[] {
  const out: { path: string; issue: QuizIssue }[] = []
  if (!d.title.trim()) out.push({ path: 'title', issue: 'required' })
  if (!d.category.trim()) out.push({ path: 'category', issue: 'required' })
  if (!Number.isInteger(d.passPercent) || d.passPercent < 0 || d.passPercent > 100) out.push({ path: 'passPercent', issue: 'passPercent' })
  if (!Number.isInteger(d.validDays) || d.validDays < 1 || d.validDays > 3650) out.push({ path: 'validDays', issue: 'validDays' })
  if (d.grantsSkill.trim() && !/^[a-z0-9-]{1,40}$/.test(d.grantsSkill.trim())) out.push({ path: 'grantsSkill', issue: 'skill' })
  if (d.questions.length === 0) out.push({ path: 'questions', issue: 'noQuestions' })
  d.questions.forEach((q, i) => {
    if (!q.text.trim()) out.push({ path: `questions.${i}.text`, issue: 'required' })
    const filled = q.options.filter((o) => o.text.trim())
    if (filled.length < 2) out.push({ path: `questions.${i}.options`, issue: 'tooFewOptions' })
    else if (filled.length > 10) out.push({ path: `questions.${i}.options`, issue: 'tooManyOptions' })
    else {
      const correct = filled.filter((o) => o.correct).length
      if (q.kind === 'single' && correct !== 1) out.push({ path: `questions.${i}.options`, issue: 'singleOne' })
      if (q.kind === 'multiple' && correct < 1) out.push({ path: `questions.${i}.options`, issue: 'multipleSome' })
    }
  })
  return out
}

/** The option ids the hub stores: a, b, c… in order (the questions are replaced as a whole on each save). */
export function optionIdAt(index: number): string {
  return String.fromCharCode(97 + index)
}

/** The draft as `POST /api/admin/quizzes` (or the PATCH) takes it; options left empty are dropped. */
export function quizBody(d: QuizDraft): QuizCreate {
  return {
    title: d.title.trim(),
    category: d.category.trim(),
    passPercent: d.passPercent,
    grantsSkill: d.grantsSkill.trim() || null,
    validDays: d.validDays,
    active: d.active,
    questions: d.questions.map((q) => ({
      text: q.text.trim(),
      kind: q.kind,
      explanation: q.explanation.trim(),
      options: q.options.filter((o) => o.text.trim()).map((o, i) => ({ id: optionIdAt(i), text: o.text.trim(), correct: o.correct })),
    })),
  }
}
