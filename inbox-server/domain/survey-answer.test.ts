import { describe, expect, it } from 'vitest'
import { parseSurveyAnswer } from './survey-answer.ts'

describe('survey answers', () => {
  it('takes a digit from 1 to 5 and the words after it', () => {
    expect(parseSurveyAnswer('5')).toEqual({ score: 5, comment: null })
    expect(parseSurveyAnswer(' 4/5 ')).toEqual({ score: 4, comment: null })
    expect(parseSurveyAnswer('3, długo czekałem')).toEqual({ score: 3, comment: 'długo czekałem' })
  })
  it('leaves anything else to be a message', () => {
    expect(parseSurveyAnswer('6')).toBeNull()
    expect(parseSurveyAnswer('12')).toBeNull()
    expect(parseSurveyAnswer('Dzień dobry, mam pytanie')).toBeNull()
    expect(parseSurveyAnswer('0')).toBeNull()
  })
})
