// Knowledge quizzes: a supervisor's questions on a knowledge-base category, consultants' attempts at them, and the
// routing skill a pass grants (held only while a pass is fresh: see docs/decisions.md, "Quiz-granted skills").
import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { skills } from './routing-rules.ts'
import { consultants } from './staff.ts'

export interface QuizOptionRow {
  id: string
  text: string
  correct: boolean
}

export const quizzes = pgTable(
  'quizzes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    /** A knowledge-base category (kb_articles.category; plain text there too). */
    category: text('category').notNull(),
    passPercent: integer('pass_percent').notNull().default(80),
    /** The routing skill a pass grants; null: none. */
    grantsSkill: text('grants_skill').references(() => skills.key, { onDelete: 'set null' }),
    /** How long a pass holds the skill. */
    validDays: integer('valid_days').notNull().default(365),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    check('quizzes_pass_percent_ck', sql`${t.passPercent} between 0 and 100`),
    check('quizzes_valid_days_ck', sql`${t.validDays} > 0`),
    index('quizzes_grants_skill_idx').on(t.grantsSkill),
  ],
)

export const quizQuestions = pgTable(
  'quiz_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    quizId: uuid('quiz_id')
      .notNull()
      .references(() => quizzes.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    /** 'single' (one correct option) or 'multiple' (exactly the set of correct options). */
    kind: text('kind').notNull(),
    options: jsonb('options').$type<QuizOptionRow[]>().notNull(),
    explanation: text('explanation').notNull().default(''),
  },
  (t) => [check('quiz_questions_kind_ck', sql`${t.kind} in ('single', 'multiple')`), index('quiz_questions_quiz_idx').on(t.quizId, t.position)],
)

export const quizAttempts = pgTable(
  'quiz_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    quizId: uuid('quiz_id')
      .notNull()
      .references(() => quizzes.id, { onDelete: 'cascade' }),
    consultantId: uuid('consultant_id')
      .notNull()
      .references(() => consultants.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Null while the attempt is open; set once. */
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    scorePercent: integer('score_percent'),
    passed: boolean('passed'),
    /** question id → chosen option ids. */
    answers: jsonb('answers').$type<Record<string, string[]>>(),
  },
  (t) => [
    index('quiz_attempts_quiz_idx').on(t.quizId, t.consultantId),
    // Routing reads a consultant's passes on every pass.
    index('quiz_attempts_passes_idx').on(t.consultantId, t.finishedAt).where(sql`${t.passed}`),
  ],
)
