// REST shapes of the knowledge base: articles (Markdown, rendered on read), their versions, search and the
// suggestions for a conversation.
import { z } from 'zod'

const Id = z.uuid()
const isoDate = z.iso.date()
const at = z.iso.datetime({ offset: true })

export const KbAudience = z.enum(['staff', 'public'])
export type KbAudience = z.infer<typeof KbAudience>

const title = z.string().trim().min(1).max(200)
const body = z.string().trim().min(1).max(100_000)
const category = z.string().trim().min(1).max(80)
const tags = z.array(z.string().trim().min(1).max(40)).max(20)

/** A new article. `officeId` is forced to their own office for second-line staff. */
export const KbArticleCreate = z.object({
  title,
  body,
  category,
  tags: tags.default([]),
  audience: KbAudience.default('staff'),
  officeId: Id.nullable().default(null),
  reviewAt: isoDate.nullable().default(null),
})
export type KbArticleCreate = z.infer<typeof KbArticleCreate>

/** An edit: any of the fields; at least one. Each edit makes a new version. */
export const KbArticlePatch = z
  .object({ title, body, category, tags, audience: KbAudience, officeId: Id.nullable(), reviewAt: isoDate.nullable() })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'Give at least one field' })
export type KbArticlePatch = z.infer<typeof KbArticlePatch>

export const KbArticleQuery = z.object({
  q: z.string().trim().max(200).optional(),
  category: z.string().trim().min(1).max(80).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

export const KbSuggestQuery = z.object({ conversationId: Id })

export const KbArticleSummary = z.object({
  id: Id,
  title: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  audience: KbAudience,
  officeId: Id.nullable(),
  reviewAt: isoDate.nullable(),
  /** The review date has passed. */
  overdue: z.boolean(),
  /** The start of the article, plain text. */
  excerpt: z.string(),
})
export type KbArticleSummary = z.infer<typeof KbArticleSummary>
export const KbArticleList = z.object({ items: z.array(KbArticleSummary) })

export const KbArticle = KbArticleSummary.omit({ excerpt: true }).extend({
  /** Markdown, as written. */
  body: z.string(),
  /** The body rendered and sanitised: safe to insert as HTML. */
  html: z.string(),
  version: z.int().positive(),
  createdAt: at,
  updatedAt: at,
  updatedBy: Id.nullable(),
})
export type KbArticle = z.infer<typeof KbArticle>

export const KbVersion = z.object({ version: z.int().positive(), title: z.string(), body: z.string(), authorId: Id.nullable(), authorName: z.string().nullable(), createdAt: at })
export type KbVersion = z.infer<typeof KbVersion>
export const KbVersionList = z.object({ items: z.array(KbVersion) })

/** `POST /api/kb/articles/{id}/used`: the article went into a reply in this conversation. */
export const KbUseBody = z.object({ conversationId: Id.optional() })
