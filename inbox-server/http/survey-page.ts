// The page behind an e-mail survey's rating links (no sign-in: the link's token is the key). Opening a link only
// shows the chosen score with a comment box and a button; the rating is recorded when the citizen confirms it,
// so mail scanners that open every link rate nothing. Polish first, with English below.
import { Hono, type Context } from 'hono'
import type { AskSurvey } from '../app/ask-survey.ts'

const TOKEN = /^[A-Za-z0-9_-]{22}$/
const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

function page(body: string): string {
  return `<!doctype html><html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Ocena rozmowy – infolinia urzędu pracy</title><style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}fieldset{border:1px solid #6b7280;padding:1rem}label{display:block;margin:.3rem 0}textarea{width:100%;font:inherit}button{font:inherit;padding:.4rem 1rem;margin-top:1rem;color:#fff;background:#0b57d0;border:0;border-radius:.3rem}:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}</style></head><body><main>${body}</main></body></html>`
}

const LABELS = ['1 – źle', '2', '3', '4', '5 – bardzo dobrze']

function form(token: string, score: number | null): string {
  const radios = LABELS.map((label, i) => `<label><input type="radio" name="score" value="${i + 1}"${score === i + 1 ? ' checked' : ''} required> ${label}</label>`).join('')
  return page(
    `<h1>Ocena rozmowy z infolinią</h1><form method="post" action="/survey/${token}"><fieldset><legend>Jak oceniasz naszą odpowiedź? <span lang="en">(How do you rate our answer?)</span></legend>${radios}</fieldset><label for="comment">Komentarz (opcjonalnie)</label><textarea id="comment" name="comment" rows="4" maxlength="1000"></textarea><button type="submit">Wyślij ocenę</button></form>`,
  )
}

const said = (title: string, text: string) => page(`<h1>${title}</h1><p>${text}</p>`)

export function surveyPage(deps: { survey: AskSurvey }) {
  const app = new Hono()
  app.use('*', async (c, next) => {
    await next()
    c.header('Content-Security-Policy', CSP)
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Cache-Control', 'no-store')
    c.header('Referrer-Policy', 'no-referrer')
  })
  const gone = (c: Context) => c.html(said('Nie znaleziono ankiety', 'Ten link nie prowadzi do żadnej ankiety.'), 404)

  app.get('/:token', async (c) => {
    const token = c.req.param('token')
    const survey = TOKEN.test(token) ? await deps.survey.surveyOfToken(token) : null
    if (!survey) return gone(c)
    if (survey.state !== 'asked') return c.html(said('Dziękujemy', 'Ta rozmowa ma już ocenę. Dziękujemy!'))
    const raw = Number(c.req.query('score'))
    return c.html(form(token, Number.isInteger(raw) && raw >= 1 && raw <= 5 ? raw : null))
  })

  app.post('/:token', async (c) => {
    const token = c.req.param('token')
    if (!TOKEN.test(token)) return gone(c)
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
    const score = Number(body.score)
    const comment = typeof body.comment === 'string' ? body.comment.trim().slice(0, 1000) : ''
    if (!Number.isInteger(score) || score < 1 || score > 5) return c.html(said('Brak oceny', 'Wybierz ocenę od 1 do 5 i wyślij ponownie.'), 400)
    const r = await deps.survey.answerByMail(token, score, comment || null)
    if (r === 'not_found') return gone(c)
    if (r === 'answered_before') return c.html(said('Dziękujemy', 'Ta rozmowa ma już ocenę. Dziękujemy!'))
    return c.html(said('Dziękujemy za ocenę', `Twoja ocena: ${score}/5.`))
  })
  return app
}
