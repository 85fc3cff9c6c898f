// The store's side of the knowledge base: articles with their versions, search over the normalised text, and the
// searches that found nothing.
import type { KbAudience, KbVersion } from '../../protocol/knowledge.ts'

export interface KbArticleRecord {
  id: string
  title: string
  body: string
  category: string
  tags: string[]
  audience: KbAudience
  officeId: string | null
  /** YYYY-MM-DD, or null. */
  reviewAt: string | null
  version: number
  createdAt: Date
  updatedAt: Date
  updatedBy: string | null
}

export interface KbArticleFields {
  title: string
  body: string
  category: string
  tags: string[]
  audience: KbAudience
  officeId: string | null
  reviewAt: string | null
}

export type KbWriteResult = { ok: true; value: KbArticleRecord } | { ok: false; error: 'not_found' | 'forbidden' | 'bad_office' }

export interface KbStore {
  /**
   * Articles matching every term as a word prefix (terms from `searchTerms`), title matches first, then by rank;
   * with no terms, the latest edited. `match: 'any'` (suggestions) needs one term only. `category` narrows either.
   */
  searchKbArticles(f: { terms: readonly string[]; match?: 'all' | 'any'; category?: string; audience?: 'public'; limit: number }): Promise<KbArticleRecord[]>
  /** A citizen said whether a public article shown while typing answered the question; false for no such public article. */
  recordDeflection(articleId: string, helped: boolean, at: Date): Promise<boolean>
  /** A consultant put the article into a reply; false for no such article. */
  recordKbUse(articleId: string, consultantId: string, conversationId: string | null, at: Date): Promise<boolean>
  /** The articles put into replies most often since `since`. */
  mostUsedKbArticles(since: Date, limit: number): Promise<{ articleId: string; title: string; uses: number }[]>
  /** Per public article: how often it helped and how often not. */
  deflectionStats(): Promise<{ articleId: string; title: string; helped: number; notHelped: number }[]>
  getKbArticle(id: string): Promise<KbArticleRecord | null>
  /** Creates the article and its version 1. `bad_office`: no such office. */
  insertKbArticle(a: KbArticleFields, by: { authorId: string; at: Date }): Promise<KbWriteResult>
  /**
   * Applies the edit and stores it as the next version, in one transaction, if `allowed` says so of the article as
   * it is (locked) now; else `forbidden`.
   */
  updateKbArticle(id: string, p: Partial<KbArticleFields>, by: { authorId: string; at: Date }, allowed: (current: KbArticleRecord) => boolean): Promise<KbWriteResult>
  /** Newest first; null when there is no such article. */
  listKbVersions(articleId: string): Promise<KbVersion[] | null>
  /** Counts a search that found nothing (by its normalised text). */
  recordKbMiss(query: string, at: Date): Promise<void>
  /** The most frequent misses. */
  listKbMisses(limit: number): Promise<{ query: string; count: number; lastAt: Date }[]>
}
