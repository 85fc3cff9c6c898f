// Knowledge quizzes end to end: a supervisor writes a quiz that grants the `eures` skill; a consultant fails it,
// passes it, and only then is offered chats of the queue that needs the skill, until the pass expires (fake clock).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AttemptResult, Quiz, QuizResultRow, QuizSummary, StartedAttempt } from '../protocol/quizzes.ts'
import type { Conversation } from '../protocol/rest.ts'
import { addConsultant } from '../inbox-server/app/add-consultant.ts'
import { createFakeClock } from './support/fake-clock.ts'
import { startTestHub, type TestHub } from './support/test-hub.ts'
import type { Frame } from './support/test-socket.ts'

const DAY = 86_400_000
const clock = createFakeClock()
let t: TestHub
let admin: string
beforeAll(async () => {
  t = await startTestHub({ clock })
  admin = await t.login()
})
afterAll(() => t?.close())

async function call<T>(path: string, token: string, method = 'GET', json?: unknown): Promise<{ status: number; body: T }> {
  const r = await t.api(path, { method, token, ...(json === undefined ? {} : { json }) })
  return { status: r.status, body: (await r.json()) as T }
}
const conversation = async (id: string) => (await call<Conversation>(`/api/conversations/${id}`, admin)).body
const offerOf = (conversationId: string) => (f: Frame) => f.type === 'offer' && f.conversationId === conversationId

const questions = [
  {
    text: 'Gdzie szuka pracy za granicą osoba bezrobotna?',
    kind: 'single',
    options: [
      { id: 'a', text: 'Tylko w agencjach prywatnych', correct: false },
      { id: 'b', text: 'W sieci EURES, przez doradcę w urzędzie pracy', correct: true },
    ],
    explanation: 'Doradca EURES w urzędzie pracy pomaga w wyszukaniu ofert w UE/EOG.',
  },
  {
    text: 'Które dokumenty potwierdzają okresy pracy w UE?',
    kind: 'multiple',
    options: [
      { id: 'u1', text: 'Formularz U1', correct: true },
      { id: 'pit', text: 'PIT-37', correct: false },
      { id: 'pd', text: 'Dokument PD U1 wydany przez instytucję zagraniczną', correct: true },
    ],
    explanation: 'U1 (PD U1) potwierdza okresy ubezpieczenia; PIT nie.',
  },
]

async function signIn(email: string, password: string) {
  const { token } = (await (await t.api('/api/auth/login', { method: 'POST', json: { email, password } })).json()) as { token: string }
  const socket = await t.staff(token)
  return { token, socket }
}

