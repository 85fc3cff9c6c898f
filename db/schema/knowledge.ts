// The knowledge base: articles staff read while answering (Markdown), each edit kept as a version, and searches
// that found nothing (for a report of what is missing). Search runs on `search`, a normalised copy (see
// inbox-server/domain/kb/normalize.ts), through the built-in 'simple' text search configuration: no extension.
import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { offices } from './org.ts'
import { consultants } from './staff.ts'

export const kbArticles = pgTable(
  'kb_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    /** Markdown; rendered (and sanitised) when read. */
    body: text('body').notNull(),
    category: text('category').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** 'staff' (consultants only) or 'public' (may be shown to citizens). */
    audience: text('audience').notNull().default('staff'),
    /** A local office's own article (kept by its second-line staff); null: the whole service's. */
    officeId: uuid('office_id').references(() => offices.id),
    /** When the article should be checked again; past it, it is shown as overdue. */
    reviewAt: date('review_at', { mode: 'string' }),
    /** The current version number (1 on create, +1 on each edit). */
    version: integer('version').notNull().default(1),
    /** normalise(title + tags + body): lower case, no diacritics, words separated by single spaces. */
    search: text('search').notNull(),
    /** normalise(title): a match in the title ranks first. */
    searchTitle: text('search_title').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => consultants.id, { onDelete: 'set null' }),
  },
  (t) => [
    check('kb_articles_audience_ck', sql`${t.audience} in ('staff', 'public')`),
    index('kb_articles_search_idx').using('gin', sql`to_tsvector('simple', ${t.search})`),
    index('kb_articles_category_idx').on(t.category),
  ],
)

/** Every version of every article, the first included: who wrote it and when. */
export const kbVersions = pgTable(
  'kb_versions',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id').references(() => consultants.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.version] })],
)

/** Searches with no result, by normalised query: how often and when last (what the knowledge base lacks). */
export const kbSearchMisses = pgTable('kb_search_misses', {
  query: text('query').primaryKey(),
  count: integer('count').notNull().default(1),
  lastAt: timestamp('last_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})

/** Whether a public article shown to a citizen while typing answered their question (deflection). */
export const kbDeflections = pgTable(
  'kb_deflections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    helped: boolean('helped').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('kb_deflections_article_idx').on(t.articleId)],
)

/** An article a consultant put into a reply (a passage or a reference): which articles answer the most. */
export const kbUses = pgTable(
  'kb_uses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    consultantId: uuid('consultant_id').references(() => consultants.id, { onDelete: 'set null' }),
    conversationId: uuid('conversation_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('kb_uses_article_idx').on(t.articleId)],
)
