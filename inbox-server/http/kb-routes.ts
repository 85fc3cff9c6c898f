// REST for the knowledge base: every staff member searches and reads articles (rendered Markdown); administrators
// and supervisors write any, second-line staff their own office's; each write is kept as a version. Suggestions
// for a conversation come from the citizen's last message.
import { Hono, type Context } from 'hono'
import { Id } from '../../protocol/rest.ts'
import { KbArticleCreate, KbArticlePatch, KbArticleQuery, KbSuggestQuery, KbUseBody, type KbArticle, type KbArticleSummary } from '../../protocol/knowledge.ts'
import type { KbArticleRecord, KbWriteResult } from '../app/kb-ports.ts'
import type { Clock, Store } from '../app/ports.ts'
import { canSeeConversation } from '../domain/access-policy.ts'
import { canWriteArticle, isOverdue, officeForNewArticle, warsawToday } from '../domain/kb/kb-policy.ts'
import { searchTerms, suggestionTerms } from '../domain/kb/normalize.ts'
import { plainExcerpt, renderMarkdown } from '../domain/kb/render-markdown.ts'
import { apiError } from './api-error.ts'
import { readJson, validate } from './request-body.ts'
import type { StaffEnv } from './staff-auth-middleware.ts'

type C = Context<StaffEnv>

const summary = (a: KbArticleRecord, today: string): KbArticleSummary => ({
  id: a.id,
  title: a.title,
  category: a.category,
  tags: a.tags,
  audience: a.audience,
  officeId: a.officeId,
  reviewAt: a.reviewAt,
  overdue: isOverdue(a.reviewAt, today),
  excerpt: plainExcerpt(a.body),
})

const article = (a: KbArticleRecord, today: string): KbArticle => {
  const { excerpt: _, ...rest } = summary(a, today)
  return { ...rest, body: a.body, html: renderMarkdown(a.body), version: a.version, createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString(), updatedBy: a.updatedBy }
}

