// The satisfaction survey after a resolved conversation, on its own channel, once per conversation: in the chat a
// rating form (a `survey` event the widget shows), on SMS, Messenger and Telegram a question answered with a digit,
// by e-mail rating links to a page of the hub. Answers are recorded once, as the conversation's `survey` event.
import { randomBytes } from 'node:crypto'
import type { ChannelKind } from '../../protocol/channel.ts'
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { Bus, Clock, Logger, Store } from './ports.ts'
import { publishEvents } from './publish-events.ts'

export const SURVEY_TEXT = 'Dziękujemy za kontakt z infolinią urzędu pracy. Jak oceniasz rozmowę? Odpowiedz cyfrą od 1 (źle) do 5 (bardzo dobrze); możesz dopisać komentarz.'
const SYSTEM = { kind: 'system' as const, id: null, name: null }
/** Channels where the question is a message the citizen answers with a digit. */
const BY_MESSAGE: ReadonlySet<ChannelKind> = new Set(['sms', 'messenger', 'telegram'])
const BY_MAIL: ReadonlySet<ChannelKind> = new Set(['email', 'form'])

/** The rating links of an e-mail survey: one per score, to a page that confirms it (mail scanners open links). */
export function surveyMailText(publicUrl: string, token: string): string {
  const links = [1, 2, 3, 4, 5].map((n) => `${n}: ${publicUrl}/survey/${token}?score=${n}`).join('\n')
  return `Dziękujemy za kontakt z infolinią urzędu pracy. Jak oceniasz naszą odpowiedź? Wybierz ocenę od 1 (źle) do 5 (bardzo dobrze):\n\n${links}`
}

export function createAskSurvey(deps: { store: Store; bus: Bus; clock: Clock; log: Logger; publicUrl: string; onOutbox?: () => void }) {
  async function record(conversationId: string, survey: { id: string }, score: number, comment: string | null, channel: ChannelKind, externalId?: string): Promise<boolean> {
    const now = deps.clock.now()
    if (!(await deps.store.answerSurvey(survey.id, score, comment, now))) return false
    const r = await deps.store.transaction((tx) =>
      tx.appendEvent({ conversationId }, { type: 'survey', direction: 'in', text: comment, author: SYSTEM, data: { score, comment, channel }, ...(externalId ? { externalId } : {}) }, now),
    )
    if (r) publishEvents(deps.bus, r.conversation, [r.event])
    return true
  }

  return {
    /** A conversation was resolved by staff: ask its citizen, once, on its channel (calls have their own, by SMS). */
    async askAfterResolve(conversationId: string): Promise<void> {
      const conv = await deps.store.getConversation(conversationId)
      if (!conv || conv.channelKind === 'voice') return
      const now = deps.clock.now()
      const token = BY_MAIL.has(conv.channelKind) ? randomBytes(16).toString('base64url') : undefined
      const survey = await deps.store.createSurvey({ conversationId, contactId: conv.contactId, channelKind: conv.channelKind, recipient: conv.contactId, at: now, ...(token ? { token } : {}) })
      if (!survey) return
      const asked = { type: 'survey' as const, direction: 'out' as const, text: null, author: SYSTEM, data: { asked: true, channel: conv.channelKind } }
      const written = await deps.store.transaction(async (tx) => {
        const out: TimelineEvent[] = []
        if (conv.channelKind === 'webchat') {
          const e = await tx.appendEvent({ conversationId }, asked, now)
          if (e) out.push(e.event)
          return { out, to: e?.conversation ?? null, outbox: false }
        }
        const text = token ? surveyMailText(deps.publicUrl, token) : BY_MESSAGE.has(conv.channelKind) ? SURVEY_TEXT : null
        if (!text) return { out, to: null, outbox: false }
        // The question goes out like a reply: through the outbox, retried, once.
        const message = await tx.appendEvent({ conversationId }, { type: 'message', direction: 'out', text, author: { kind: 'system', id: null, name: 'Ankieta' }, data: { survey: true } }, now)
        if (!message) return { out, to: null, outbox: false }
        await tx.insertOutbox({ eventId: message.event.id, conversationId, channelKind: conv.channelKind, now })
        const e = await tx.appendEvent({ conversationId }, { ...asked, data: { ...asked.data, messageId: message.event.id } }, now)
        out.push(message.event)
        if (e) out.push(e.event)
        return { out, to: e?.conversation ?? message.conversation, outbox: true }
      })
      if (written.to) publishEvents(deps.bus, written.to, written.out)
      if (written.outbox) deps.onOutbox?.()
    },

    /** The widget's rating: the visitor's own conversation, asked and not yet answered. */
    async answerInChat(m: { conversationId: string; score: number; comment: string | null }): Promise<boolean> {
      const survey = await deps.store.surveyOfConversation(m.conversationId)
      if (!survey || survey.channelKind !== 'webchat' || survey.state !== 'asked') return false
      return record(m.conversationId, survey, m.score, m.comment, 'webchat')
    },

    /** The e-mail rating page: the survey behind a link, if it is one. */
    surveyOfToken: (token: string) => deps.store.surveyByToken(token),

    /** The rating confirmed on the e-mail page. */
    async answerByMail(token: string, score: number, comment: string | null): Promise<'recorded' | 'answered_before' | 'not_found'> {
      const survey = await deps.store.surveyByToken(token)
      if (!survey) return 'not_found'
      if (survey.state !== 'asked') return 'answered_before'
      return (await record(survey.conversationId, survey, score, comment, survey.channelKind)) ? 'recorded' : 'answered_before'
    },
  }
}

export type AskSurvey = ReturnType<typeof createAskSurvey>
