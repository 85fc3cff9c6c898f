// Deflection: while a citizen types in the widget (before a consultant joins), public knowledge-base articles that
// match their words, as plain text; and whether one answered the question.
import { suggestionTerms } from '../domain/kb/normalize.ts'
import { plainExcerpt } from '../domain/kb/render-markdown.ts'
import type { Clock, Store } from './ports.ts'

const SHOWN = 3
const TEXT_CHARS = 2000

export function createKbDeflection(deps: { store: Store; clock: Clock }) {
  return {
    async search(q: string): Promise<{ id: string; title: string; excerpt: string; text: string }[]> {
      const terms = suggestionTerms(q)
      if (terms.length === 0) return []
      const found = await deps.store.searchKbArticles({ terms, match: 'any', audience: 'public', limit: SHOWN })
      return found.map((a) => ({ id: a.id, title: a.title, excerpt: plainExcerpt(a.body), text: plainExcerpt(a.body, TEXT_CHARS) }))
    },
    feedback: (articleId: string, helped: boolean) => deps.store.recordDeflection(articleId, helped, deps.clock.now()),
  }
}

export type KbDeflection = ReturnType<typeof createKbDeflection>
