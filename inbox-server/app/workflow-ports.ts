// The store's side of the inbox workflow: labels (and which conversations have them), canned responses, and the
// notifications of consultants mentioned in notes.
import type { CannedResponse, Label, LabelRef, Notification } from '../../protocol/workflow.ts'
import type { WriteResult } from './admin-ports.ts'

export interface WorkflowStore {
  listLabels(): Promise<Label[]>
  insertLabel(l: { name: string; color: string; description: string | null }): Promise<WriteResult<Label>>
  patchLabel(id: string, p: Partial<{ name: string; color: string; description: string | null }>): Promise<WriteResult<Label>>
  deleteLabel(id: string): Promise<boolean>
  /** The labels of each of these conversations (conversation id → labels, by name). */
  labelsOf(conversationIds: readonly string[]): Promise<Map<string, LabelRef[]>>

  listCannedResponses(q?: string): Promise<CannedResponse[]>
  insertCannedResponse(c: { shortcut: string; title: string; body: string }): Promise<WriteResult<CannedResponse>>
  patchCannedResponse(id: string, p: Partial<{ shortcut: string; title: string; body: string }>): Promise<WriteResult<CannedResponse>>
  deleteCannedResponse(id: string): Promise<boolean>

  listNotifications(consultantId: string, limit: number): Promise<{ items: Notification[]; unread: number }>
  /** Marks read the given ones (or all) of this consultant; returns how many changed. */
  markNotificationsRead(consultantId: string, which: { ids: string[] } | { all: true }, at: Date): Promise<number>

  insertUpload(u: { id: string; consultantId: string; name: string; contentType: string; content: Uint8Array; at: Date }): Promise<void>
  /** Forgets uploads never sent, made before `before`; returns how many. */
  deleteUploadsBefore(before: Date): Promise<number>
}

export interface TakenUpload {
  id: string
  name: string
  contentType: string
  size: number
  content: Uint8Array
}

export interface WorkflowTxStore {
  /** Takes these uploads of this consultant (they are deleted); null when any is missing, not theirs or taken. */
  takeUploads(consultantId: string, ids: readonly string[]): Promise<TakenUpload[] | null>
  /** Sets the conversation's labels to exactly `labelIds`; returns the labels added and removed (unknown ids: null). */
  setConversationLabels(conversationId: string, labelIds: readonly string[]): Promise<{ added: LabelRef[]; removed: LabelRef[] } | null>
  insertNotifications(rows: { consultantId: string; kind: 'mention'; conversationId: string; eventId: string; actorId: string; actorName: string; excerpt: string; at: Date }[]): Promise<{ consultantId: string; notification: Notification }[]>
}
