// The SurveyStore port over drizzle.
import { and, desc, eq, gte, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { surveys } from '../../db/schema.ts'
import type { SurveyRecord, SurveyStore } from '../app/survey-ports.ts'
import type { ChannelKind } from '../../protocol/channel.ts'

const toRecord = (r: typeof surveys.$inferSelect): SurveyRecord => ({
  id: r.id,
  conversationId: r.conversationId,
  contactId: r.contactId,
  channelKind: r.channelKind as ChannelKind,
  state: r.state as SurveyRecord['state'],
  score: r.score,
})

export function createSurveyStore(db: Db): SurveyStore {
  return {
    async createSurvey(s) {
      const [r] = await db
        .insert(surveys)
        .values({ conversationId: s.conversationId, contactId: s.contactId, channelKind: s.channelKind, recipient: s.recipient, askedAt: s.at, ...(s.token ? { token: s.token } : {}) })
        .onConflictDoNothing()
        .returning({ id: surveys.id })
      return r ?? null
    },
    async surveyOfConversation(conversationId) {
      const [r] = await db.select().from(surveys).where(eq(surveys.conversationId, conversationId)).limit(1)
      return r ? toRecord(r) : null
    },
    async surveyByToken(token) {
      const [r] = await db.select().from(surveys).where(eq(surveys.token, token)).limit(1)
      return r ? toRecord(r) : null
    },
    async surveyFailed(id) {
      await db.update(surveys).set({ state: 'failed' }).where(eq(surveys.id, id))
    },
    async openSurveyOf(contactId, since) {
      const [r] = await db
        .select({ id: surveys.id, conversationId: surveys.conversationId, channelKind: surveys.channelKind })
        .from(surveys)
        .where(and(eq(surveys.contactId, contactId), eq(surveys.state, 'asked'), gte(surveys.askedAt, since)))
        .orderBy(desc(surveys.askedAt))
        .limit(1)
      return r ? { ...r, channelKind: r.channelKind as ChannelKind } : null
    },
    async answeredSurveyOf(contactId, since) {
      const [r] = await db
        .select({ id: surveys.id, conversationId: surveys.conversationId, channelKind: surveys.channelKind })
        .from(surveys)
        .where(and(eq(surveys.contactId, contactId), eq(surveys.state, 'answered'), gte(surveys.answeredAt, since)))
        .orderBy(desc(surveys.answeredAt))
        .limit(1)
      return r ? { ...r, channelKind: r.channelKind as ChannelKind } : null
    },
    async answerSurvey(id, score, comment, at) {
      const r = await db
        .update(surveys)
        .set({ state: 'answered', score, comment, answeredAt: at })
        .where(and(eq(surveys.id, id), eq(surveys.state, 'asked'), isNull(surveys.answeredAt)))
        .returning({ id: surveys.id })
      return r.length > 0
    },
  }
}
