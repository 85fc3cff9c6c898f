// The subject of an answer by e-mail: "Re: " and the citizen's subject, without piling up "Re: Odp: AW:" prefixes
// from mail clients in several languages; a subject of our own when there is none (a web form, a new thread).
const PREFIX = /^\s*(((re|odp|aw|sv|vs|antw|fw|fwd|pd|przekaż)\s*(\[\d+\])?\s*:|\[\d+\])\s*)+/i
const MAX = 200

export function answerSubject(citizenSubject: string | null, fallback: string): string {
  const bare = (citizenSubject ?? '').replace(/[\r\n]+/g, ' ').replace(PREFIX, '').trim()
  return bare === '' ? fallback : `Re: ${bare}`.slice(0, MAX)
}
