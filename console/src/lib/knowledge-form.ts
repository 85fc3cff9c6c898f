// The knowledge-base page's pure parts: who may write, tags typed as "a, b, c", and the article form turned into
// the hub's request body (the hub validates again and forces the office for second-line staff).
import type { Role } from '$protocol/channel.ts'
import type { KbArticle, KbAudience } from '$protocol/knowledge.ts'

export interface ArticleForm {
  title: string
  category: string
  /** Comma-separated. */
  tags: string
  audience: KbAudience
  /** yyyy-mm-dd or empty. */
  reviewAt: string
  body: string
}

/** First-line consultants only read; second-line staff write their office's articles (the hub checks which). */
export function canWriteKb(role: Role | string | null | undefined): boolean {
  return role === 'admin' || role === 'supervisor' || role === 'second_line'
}

/** "zasiłek, ZUS,, zasiłek " → ["zasiłek", "ZUS"]: trimmed, empties and repeats (case-insensitive) dropped, at most 20 of 40 characters. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const raw of text.split(',')) {
    const tag = raw.trim().slice(0, 40)
    const key = tag.toLocaleLowerCase('pl')
    if (!tag || seen.has(key)) continue
    seen.add(key)
    out.push(tag)
    if (out.length === 20) break
  }
  return out
}

export function emptyArticleForm(): ArticleForm {
  return { title: '', category: '', tags: '', audience: 'staff', reviewAt: '', body: '' }
}

export function articleToForm(a: Pick<KbArticle, 'title' | 'category' | 'tags' | 'audience' | 'reviewAt' | 'body'>): ArticleForm {
  return { title: a.title, category: a.category, tags: a.tags.join(', '), audience: a.audience, reviewAt: a.reviewAt ?? '', body: a.body }
}

/** The fields a new article or an edit sends. */
export function articleBody(form: ArticleForm): { title: string; category: string; tags: string[]; audience: KbAudience; reviewAt: string | null; body: string } {
  return {
    title: form.title.trim(),
    category: form.category.trim(),
    tags: parseTags(form.tags),
    audience: form.audience,
    reviewAt: form.reviewAt.trim() || null,
    body: form.body.trim(),
  }
}

/** The fields the form must have before asking the hub (names as in the request body). */
export function missingArticleFields(form: ArticleForm): ('title' | 'category' | 'body')[] {
  const out: ('title' | 'category' | 'body')[] = []
  if (!form.title.trim()) out.push('title')
  if (!form.category.trim()) out.push('category')
  if (!form.body.trim()) out.push('body')
  return out
}
