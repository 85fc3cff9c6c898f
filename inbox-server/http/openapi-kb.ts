// The OpenAPI paths and schemas of the knowledge base (merged into openapi-document).
import { KbArticle, KbArticleCreate, KbArticlePatch, KbArticleSummary, KbVersion } from '../../protocol/knowledge.ts'

export const kbOutputSchemas = { KbArticle, KbArticleSummary, KbVersion }
export const kbInputSchemas = { KbArticleCreate, KbArticlePatch }

type Name = keyof typeof kbOutputSchemas | keyof typeof kbInputSchemas | 'ApiError'
const ref = (name: Name) => ({ $ref: `#/components/schemas/${name}` })
const json = (name: Name) => ({ 'application/json': { schema: ref(name) } })
const list = (name: Name) => ({ 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: ref(name) } }, required: ['items'] } } })
const error = (description: string) => ({ description, content: json('ApiError') })
const query = (name: string, schema: object, required = false) => ({ name, in: 'query', required, schema })
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }
const signedIn = { 401: error('Not signed in') }
const writers = 'administrators and supervisors any article; second-line staff their own office’s; first line 403'

export function kbPaths() {
  return {
    '/api/kb/articles': {
      get: {
        summary: 'Search articles (every word as a Polish-enough prefix, diacritics optional; title matches first), or the latest edited without q',
        parameters: [query('q', { type: 'string', maxLength: 200 }), query('category', { type: 'string', maxLength: 80 }), query('limit', { type: 'integer', minimum: 1, maximum: 100, default: 20 })],
        responses: { 200: { description: 'OK', content: list('KbArticleSummary') }, 400: error('Invalid query'), ...signedIn },
      },
      post: {
        summary: `Create an article, version 1 (${writers}; their office is forced)`,
        requestBody: { required: true, content: json('KbArticleCreate') },
        responses: { 201: { description: 'Created', content: json('KbArticle') }, 400: error('Invalid fields or no such office'), ...signedIn, 403: error('Not allowed') },
      },
    },
    '/api/kb/articles/{id}': {
      get: { summary: 'An article: Markdown, sanitised HTML and version', parameters: [id], responses: { 200: { description: 'OK', content: json('KbArticle') }, ...signedIn, 404: error('Not found') } },
      patch: {
        summary: `Edit an article (only the fields given), kept as its next version (${writers})`,
        parameters: [id],
        requestBody: { required: true, content: json('KbArticlePatch') },
        responses: { 200: { description: 'Changed', content: json('KbArticle') }, 400: error('Invalid fields or no such office'), ...signedIn, 403: error('Not allowed'), 404: error('Not found') },
      },
    },
    '/api/kb/articles/{id}/versions': {
      get: { summary: 'Every version of an article, newest first, with author and date', parameters: [id], responses: { 200: { description: 'OK', content: list('KbVersion') }, ...signedIn, 404: error('Not found') } },
    },
    '/api/kb/misses': {
      get: { summary: 'Searches that found nothing, the most frequent first: what to write next (supervisors)', responses: { 200: { description: '{items: [{query, count, lastAt}]}' }, ...signedIn, 403: error('Not a supervisor') } },
    },
    '/api/kb/articles/{id}/used': {
      post: { summary: 'Count the article as used in a reply ({conversationId?})', parameters: [id], responses: { 204: { description: 'Counted' }, 400: error('Invalid body'), ...signedIn, 404: error('No such article') } },
    },
    '/api/kb/usage': {
      get: { summary: 'The articles used in replies most in the last `days` (1–366, default 30) days (supervisors)', parameters: [query('days', { type: 'integer' }, false)], responses: { 200: { description: '{items: [{articleId, title, uses}]}' }, ...signedIn, 403: error('Not a supervisor') } },
    },
    '/api/kb/deflections': {
      get: { summary: 'Per public article: how often it answered a citizen while they typed, and how often not (supervisors)', responses: { 200: { description: '{items: [{articleId, title, helped, notHelped}]}' }, ...signedIn, 403: error('Not a supervisor') } },
    },
    '/api/kb/suggest': {
      get: {
        summary: 'Up to 5 articles matching the last citizen message of a conversation the consultant may see',
        parameters: [query('conversationId', { type: 'string', format: 'uuid' }, true)],
        responses: { 200: { description: 'OK', content: list('KbArticleSummary') }, 400: error('Invalid query'), ...signedIn, 404: error('No such conversation (or not visible)') },
      },
    },
  }
}