export function kbRoutes(deps: { store: Store; clock: Clock }) {
  const app = new Hono<StaffEnv>()
  const { store, clock } = deps
  const today = () => warsawToday(clock.now())
  const idOf = (c: C) => (Id.safeParse(c.req.param('id')).success ? c.req.param('id')! : null)
  const gone = (c: C) => apiError(c, 'not_found', 'No such article')
  const readOnly = (c: C) => {
    const role = c.get('consultant').role
    return role !== 'admin' && role !== 'supervisor' && role !== 'second_line'
  }
  const forbidden = (c: C) => apiError(c, 'forbidden', 'Articles are written by administrators, supervisors, and second-line staff for their own office')
  const written = (c: C, r: KbWriteResult, status: 200 | 201) => {
    if (r.ok) return c.json(article(r.value, today()), status)
    if (r.error === 'bad_office') return apiError(c, 'bad_request', 'No such office')
    return r.error === 'forbidden' ? forbidden(c) : gone(c)
  }

  app.get('/kb/articles', async (c) => {
    const q = validate(KbArticleQuery, c.req.query())
    if (!q.ok) return apiError(c, q.code, q.message, q.details)
    const terms = searchTerms(q.value.q ?? '')
    const found = await store.searchKbArticles({ terms, limit: q.value.limit, ...(q.value.category ? { category: q.value.category } : {}) })
    // What was looked for and not found: the report of what the knowledge base lacks (not a narrowed search).
    if (terms.length > 0 && found.length === 0 && !q.value.category) await store.recordKbMiss(q.value.q!, clock.now())
    const day = today()
    return c.json({ items: found.map((a) => summary(a, day)) })
  })

  app.get('/kb/articles/:id', async (c) => {
    const id = idOf(c)
    const a = id ? await store.getKbArticle(id) : null
    return a ? c.json(article(a, today())) : gone(c)
  })

  app.get('/kb/articles/:id/versions', async (c) => {
    const id = idOf(c)
    const items = id ? await store.listKbVersions(id) : null
    return items ? c.json({ items }) : gone(c)
  })

  app.post('/kb/articles', async (c) => {
    const me = c.get('consultant')
    if (readOnly(c)) return forbidden(c)
    const b = await readJson(c, KbArticleCreate)
    if (!b.ok) return apiError(c, b.code, b.message, b.details)
    const officeId = officeForNewArticle(me, b.value.officeId)
    if (!canWriteArticle(me, { officeId })) return forbidden(c)
    return written(c, await store.insertKbArticle({ ...b.value, officeId }, { authorId: me.id, at: clock.now() }), 201)
  })

  // A consultant put the article into a reply: counted for "articles most used in replies".
  app.post('/kb/articles/:id/used', async (c) => {
    const id = idOf(c)
    const b = await readJson(c, KbUseBody)
    if (!b.ok) return apiError(c, b.code, b.message, b.details)
    const ok = id ? await store.recordKbUse(id, c.get('consultant').id, b.value.conversationId ?? null, clock.now()) : false
    return ok ? c.body(null, 204) : apiError(c, 'not_found', 'No such article')
  })

  // The articles used in replies most in the last `days` days (supervisors).
  app.get('/kb/usage', async (c) => {
    const role = c.get('consultant').role
    if (role !== 'admin' && role !== 'supervisor') return apiError(c, 'forbidden', 'The usage report is for supervisors')
    const days = Math.min(366, Math.max(1, Number(c.req.query('days') ?? 30) || 30))
    return c.json({ items: await store.mostUsedKbArticles(new Date(clock.now().getTime() - days * 86_400_000), 50) })
  })

  app.patch('/kb/articles/:id', async (c) => {
    const me = c.get('consultant')
    if (readOnly(c)) return forbidden(c)
    const id = idOf(c)
    if (!id) return gone(c)
    const b = await readJson(c, KbArticlePatch)
    if (!b.ok) return apiError(c, b.code, b.message, b.details)
    // An article stays its office's: second-line staff cannot hand it to another office or to the whole service.
    if (me.role === 'second_line' && b.value.officeId !== undefined && b.value.officeId !== me.officeId) return forbidden(c)
    return written(c, await store.updateKbArticle(id, b.value, { authorId: me.id, at: clock.now() }, (cur) => canWriteArticle(me, cur)), 200)
  })

  // What the knowledge base lacks: searches that found nothing, the most frequent first (supervisors).
  app.get('/kb/misses', async (c) => {
    const role = c.get('consultant').role
    if (role !== 'admin' && role !== 'supervisor') return apiError(c, 'forbidden', 'The search report is for supervisors')
    const items = await store.listKbMisses(100)
    return c.json({ items: items.map((m) => ({ query: m.query, count: m.count, lastAt: m.lastAt.toISOString() })) })
  })

  // Whether public articles shown to citizens while they typed answered them (supervisors).
  app.get('/kb/deflections', async (c) => {
    const role = c.get('consultant').role
    if (role !== 'admin' && role !== 'supervisor') return apiError(c, 'forbidden', 'The deflection report is for supervisors')
    return c.json({ items: await store.deflectionStats() })
  })

  app.get('/kb/suggest', async (c) => {
    const q = validate(KbSuggestQuery, c.req.query())
    if (!q.ok) return apiError(c, q.code, q.message, q.details)
    const conv = await store.getConversation(q.value.conversationId)
    if (!conv || !canSeeConversation(c.get('consultant'), conv)) return apiError(c, 'not_found', 'No such conversation')
    const recent = await store.listEvents(conv.id, Math.max(0, conv.lastSeq - 100), 100)
    const last = recent.findLast((e) => e.type === 'message' && e.direction === 'in' && e.text)
    const terms = last?.text ? suggestionTerms(last.text) : []
    const found = terms.length ? await store.searchKbArticles({ terms, match: 'any', limit: 5 }) : []
    const day = today()
    return c.json({ items: found.map((a) => summary(a, day)) })
  })
  return app
}
