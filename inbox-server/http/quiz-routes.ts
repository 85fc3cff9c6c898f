// REST for knowledge quizzes: administrators and supervisors write them and read results under /api/admin/…;
// every staff member lists the active ones, starts attempts and finishes their own.
import { Hono, type Context } from 'hono'
import type { z } from 'zod'
import { Id } from '../../protocol/rest.ts'
import { FinishAttemptBody, QuizCreate, QuizPatch, QuizResultsQuery } from '../../protocol/quizzes.ts'
import type { WriteResult } from '../app/admin-ports.ts'
import type { Clock, Store } from '../app/ports.ts'
import type { TakeQuiz } from '../app/take-quiz.ts'
import { apiError } from './api-error.ts'
import { readJson, validate } from './request-body.ts'
import type { StaffEnv } from './staff-auth-middleware.ts'

type C = Context<StaffEnv>

export function quizRoutes(deps: { store: Store; clock: Clock; takeQuiz: TakeQuiz }) {
  const app = new Hono<StaffEnv>()
  const { store, takeQuiz } = deps

  app.use('/admin/quizzes', writers)
  app.use('/admin/quizzes/*', writers)
  app.use('/admin/quiz-results', writers)
  async function writers(c: C, next: () => Promise<void>) {
    const role = c.get('consultant').role
    if (role === 'admin' || role === 'supervisor') return next()
    return apiError(c, 'forbidden', 'Quizzes are written and their results read by administrators and supervisors')
  }

  function answer<T>(c: C, r: WriteResult<T>, created = false) {
    if (r.ok) return c.json(r.value as object, created ? 201 : 200)
    return apiError(c, 'not_found', 'No such quiz, or the skill it grants does not exist')
  }
  async function withBody<S extends z.ZodType>(c: C, schema: S, fn: (v: z.infer<S>) => Promise<Response>) {
    const b = await readJson(c, schema)
    return b.ok ? fn(b.value) : apiError(c, b.code, b.message, b.details)
  }
  const idOf = (c: C) => (Id.safeParse(c.req.param('id')).success ? c.req.param('id')! : null)

  app.get('/admin/quizzes', async (c) => c.json({ items: await store.listQuizzes() }))
  app.post('/admin/quizzes', (c) => withBody(c, QuizCreate, async (v) => answer(c, await store.insertQuiz(v), true)))
  app.patch('/admin/quizzes/:id', (c) => {
    const id = idOf(c)
    return id ? withBody(c, QuizPatch, async (v) => answer(c, await store.patchQuiz(id, v))) : apiError(c, 'not_found', 'No such quiz')
  })
  app.get('/admin/quiz-results', async (c) => {
    const q = validate(QuizResultsQuery, c.req.query())
    if (!q.ok) return apiError(c, q.code, q.message, q.details)
    if (!(await store.getQuiz(q.value.quizId))) return apiError(c, 'not_found', 'No such quiz')
    return c.json({ items: await store.quizResults(q.value.quizId, deps.clock.now()) })
  })

  app.get('/quizzes', async (c) => c.json({ items: await store.listActiveQuizzes(c.get('consultant').id) }))
  app.post('/quizzes/:id/attempts', async (c) => {
    const id = idOf(c)
    const started = id ? await takeQuiz.start(id, c.get('consultant').id) : null
    return started ? c.json(started, 201) : apiError(c, 'not_found', 'No such active quiz')
  })
  app.post('/quiz-attempts/:id', (c) => {
    const id = idOf(c)
    if (!id) return apiError(c, 'not_found', 'No such attempt')
    return withBody(c, FinishAttemptBody, async (v) => {
      const r = await takeQuiz.finish(id, c.get('consultant').id, v.answers)
      if (r.ok) return c.json(r.result, 200)
      if (r.error === 'forbidden') return apiError(c, 'forbidden', 'An attempt is finished by the consultant who started it')
      if (r.error === 'finished') return apiError(c, 'conflict', 'This attempt is finished already')
      return apiError(c, 'not_found', 'No such attempt')
    })
  })
  return app
}
