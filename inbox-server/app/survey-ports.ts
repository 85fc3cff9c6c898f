// The store's side of satisfaction surveys.
import type { ChannelKind } from '../../protocol/channel.ts'

export interface OpenSurvey {
  id: string
  conversationId: string
}

export interface SurveyStore {
  /** One survey per conversation: null when it was asked already. */
  createSurvey(s: { conversationId: string; contactId: string; channelKind: ChannelKind; recipient: string; at: Date }): Promise<{ id: string } | null>
  surveyFailed(id: string): Promise<void>
  /** The contact's survey asked since `since` and not yet answered, the latest first. */
  openSurveyOf(contactId: string, since: Date): Promise<OpenSurvey | null>
  /** Records the answer once; false when it was answered meanwhile. */
  answerSurvey(id: string, score: number, comment: string | null, at: Date): Promise<boolean>
}
