// The SurveyStore port over drizzle.
import { and, desc, eq, gte, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { surveys } from '../../db/schema.ts'
import type { SurveyStore } from '../app/survey-ports.ts'

export function createSurveyStore(db: Db): SurveyStore {
  return {
    async createSurvey(s) {
      const [r] = await db
        .insert(surveys)
        .values({ conversationId: s.conversationId, contactId: s.contactId, channelKind: s.channelKind, recipient: s.recipient, askedAt: s.at })
        .onConflictDoNothing()
        .returning({ id: surveys.id })
      return r ?? null
    },
    async surveyFailed(id) {
      await db.update(surveys).set({ state: 'failed' }).where(eq(surveys.id, id))
    },
    async openSurveyOf(contactId, since) {
      const [r] = await db
        .select({ id: surveys.id, conversationId: surveys.conversationId })
        .from(surveys)
        .where(and(eq(surveys.contactId, contactId), eq(surveys.state, 'asked'), gte(surveys.askedAt, since)))
        .orderBy(desc(surveys.askedAt))
        .limit(1)
      return r ?? null
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
