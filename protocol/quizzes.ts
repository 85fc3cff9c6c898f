// REST shapes of knowledge quizzes: supervisors write them (questions with options and an explanation), consultants
// take them (never seeing which options are correct until they finish), and a pass may grant a routing skill.
import { z } from 'zod'

const Id = z.uuid()
const optionId = z.string().regex(/^[a-z0-9_-]{1,20}$/, 'lower-case letters, digits, _ and - (1–20)')

export const QuizOption = z.object({ id: optionId, text: z.string().trim().min(1).max(500), correct: z.boolean() })
export type QuizOption = z.infer<typeof QuizOption>

export const QuizQuestionInput = z
  .object({
    text: z.string().trim().min(1).max(2000),
    kind: z.enum(['single', 'multiple']),
    options: z.array(QuizOption).min(2).max(10),
    explanation: z.string().trim().max(2000).default(''),
  })
  .superRefine((q, ctx) => {
    const correct = q.options.filter((o) => o.correct).length
    if (new Set(q.options.map((o) => o.id)).size !== q.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'option ids must differ' })
    if (q.kind === 'single' && correct !== 1) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a single-choice question has exactly one correct option' })
    if (q.kind === 'multiple' && correct < 1) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a multiple-choice question has at least one correct option' })
  })
export type QuizQuestionInput = z.infer<typeof QuizQuestionInput>

export const QuizQuestion = z.object({
  id: Id,
  position: z.int(),
  text: z.string(),
  kind: z.enum(['single', 'multiple']),
  options: z.array(QuizOption),
  explanation: z.string(),
})
export type QuizQuestion = z.infer<typeof QuizQuestion>

const skillKey = z.string().regex(/^[a-z0-9-]{1,40}$/)

/** A quiz as its writers see it: with the correct options. */
export const Quiz = z.object({
  id: Id,
  title: z.string(),
  category: z.string(),
  passPercent: z.int().min(0).max(100),
  grantsSkill: skillKey.nullable(),
  validDays: z.int().min(1),
  active: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
  questions: z.array(QuizQuestion),
})
export type Quiz = z.infer<typeof Quiz>

export const QuizCreate = z.object({
  title: z.string().trim().min(1).max(200),
  /** A knowledge-base category. */
  category: z.string().trim().min(1).max(80),
  passPercent: z.int().min(0).max(100).default(80),
  grantsSkill: skillKey.nullable().default(null),
  validDays: z.int().min(1).max(3650).default(365),
  active: z.boolean().default(true),
  questions: z.array(QuizQuestionInput).min(1).max(100),
})
export type QuizCreate = z.infer<typeof QuizCreate>

/** Any of the fields; `questions`, when given, replaces all of them. */
export const QuizPatch = z.object({
  title: z.string().trim().min(1).max(200),
  category: z.string().trim().min(1).max(80),
  passPercent: z.int().min(0).max(100),
  grantsSkill: skillKey.nullable(),
  validDays: z.int().min(1).max(3650),
  active: z.boolean(),
  questions: z.array(QuizQuestionInput).min(1).max(100),
}).partial()
export type QuizPatch = z.infer<typeof QuizPatch>

/** A question as a consultant taking the quiz sees it: no correct flags, no explanation. */
export const QuizQuestionToTake = z.object({
  id: Id,
  position: z.int(),
  text: z.string(),
  kind: z.enum(['single', 'multiple']),
  options: z.array(z.object({ id: z.string(), text: z.string() })),
})
export type QuizQuestionToTake = z.infer<typeof QuizQuestionToTake>

/** An active quiz in a consultant's list. */
export const QuizSummary = z.object({
  id: Id,
  title: z.string(),
  category: z.string(),
  passPercent: z.int(),
  grantsSkill: z.string().nullable(),
  validDays: z.int(),
  questionCount: z.int(),
  /** This consultant's last pass (finished at), if any. */
  lastPassedAt: z.iso.datetime({ offset: true }).nullable(),
})
export type QuizSummary = z.infer<typeof QuizSummary>

export const StartedAttempt = z.object({
  attemptId: Id,
  quizId: Id,
  startedAt: z.iso.datetime({ offset: true }),
  questions: z.array(QuizQuestionToTake),
})
export type StartedAttempt = z.infer<typeof StartedAttempt>

/** question id → chosen option ids. */
export const FinishAttemptBody = z.object({ answers: z.record(Id, z.array(optionId).max(10)) })
export type FinishAttemptBody = z.infer<typeof FinishAttemptBody>

export const AttemptResult = z.object({
  attemptId: Id,
  quizId: Id,
  scorePercent: z.int(),
  passed: z.boolean(),
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }),
  /** finishedAt − startedAt. */
  durationSeconds: z.int(),
  questions: z.array(z.object({ questionId: Id, correct: z.boolean(), correctOptionIds: z.array(z.string()), explanation: z.string() })),
})
export type AttemptResult = z.infer<typeof AttemptResult>

export const QuizResultsQuery = z.object({ quizId: Id })

/** Per consultant who attempted the quiz. */
export const QuizResultRow = z.object({
  consultantId: Id,
  consultantName: z.string(),
  /** Finished attempts. */
  attempts: z.int(),
  bestScorePercent: z.int().nullable(),
  lastPassedAt: z.iso.datetime({ offset: true }).nullable(),
  /** The last pass still holds the quiz's skill (within its valid days). */
  valid: z.boolean(),
})
export type QuizResultRow = z.infer<typeof QuizResultRow>
