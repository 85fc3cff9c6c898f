import { describe, expect, it } from 'vitest'
import { scoreAttempt, type ScoredQuestion } from './score-attempt.ts'

const single: ScoredQuestion = {
  id: 'q1',
  kind: 'single',
  options: [
    { id: 'a', correct: false },
    { id: 'b', correct: true },
  ],
  explanation: 'B, bo tak stanowi ustawa.',
}
const multiple: ScoredQuestion = {
  id: 'q2',
  kind: 'multiple',
  options: [
    { id: 'a', correct: true },
    { id: 'b', correct: false },
    { id: 'c', correct: true },
  ],
  explanation: 'A i C.',
}

describe('scoreAttempt', () => {
  it('gives full marks for the correct option and exactly the correct set', () => {
    const r = scoreAttempt([single, multiple], { q1: ['b'], q2: ['c', 'a'] }, 80)
    expect(r).toEqual({
      scorePercent: 100,
      passed: true,
      questions: [
        { questionId: 'q1', correct: true, correctOptionIds: ['b'], explanation: 'B, bo tak stanowi ustawa.' },
        { questionId: 'q2', correct: true, correctOptionIds: ['a', 'c'], explanation: 'A i C.' },
      ],
    })
  })

  it('counts a subset, a superset or a wrong single choice as wrong, each question weighing the same', () => {
    expect(scoreAttempt([single, multiple], { q1: ['b'], q2: ['a'] }, 80)).toMatchObject({ scorePercent: 50, passed: false })
    expect(scoreAttempt([single, multiple], { q1: ['b'], q2: ['a', 'b', 'c'] }, 50)).toMatchObject({ scorePercent: 50, passed: true })
    expect(scoreAttempt([single, multiple], { q1: ['a'], q2: ['a', 'c'] }, 50).questions.map((q) => q.correct)).toEqual([false, true])
    // Two options on a single-choice question are wrong even when one of them is right.
    expect(scoreAttempt([single], { q1: ['a', 'b'] }, 0).questions[0]!.correct).toBe(false)
  })

  it('counts unanswered questions as wrong, rounds down, and never passes an empty quiz', () => {
    const three = [single, multiple, { ...single, id: 'q3' }]
    expect(scoreAttempt(three, { q1: ['b'], q3: ['b'] }, 67)).toMatchObject({ scorePercent: 66, passed: false })
    expect(scoreAttempt(three, {}, 0)).toMatchObject({ scorePercent: 0, passed: true })
    expect(scoreAttempt([], {}, 0)).toMatchObject({ scorePercent: 0, passed: false })
  })
})
