// What the chat shows, from timelines and the outbox: messages oldest conversation first, status lines, unsent messages.
import type { TimelineEvent } from '../../protocol/rest.ts'
import type { Dict } from './i18n.ts'
import type { Timeline } from './timeline.ts'

export type MessageState = 'sending' | 'sent' | 'failed'
export type ConnectionState = 'connecting' | 'online' | 'offline'
export type Item =
  | {
      kind: 'msg'
      key: string
      dir: 'in' | 'out'
      author: string
      text: string
      at: string
      state: MessageState
      error?: string
      clientId?: string
      /** Files sent with the message that the visitor can download. */
      files?: ChatFile[]
    }
  | { kind: 'sys'; key: string; text: string }
  | SurveyItem

/**
 * The satisfaction survey the hub asked after resolving a chat (a `survey` event with data.asked), where that event
 * is in the timeline; `answered` once a later `survey` event carries the score. `sending` and `error` are the
 * Chat's own state while the answer is on its way (chatItems never sets them).
 */
export interface SurveyItem {
  kind: 'survey'
  key: string
  conversationId: string
  answered: null | { score: number; comment: string | null }
  sending?: boolean
  error?: string
}

export interface ChatFile {
  id: string
  name: string
  size: number | null
}

/** The stored attachments of a message event. */
function filesOf(ev: TimelineEvent): ChatFile[] {
  const list = ev.data?.attachments
  if (!Array.isArray(list)) return []
  return list.flatMap((a: unknown) => {
    const f = a as { id?: unknown; name?: unknown; size?: unknown; state?: unknown }
    return typeof f.id === 'string' && f.state === 'stored' ? [{ id: f.id, name: typeof f.name === 'string' ? f.name : 'plik', size: typeof f.size === 'number' ? f.size : null }] : []
  })
}

/** The unsent messages as the outbox keeps them. */
export interface PendingMessage {
  clientId: string
  text: string
  createdAt: string
  state: MessageState
  error?: string
}

export function chatItems(timelines: Iterable<Timeline>, pending: readonly PendingMessage[], t: Dict): Item[] {
  const out: Item[] = []
  const convs = [...timelines].sort((a, b) => cmp(startOf(a), startOf(b)))
  for (const tl of convs) {
    const evs = tl.events
    for (let i = 0; i < evs.length; i++) {
      const ev = evs[i]!
      if (ev.type === 'message' && typeof ev.text === 'string') {
        const dir = ev.direction ?? (ev.author?.kind === 'contact' ? 'in' : 'out')
        const author = dir === 'in' ? t.you : ev.author?.name || (ev.author?.kind === 'system' ? t.system : t.staff)
        const files = filesOf(ev)
        out.push({ kind: 'msg', key: key(ev), dir, author, text: ev.text, at: ev.createdAt, state: 'sent', ...(files.length ? { files } : {}) })
      } else if (ev.type === 'status') {
        const text = statusText(t, ev.data)
        if (text) out.push({ kind: 'sys', key: 'e:' + ev.id, text })
      } else if (isAsk(ev)) {
        // Answered by the first score after it; a question asked again later (resolved again) replaces an unanswered one.
        let answered: SurveyItem['answered'] = null
        let superseded = false
        for (let j = i + 1; j < evs.length && !answered && !superseded; j++) {
          const d = evs[j]!.data
          if (evs[j]!.type !== 'survey') continue
          if (typeof d?.score === 'number') answered = { score: d.score, comment: typeof d.comment === 'string' && d.comment.trim() ? d.comment : null }
          else superseded = isAsk(evs[j]!)
        }
        if (!superseded) out.push({ kind: 'survey', key: 'e:' + ev.id, conversationId: ev.conversationId, answered })
      }
    }
  }
  const shown = new Set(out.map((i) => i.key))
  for (const p of pending) {
    const k = 'c:' + p.clientId
    if (shown.has(k)) continue
    const item: Item = { kind: 'msg', key: k, dir: 'in', author: t.you, text: p.text, at: p.createdAt, state: p.state }
    if (p.error) item.error = p.error
    item.clientId = p.clientId
    out.push(item)
  }
  return out
}

/** The hub asked this web chat's citizen to rate the conversation. */
const isAsk = (ev: TimelineEvent): boolean => ev.type === 'survey' && ev.data?.asked === true && (ev.data.channel ?? 'webchat') === 'webchat'

/** A short system line for a status change worth telling the citizen about, or ''. */
function statusText(t: Dict, data: Record<string, unknown> | null): string {
  const transition = data?.transition
  if (data?.status === 'resolved') return t.resolved
  if (transition === 'reopened') return t.reopened
  if (data?.status === 'assigned' && transition !== 'resumed') return t.assigned
  return ''
}

/** A message's key stays the same from "sending" to "sent": by clientId when it has one. */
const key = (ev: TimelineEvent): string => (ev.clientId ? 'c:' + ev.clientId : 'e:' + ev.id)

const startOf = (tl: Timeline): number => {
  const t = Date.parse(tl.events[0]?.createdAt ?? '')
  return isNaN(t) ? Infinity : t
}

const cmp = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0)

