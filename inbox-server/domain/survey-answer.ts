// A citizen's reply to "rate us from 1 to 5": the score and any words after it ("5 bardzo miła pani" → 5, comment).
const ANSWER = /^\s*([1-5])(?:\s*\/\s*5)?(?:[\s.,:;!-]+([\s\S]*))?$/

export function parseSurveyAnswer(text: string): { score: number; comment: string | null } | null {
  const m = ANSWER.exec(text)
  if (!m) return null
  const comment = (m[2] ?? '').trim()
  return { score: Number(m[1]), comment: comment === '' ? null : comment.slice(0, 1000) }
}
