// Unit tests for the quiz helpers: choosing answers, the finish body, the time taken and the editor's checks.
import { describe, expect, it } from 'vitest'
import { buildAnswers, chooseSingle, emptyQuestion, emptyQuiz, formatSeconds, quizBody, quizToDraft, toggleMultiple, unanswered, validateQuiz, type QuizDraft } from './quiz-form.ts'

describe('taking a quiz', () => {
  it('keeps one option for a radio and several for checkboxes', () => {
    let a = chooseSingle({}, 'q1', 'a')
    a = chooseSingle(a, 'q1', 'b')
    expect(a).toEqual({ q1: ['b'] })
    a = toggleMultiple(a, 'q2', 'a', true)
    a = toggleMultiple(a, 'q2', 'c', true)
    a = toggleMultiple(a, 'q2', 'a', false)
    expect(a).toEqual({ q1: ['b'], q2: ['c'] })
    expect(toggleMultiple(a, 'q2', 'c', true).q2).toEqual(['c'])
  })

  it('sends every question, the unanswered empty', () => {
    const qs = [{ id: 'q1' }, { id: 'q2' }, { id: 'q3' }]
    expect(buildAnswers(qs, { q1: ['a'], q3: ['b', 'c'], other: ['x'] })).toEqual({ answers: { q1: ['a'], q2: [], q3: ['b', 'c'] } })
    expect(unanswered(qs, { q1: ['a'], q2: [] })).toBe(2)
  })

  it('writes the time taken', () => {
    expect(formatSeconds(0)).toBe('0:00')
    expect(formatSeconds(75)).toBe('1:15')
    expect(formatSeconds(3700)).toBe('1:01:40')
  })
})

describe('the quiz editor', () => {
  const good = (): QuizDraft => ({
    ...emptyQuiz(),
    title: 'Zasiłki',
    category: 'Zasiłki',
    grantsSkill: 'zasilki',
    questions: [
      { text: 'Ile dni?', kind: 'single', explanation: '365 dni w 18 miesiącach.', options: [{ text: '365', correct: true }, { text: '30', correct: false }, { text: ' ', correct: false }] },
      { text: 'Które?', kind: 'multiple', explanation: '', options: [{ text: 'A', correct: true }, { text: 'B', correct: true }] },
    ],
  })

  it('accepts a complete quiz and builds its body with option ids a, b, c', () => {
    expect(validateQuiz(good())).toEqual([])
    const body = quizBody(good())
    expect(body.grantsSkill).toBe('zasilki')
    expect(body.questions[0]!.options).toEqual([{ id: 'a', text: '365', correct: true }, { id: 'b', text: '30', correct: false }])
    expect(quizBody({ ...good(), grantsSkill: ' ' }).grantsSkill).toBeNull()
  })

  it('names what is wrong', () => {
    const d = good()
    d.title = ''
    d.passPercent = 120
    d.validDays = 0
    d.grantsSkill = 'Zła umiejętność'
    d.questions[0]!.options[1]!.correct = true
    d.questions[1]!.options = d.questions[1]!.options.map((o) => ({ ...o, correct: false }))
    d.questions.push({ ...emptyQuestion(), options: [{ text: 'jedna', correct: true }] })
    expect(validateQuiz(d)).toEqual([
      { path: 'title', issue: 'required' },
      { path: 'passPercent', issue: 'passPercent' },
      { path: 'validDays', issue: 'validDays' },
      { path: 'grantsSkill', issue: 'skill' },
      { path: 'questions.0.options', issue: 'singleOne' },
      { path: 'questions.1.options', issue: 'multipleSome' },
      { path: 'questions.2.text', issue: 'required' },
      { path: 'questions.2.options', issue: 'tooFewOptions' },
    ])
    expect(validateQuiz({ ...good(), questions: [] })).toEqual([{ path: 'questions', issue: 'noQuestions' }])
  })

  it('reads a saved quiz back into a draft', () => {
    const draft = quizToDraft({
      id: '00000000-0000-4000-8000-000000000001', title: 'T', category: 'C', passPercent: 50, grantsSkill: null, validDays: 30, active: true, createdAt: '2026-01-01T00:00:00Z',
      questions: [{ id: '00000000-0000-4000-8000-000000000002', position: 0, text: 'Q', kind: 'single', explanation: 'E', options: [{ id: 'a', text: 'A', correct: true }, { id: 'b', text: 'B', correct: false }] }],
    })
    expect(draft).toMatchObject({ grantsSkill: '', passPercent: 50, questions: [{ text: 'Q', options: [{ text: 'A', correct: true }, { text: 'B', correct: false }] }] })
  })
})
