// The post-call survey: after a completed call the caller gets an SMS asking for a rating from 1 to 5; their reply
// (within a day) is that call's survey answer, recorded in the call's conversation, not a new conversation.
import type { ChannelKind } from '../../protocol/channel.ts'
import { parseSurveyAnswer } from '../domain/survey-answer.ts'
import type { Bus, Clock, Logger, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'

export const SURVEY_QUESTION = 'Dziękujemy za rozmowę z infolinią urzędu pracy. Jak ją oceniasz? Odpowiedz cyfrą od 1 (źle) do 5 (bardzo dobrze). Możesz dopisać komentarz.'
const ANSWER_WITHIN_MS = 24 * 3_600_000
/** A digit this soon after a rating is a second rating, not a new message. */
const REPEAT_WITHIN_MS = 3_600_000

type SendSms = (m: { outboxId: string; conversationId: string; recipientId: string; text: string; lastInboundAt: Date | null; now: Date }) => Promise<{ ok: true; providerId: string } | { ok: false; retryable: boolean; error: string }>

export function createPostCallSurvey(deps: { store: Store; bus: Bus; clock: Clock; log: Logger; /** Without SMS no call is asked; answers on other channels are still taken. */ sendSms?: SendSms }) {
  async function note(conversationId: string, data: Record<string, unknown>, text: string | null, externalId?: string) {
    const r = await deps.store.transaction((tx) =>
      tx.appendEvent(
        { conversationId },
        { type: 'survey', direction: data.score ? 'in' : 'out', text, author: { kind: 'system', id: null, name: null }, data, ...(externalId ? { externalId } : {}) },
        deps.clock.now(),
      ),
    )
    if (r) publishEvents(deps.bus, r.conversation, [r.event])
  }

  return {
    /** A call was answered and ended: ask its caller, once, unless they cannot receive SMS. */
    async ask(conversationId: string) {
      const sendSms = deps.sendSms
      if (!sendSms) return
      const conv = await deps.store.getConversation(conversationId)
      if (!conv) return
      const detail = await deps.store.contactDetail(conv.contactId)
      const number = detail?.identities.find((i) => (i.channel === 'voice' || i.channel === 'sms') && i.externalId.startsWith('+'))?.externalId
      if (!number) return
      const optedOut = await deps.store.transaction((tx) => tx.optedOutAt(conv.contactId, 'sms'))
      if (optedOut) return
      const now = deps.clock.now()
      const survey = await deps.store.createSurvey({ conversationId, contactId: conv.contactId, channelKind: 'sms' as ChannelKind, recipient: number, at: now })
      if (!survey) return
      const r = await sendSms({ outboxId: survey.id, conversationId, recipientId: number, text: SURVEY_QUESTION, lastInboundAt: null, now })
      if (!r.ok) {
        await deps.store.surveyFailed(survey.id)
        deps.log.warn({ conversationId, error: r.error }, 'post-call survey not sent')
        return
      }
      await note(conversationId, { asked: true, channel: 'sms', providerId: r.providerId }, SURVEY_QUESTION)
    },

    /** An SMS from a contact who was asked: their answer, if it is one (else null: an ordinary message). */
    async answer(contactId: string, text: string, externalId: string): Promise<boolean> {
      const parsed = parseSurveyAnswer(text)
      if (!parsed) return false
      // The provider delivered this answer before: it is recorded already.
      if (await deps.store.findEventByExternalId(externalId)) return true
      const now = deps.clock.now()
      const since = new Date(now.getTime() - ANSWER_WITHIN_MS)
      const open = await deps.store.openSurveyOf(contactId, since)
      if (!open) {
        // Another rating shortly after one was given: kept in the timeline as a repeat (never counted), not a
        // message that would reopen the conversation.
        const answered = await deps.store.answeredSurveyOf(contactId, new Date(now.getTime() - REPEAT_WITHIN_MS))
        if (!answered) return false
        await note(answered.conversationId, { score: parsed.score, comment: parsed.comment, channel: answered.channelKind, repeated: true }, text, externalId)
        return true
      }
      if (!(await deps.store.answerSurvey(open.id, parsed.score, parsed.comment, now))) return true
      // Answered where it was asked (a call's survey by SMS).
      await note(open.conversationId, { score: parsed.score, comment: parsed.comment, channel: open.channelKind }, text, externalId)
      return true
    },
  }
}

export type PostCallSurvey = ReturnType<typeof createPostCallSurvey>