describe('knowledge quizzes', () => {
  it('documents its routes in the OpenAPI document', async () => {
    const doc = (await (await t.api('/api/openapi.json')).json()) as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/admin/quizzes', '/api/admin/quizzes/{id}', '/api/admin/quiz-results', '/api/quizzes', '/api/quizzes/{id}/attempts', '/api/quiz-attempts/{id}']))
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Quiz', 'QuizCreate', 'AttemptResult', 'FinishAttemptBody']))
  })

  it('lets supervisors write quizzes and refuses consultants', async () => {
    const sup = await addConsultant(t.hub.store, { email: 'sup.quiz@example.pl', name: 'Kierowniczka', password: 'haslo-kierownika-1', role: 'supervisor' })
    if (!sup.ok) throw new Error(sup.message)
    const { token: supervisor, socket } = await signIn('sup.quiz@example.pl', 'haslo-kierownika-1')
    await socket.close()
    const created = await call<Quiz>('/api/admin/quizzes', supervisor, 'POST', { title: 'Rejestracja', category: 'Rejestracja', questions })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ passPercent: 80, validDays: 365, grantsSkill: null, active: true })
    expect(created.body.questions.map((q) => q.position)).toEqual([1, 2])
    const patched = await call<Quiz>(`/api/admin/quizzes/${created.body.id}`, supervisor, 'PATCH', { active: false, questions: [questions[0]] })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ active: false, questions: [{ text: questions[0]!.text }] })

    const ewa = await t.consultant('ewa.quiz@example.pl')
    await ewa.socket.close()
    expect((await call('/api/admin/quizzes', ewa.token, 'POST', { title: 'X', category: 'Y', questions })).status).toBe(403)
    expect((await call('/api/admin/quizzes', ewa.token)).status).toBe(403)
    expect((await call(`/api/admin/quizzes/${created.body.id}`, ewa.token, 'PATCH', { active: true })).status).toBe(403)
    expect((await call(`/api/admin/quiz-results?quizId=${created.body.id}`, ewa.token)).status).toBe(403)
    // A single-choice question needs exactly one correct option; a skill must exist.
    const bad = await call('/api/admin/quizzes', admin, 'POST', { title: 'Zły', category: 'Y', questions: [{ ...questions[0], options: questions[1]!.options, kind: 'single' }] })
    expect(bad.status).toBe(400)
    expect((await call('/api/admin/quizzes', admin, 'POST', { title: 'Bez umiejętności', category: 'Y', grantsSkill: 'nie-ma', questions })).status).toBe(404)
    // Inactive quizzes are not listed to consultants and cannot be started.
    expect((await call<{ items: QuizSummary[] }>('/api/quizzes', ewa.token)).body.items.map((q) => q.id)).not.toContain(created.body.id)
    expect((await call(`/api/quizzes/${created.body.id}/attempts`, ewa.token, 'POST')).status).toBe(404)
  })

  it('opens the queue that needs the skill only after a pass, and closes it when the pass expires', async () => {
    expect((await call('/api/admin/skills', admin, 'POST', { key: 'eures', name: 'EURES' })).status).toBe(201)
    const { defaultQueueId } = await t.hub.store.ensureDefaults()
    expect((await call(`/api/admin/queues/${defaultQueueId}`, admin, 'PATCH', { requiredSkills: ['eures'] })).status).toBe(200)
    const quiz = (await call<Quiz>('/api/admin/quizzes', admin, 'POST', { title: 'Praca za granicą', category: 'EURES', grantsSkill: 'eures', questions })).body

    const marta = await t.consultant('marta.quiz@example.pl')
    // An administrator ticked the skill by hand: a quiz-granted skill is held only through a valid pass anyway.
    await t.hub.store.setRoutingProfile(marta.id, { skills: ['eures'] })
    await marta.socket.request({ type: 'presence', state: 'available' }, (f) => f.type === 'presence' && f.consultantId === marta.id)

    const first = await t.newChat('Chcę pracować w Niemczech')
    await t.hub.routeNow()
    expect(await conversation(first)).toMatchObject({ status: 'queued', assigneeId: null })

    // The list shows the quiz without its answers.
    const listed = await call<{ items: QuizSummary[] }>('/api/quizzes', marta.token)
    expect(listed.body.items).toEqual([expect.objectContaining({ id: quiz.id, grantsSkill: 'eures', questionCount: 2, lastPassedAt: null })])
    expect(JSON.stringify(listed.body)).not.toContain('correct')

    // A failed attempt: one of two right is 50 %, under 80 %.
    const one = await call<StartedAttempt>(`/api/quizzes/${quiz.id}/attempts`, marta.token, 'POST')
    expect(one.status).toBe(201)
    expect(JSON.stringify(one.body)).not.toContain('correct')
    expect(JSON.stringify(one.body)).not.toContain('explanation')
    const [q1, q2] = one.body.questions
    const failed = await call<AttemptResult>(`/api/quiz-attempts/${one.body.attemptId}`, marta.token, 'POST', { answers: { [q1!.id]: ['b'], [q2!.id]: ['u1'] } })
    expect(failed.status).toBe(200)
    expect(failed.body).toMatchObject({ scorePercent: 50, passed: false })
    expect(failed.body.questions).toEqual([
      { questionId: q1!.id, correct: true, correctOptionIds: ['b'], explanation: questions[0]!.explanation },
      { questionId: q2!.id, correct: false, correctOptionIds: ['u1', 'pd'], explanation: questions[1]!.explanation },
    ])
    // Finished once; by its owner only.
    expect((await call(`/api/quiz-attempts/${one.body.attemptId}`, marta.token, 'POST', { answers: {} })).status).toBe(409)
    await t.hub.routeNow()
    expect((await conversation(first)).status).toBe('queued')

    const two = await call<StartedAttempt>(`/api/quizzes/${quiz.id}/attempts`, marta.token, 'POST')
    const other = await t.consultant('piotr.quiz@example.pl')
    await other.socket.close()
    expect((await call(`/api/quiz-attempts/${two.body.attemptId}`, other.token, 'POST', { answers: {} })).status).toBe(403)
    clock.advance(95_000)
    const from = marta.socket.frames.length
    const passed = await call<AttemptResult>(`/api/quiz-attempts/${two.body.attemptId}`, marta.token, 'POST', { answers: { [q1!.id]: ['b'], [q2!.id]: ['pd', 'u1'] } })
    expect(passed.body).toMatchObject({ scorePercent: 100, passed: true, durationSeconds: 95 })

    // The next routing pass offers her the waiting chat.
    await t.hub.routeNow()
    await marta.socket.next(offerOf(first), from)
    marta.socket.send({ type: 'accept', conversationId: first })
    await expect.poll(async () => (await conversation(first)).status).toBe('assigned')
    expect((await conversation(first)).assigneeId).toBe(marta.id)

    const results = await call<{ items: QuizResultRow[] }>(`/api/admin/quiz-results?quizId=${quiz.id}`, admin)
    expect(results.body.items).toEqual([
      { consultantId: marta.id, consultantName: 'marta.quiz', attempts: 2, bestScorePercent: 100, lastPassedAt: passed.body.finishedAt, valid: true },
    ])

    // A year and a day later the pass has expired: a new chat in the queue waits.
    await marta.socket.close()
    clock.advance(366 * DAY)
    // Sessions have run out too: everyone signs in again.
    admin = await t.login()
    const again = await signIn('marta.quiz@example.pl', 'haslo-konsultanta-1')
    await again.socket.request({ type: 'presence', state: 'available' }, (f) => f.type === 'presence' && f.consultantId === marta.id && f.state === 'available')
    const later = await t.newChat('Czy mogę pobierać zasiłek w Irlandii?')
    await t.hub.routeNow()
    expect(await conversation(later)).toMatchObject({ status: 'queued', assigneeId: null })
    expect((await call<{ items: QuizResultRow[] }>(`/api/admin/quiz-results?quizId=${quiz.id}`, admin)).body.items[0]).toMatchObject({ valid: false })

    // Passing again opens the queue again (she was available all along).
    const three = await call<StartedAttempt>(`/api/quizzes/${quiz.id}/attempts`, again.token, 'POST')
    const from2 = again.socket.frames.length
    const renewed = await call<AttemptResult>(`/api/quiz-attempts/${three.body.attemptId}`, again.token, 'POST', { answers: { [q1!.id]: ['b'], [q2!.id]: ['u1', 'pd'] } })
    expect(renewed.body.passed).toBe(true)
    await t.hub.routeNow()
    await again.socket.next(offerOf(later), from2)
    await again.socket.close()
  })
})
