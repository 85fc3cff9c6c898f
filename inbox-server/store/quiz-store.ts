// The QuizStore port over drizzle: quizzes with their questions (replaced as a whole on edit), attempts and results.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { consultants, quizAttempts, quizQuestions, quizzes } from '../../db/schema.ts'
import type { Quiz, QuizQuestionInput, QuizResultRow } from '../../protocol/quizzes.ts'
import type { QuizAttemptRecord, QuizStore } from '../app/quiz-ports.ts'
import { guarded } from './write-guard.ts'

type QuizRow = typeof quizzes.$inferSelect
type QuestionRow = typeof quizQuestions.$inferSelect

const toQuiz = (q: QuizRow, questions: QuestionRow[]): Quiz => ({
  id: q.id,
  title: q.title,
  category: q.category,
  passPercent: q.passPercent,
  grantsSkill: q.grantsSkill,
  validDays: q.validDays,
  active: q.active,
  createdAt: q.createdAt.toISOString(),
  questions: questions
    .filter((x) => x.quizId === q.id)
    .sort((a, b) => a.position - b.position)
    .map((x) => ({ id: x.id, position: x.position, text: x.text, kind: x.kind as 'single' | 'multiple', options: x.options, explanation: x.explanation })),
})
const toAttempt = (r: typeof quizAttempts.$inferSelect): QuizAttemptRecord => ({
  id: r.id,
  quizId: r.quizId,
  consultantId: r.consultantId,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
})
const questionRows = (quizId: string, qs: readonly QuizQuestionInput[]) =>
  qs.map((q, i) => ({ quizId, position: i + 1, text: q.text, kind: q.kind, options: q.options, explanation: q.explanation }))

export function createQuizStore(db: Db): QuizStore {
  async function withQuestions(rows: QuizRow[]): Promise<Quiz[]> {
    if (rows.length === 0) return []
    const qs = await db.select().from(quizQuestions).where(inArray(quizQuestions.quizId, rows.map((r) => r.id)))
    return rows.map((r) => toQuiz(r, qs))
  }
  async function getQuiz(id: string) {
    const [row] = await db.select().from(quizzes).where(eq(quizzes.id, id))
    return row ? ((await withQuestions([row]))[0] ?? null) : null
  }
  return {
    async listQuizzes() {
      return withQuestions(await db.select().from(quizzes).orderBy(desc(quizzes.createdAt), asc(quizzes.id)))
    },
    getQuiz,
    insertQuiz: (q) =>
      guarded(async () => {
        const id = await db.transaction(async (tx) => {
          const { questions, ...fields } = q
          const [row] = await tx.insert(quizzes).values(fields).returning({ id: quizzes.id })
          await tx.insert(quizQuestions).values(questionRows(row!.id, questions))
          return row!.id
        })
        return getQuiz(id)
      }),
    patchQuiz: (id, p) =>
      guarded(async () => {
        const found = await db.transaction(async (tx) => {
          const { questions, ...fields } = p
          const [row] = Object.keys(fields).length
            ? await tx.update(quizzes).set(fields).where(eq(quizzes.id, id)).returning({ id: quizzes.id })
            : await tx.select({ id: quizzes.id }).from(quizzes).where(eq(quizzes.id, id))
          if (!row) return false
          if (questions) {
            await tx.delete(quizQuestions).where(eq(quizQuestions.quizId, id))
            await tx.insert(quizQuestions).values(questionRows(id, questions))
          }
          return true
        })
        return found ? getQuiz(id) : null
      }),
    async listActiveQuizzes(consultantId) {
      // Correlated subqueries name the outer table literally (drizzle leaves columns unqualified in a select list).
      const rows = await db
        .select({
          id: quizzes.id,
          title: quizzes.title,
          category: quizzes.category,
          passPercent: quizzes.passPercent,
          grantsSkill: quizzes.grantsSkill,
          validDays: quizzes.validDays,
          questionCount: sql<number>`(select count(*)::int from quiz_questions qq where qq.quiz_id = "quizzes"."id")`,
          lastPassedAt: sql<string | null>`(select max(a.finished_at) from ${quizAttempts} a where a.quiz_id = "quizzes"."id" and a.consultant_id = ${consultantId} and a.passed)`,
        })
        .from(quizzes)
        .where(eq(quizzes.active, true))
        .orderBy(asc(quizzes.category), asc(quizzes.title))
      return rows.map((r) => ({ ...r, questionCount: Number(r.questionCount), lastPassedAt: r.lastPassedAt === null ? null : new Date(r.lastPassedAt).toISOString() }))
    },
    async insertQuizAttempt(a) {
      const [row] = await db.insert(quizAttempts).values(a).returning()
      return toAttempt(row!)
    },
    async getQuizAttempt(id) {
      const [row] = await db.select().from(quizAttempts).where(eq(quizAttempts.id, id))
      return row ? toAttempt(row) : null
    },
    async finishQuizAttempt(id, r) {
      const done = await db
        .update(quizAttempts)
        .set(r)
        .where(and(eq(quizAttempts.id, id), isNull(quizAttempts.finishedAt)))
        .returning({ id: quizAttempts.id })
      return done.length > 0
    },
    async quizResults(quizId, now) {
      const rows = await db
        .select({
          consultantId: quizAttempts.consultantId,
          consultantName: consultants.name,
          attempts: sql<number>`count(*)::int`,
          best: sql<number | null>`max(${quizAttempts.scorePercent})`,
          lastPassedAt: sql<string | null>`max(${quizAttempts.finishedAt}) filter (where ${quizAttempts.passed})`,
          valid: sql<boolean>`coalesce(bool_or(${quizAttempts.passed} and ${quizAttempts.finishedAt} > ${now.toISOString()}::timestamptz - make_interval(days => ${quizzes.validDays})), false)`,
        })
        .from(quizAttempts)
        .innerJoin(consultants, eq(consultants.id, quizAttempts.consultantId))
        .innerJoin(quizzes, eq(quizzes.id, quizAttempts.quizId))
        .where(and(eq(quizAttempts.quizId, quizId), sql`${quizAttempts.finishedAt} is not null`))
        .groupBy(quizAttempts.consultantId, consultants.name, quizzes.validDays)
        .orderBy(asc(consultants.name))
      return rows.map(
        (r): QuizResultRow => ({
          consultantId: r.consultantId,
          consultantName: r.consultantName,
          attempts: Number(r.attempts),
          bestScorePercent: r.best === null ? null : Number(r.best),
          lastPassedAt: r.lastPassedAt === null ? null : new Date(r.lastPassedAt).toISOString(),
          valid: Boolean(r.valid),
        }),
      )
    },
  }
}
