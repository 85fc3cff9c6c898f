// The store's side of satisfaction surveys.
import type { ChannelKind } from '../../protocol/channel.ts'

export interface OpenSurvey {
  id: string
  conversationId: string
  /** Where it was asked: the answer is recorded as coming from there. */
  channelKind: ChannelKind
}

export interface SurveyRecord {
  id: string
  conversationId: string
  contactId: string
  channelKind: ChannelKind
  state: 'asked' | 'answered' | 'failed'
  score: number | null
}

export interface SurveyStore {
  /** One survey per conversation: null when it was asked already. */
  createSurvey(s: { conversationId: string; contactId: string; channelKind: ChannelKind; recipient: string; at: Date; token?: string }): Promise<{ id: string } | null>
  /** The survey of a conversation, if it was asked. */
  surveyOfConversation(conversationId: string): Promise<SurveyRecord | null>
  surveyByToken(token: string): Promise<SurveyRecord | null>
  surveyFailed(id: string): Promise<void>
  /** The contact's survey answered since `since`, the latest (a second reply to it is not a new message). */
  answeredSurveyOf(contactId: string, since: Date): Promise<OpenSurvey | null>
  /** The contact's survey asked since `since` and not yet answered, the latest first. */
  openSurveyOf(contactId: string, since: Date): Promise<OpenSurvey | null>
  /** Records the answer once; false when it was answered meanwhile. */
  answerSurvey(id: string, score: number, comment: string | null, at: Date): Promise<boolean>
}
