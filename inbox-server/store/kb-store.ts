// The KbStore port over drizzle: articles kept with their normalised search text, a version per write, and search
// through the built-in 'simple' text search configuration (the same on PGlite and PostgreSQL, no extension).
import { and, asc, desc, eq, gte, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { consultants, kbArticles, kbDeflections, kbSearchMisses, kbUses, kbVersions } from '../../db/schema.ts'
import type { KbArticleFields, KbArticleRecord, KbStore, KbWriteResult } from '../app/kb-ports.ts'
import { searchText, toTsQuery } from '../domain/kb/normalize.ts'
import { guarded } from './write-guard.ts'

type Row = typeof kbArticles.$inferSelect

const dateOnly = (d: string | Date | null): string | null => (d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10))

const toRecord = (r: Row): KbArticleRecord => ({
  id: r.id,
  title: r.title,
  body: r.body,
  category: r.category,
  tags: r.tags,
  audience: r.audience as KbArticleRecord['audience'],
  officeId: r.officeId,
  reviewAt: dateOnly(r.reviewAt as string | Date | null),
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  updatedBy: r.updatedBy,
})

/** The columns search runs on, from the article's fields. */
const searchColumns = (a: Pick<KbArticleFields, 'title' | 'tags' | 'body'>) => ({ search: searchText(a.title, ...a.tags, a.body), searchTitle: searchText(a.title) })

/** A write refused because the office does not exist (the only foreign key a client names). */
async function officeChecked(fn: () => Promise<KbArticleRecord | null>): Promise<KbWriteResult> {
  const r = await guarded(fn)
  return r.ok ? r : { ok: false, error: r.error === 'not_found' ? 'bad_office' : 'not_found' }
}

export function createKbStore(db: Db): KbStore {
  return {
    async searchKbArticles(f) {
      const category = and(f.category ? eq(kbArticles.category, f.category) : undefined, f.audience ? eq(kbArticles.audience, f.audience) : undefined)
      if (f.terms.length === 0) {
        return (await db.select().from(kbArticles).where(category).orderBy(desc(kbArticles.updatedAt), asc(kbArticles.id)).limit(f.limit)).map(toRecord)
      }
      // The tsquery is built from normalised stems and bound as a parameter: no user text in the statement.
      const query: SQL = sql`to_tsquery('simple', ${toTsQuery(f.terms, f.match)})`
      const vector = sql`to_tsvector('simple', ${kbArticles.search})`
      const rows = await db
        .select()
        .from(kbArticles)
        .where(and(sql`${vector} @@ ${query}`, category))
        .orderBy(
          desc(sql`to_tsvector('simple', ${kbArticles.searchTitle}) @@ ${query}`),
          desc(sql`ts_rank(${vector}, ${query})`),
          desc(kbArticles.updatedAt),
          asc(kbArticles.id),
        )
        .limit(f.limit)
      return rows.map(toRecord)
    },
    async recordKbUse(articleId, consultantId, conversationId, at) {
      const [a] = await db.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.id, articleId)).limit(1)
      if (!a) return false
      await db.insert(kbUses).values({ articleId, consultantId, conversationId, createdAt: at })
      return true
    },
    async mostUsedKbArticles(since, limit) {
      const rows = await db
        .select({ articleId: kbUses.articleId, title: kbArticles.title, uses: sql<number>`count(*)::int` })
        .from(kbUses)
        .innerJoin(kbArticles, eq(kbArticles.id, kbUses.articleId))
        .where(gte(kbUses.createdAt, since))
        .groupBy(kbUses.articleId, kbArticles.title)
        .orderBy(desc(sql`count(*)`), asc(kbArticles.title))
        .limit(limit)
      return rows.map((r) => ({ ...r, uses: Number(r.uses) }))
    },
    async recordDeflection(articleId, helped, at) {
      const [a] = await db.select({ id: kbArticles.id }).from(kbArticles).where(and(eq(kbArticles.id, articleId), eq(kbArticles.audience, 'public'))).limit(1)
      if (!a) return false
      await db.insert(kbDeflections).values({ articleId, helped, createdAt: at })
      return true
    },
    async deflectionStats() {
      const rows = await db
        .select({
          articleId: kbDeflections.articleId,
          title: kbArticles.title,
          helped: sql<number>`count(*) filter (where ${kbDeflections.helped})::int`,
          notHelped: sql<number>`count(*) filter (where not ${kbDeflections.helped})::int`,
        })
        .from(kbDeflections)
        .innerJoin(kbArticles, eq(kbArticles.id, kbDeflections.articleId))
        .groupBy(kbDeflections.articleId, kbArticles.title)
        .orderBy(desc(sql`count(*)`))
      return rows.map((r) => ({ ...r, helped: Number(r.helped), notHelped: Number(r.notHelped) }))
    },
    async getKbArticle(id) {
      const [r] = await db.select().from(kbArticles).where(eq(kbArticles.id, id)).limit(1)
      return r ? toRecord(r) : null
    },
    insertKbArticle: (a, by) =>
      officeChecked(() =>
        db.transaction(async (tx) => {
          const [r] = await tx
            .insert(kbArticles)
            .values({ ...a, ...searchColumns(a), version: 1, createdAt: by.at, updatedAt: by.at, updatedBy: by.authorId })
            .returning()
          if (!r) return null
          await tx.insert(kbVersions).values({ articleId: r.id, version: 1, title: r.title, body: r.body, authorId: by.authorId, createdAt: by.at })
          return toRecord(r)
        }),
      ),
    async updateKbArticle(id, p, by, allowed) {
      let refused = false
      const r = await officeChecked(() =>
        db.transaction(async (tx) => {
          const [current] = await tx.select().from(kbArticles).where(eq(kbArticles.id, id)).for('update')
          if (!current) return null
          if (!allowed(toRecord(current))) {
            refused = true
            return null
          }
          const next = { ...p, ...searchColumns({ title: p.title ?? current.title, tags: p.tags ?? current.tags, body: p.body ?? current.body }) }
          const [r] = await tx
            .update(kbArticles)
            .set({ ...next, version: current.version + 1, updatedAt: by.at, updatedBy: by.authorId })
            .where(eq(kbArticles.id, id))
            .returning()
          if (!r) return null
          await tx.insert(kbVersions).values({ articleId: id, version: r.version, title: r.title, body: r.body, authorId: by.authorId, createdAt: by.at })
          return toRecord(r)
        }),
      )
      return refused ? { ok: false, error: 'forbidden' } : r
    },
    async listKbVersions(articleId) {
      const [exists] = await db.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.id, articleId)).limit(1)
      if (!exists) return null
      const rows = await db
        .select({ v: kbVersions, authorName: consultants.name })
        .from(kbVersions)
        .leftJoin(consultants, eq(consultants.id, kbVersions.authorId))
        .where(eq(kbVersions.articleId, articleId))
        .orderBy(desc(kbVersions.version))
      return rows.map(({ v, authorName }) => ({ version: v.version, title: v.title, body: v.body, authorId: v.authorId, authorName, createdAt: v.createdAt.toISOString() }))
    },
    async recordKbMiss(query, at) {
      const q = searchText(query).slice(0, 200)
      if (!q) return
      await db
        .insert(kbSearchMisses)
        .values({ query: q, count: 1, lastAt: at })
        .onConflictDoUpdate({ target: kbSearchMisses.query, set: { count: sql`${kbSearchMisses.count} + 1`, lastAt: at } })
    },
    async listKbMisses(limit) {
      return db.select().from(kbSearchMisses).orderBy(desc(kbSearchMisses.count), desc(kbSearchMisses.lastAt)).limit(limit)
    },
  }
}
