// Tests for chat-items.ts: files sent by staff become downloadable entries of their message, only once stored; the
// satisfaction survey takes the place of the hub's question and is answered by a later score.
import { describe, expect, it } from 'vitest'
import { chatItems } from './chat-items.ts'
import { dict } from './i18n.ts'
import { createTimeline, merge } from './timeline.ts'
import { CONV, event } from './test-fakes.ts'

describe('chat items', () => {
  it('lists the stored files of a staff message, not pending or failed ones', () => {
    const tl = createTimeline()
    const attachments = [
      { id: 'a'.repeat(22), kind: 'file', name: 'wzór wniosku.pdf', contentType: 'application/pdf', size: 2048, state: 'stored' },
      { id: 'b'.repeat(22), kind: 'image', name: 'x.png', contentType: 'image/png', size: null, state: 'pending' },
    ]
    merge(tl, event(1, { text: 'W załączniku wzór.', data: { attachments } }))
    merge(tl, event(2, { text: 'Bez pliku' }))
    const [withFile, without] = chatItems([tl], [], dict('pl'))
    expect(withFile).toMatchObject({ kind: 'msg', files: [{ id: 'a'.repeat(22), name: 'wzór wniosku.pdf', size: 2048 }] })
    expect(without).not.toHaveProperty('files')
  })

  const asked = (seq: number) => event(seq, { type: 'survey', direction: 'out', text: 'Jak oceniasz rozmowę?', author: { kind: 'system', id: null, name: null }, data: { asked: true, channel: 'webchat' } })
  const answer = (seq: number, score: number, comment: string | null = null) =>
    event(seq, { type: 'survey', direction: 'in', text: null, author: { kind: 'contact', id: null, name: null }, data: { score, comment, channel: 'webchat' } })
  const resolved = (seq: number) => event(seq, { type: 'status', direction: null, text: null, data: { status: 'resolved' } })

  it('puts an unanswered survey where the hub asked it', () => {
    const tl = createTimeline()
    for (const ev of [event(1, { text: 'Pytanie' }), resolved(2), asked(3), event(4, { text: 'Jeszcze jedno' })]) merge(tl, ev)
    const items = chatItems([tl], [], dict('pl'))
    expect(items.map((i) => i.kind)).toEqual(['msg', 'sys', 'survey', 'msg'])
    expect(items[2]).toEqual({ kind: 'survey', key: 'e:' + tl.events[2]!.id, conversationId: CONV, answered: null })
  })

  it('is answered by a later score, with its comment (or null)', () => {
    const tl = createTimeline()
    for (const ev of [resolved(1), asked(2), answer(3, 4, 'Szybko i konkretnie')]) merge(tl, ev)
    const surveys = chatItems([tl], [], dict('pl')).filter((i) => i.kind === 'survey')
    expect(surveys).toMatchObject([{ answered: { score: 4, comment: 'Szybko i konkretnie' } }])
    const bare = createTimeline()
    for (const ev of [asked(1), answer(2, 2, '  ')]) merge(bare, ev)
    expect(chatItems([bare], [], dict('en'))).toMatchObject([{ kind: 'survey', answered: { score: 2, comment: null } }])
  })

  it('ignores a score before the question, surveys of other channels, and an unanswered question asked again', () => {
    const tl = createTimeline()
    const phone = event(3, { type: 'survey', text: null, data: { asked: true, channel: 'sms' } })
    for (const ev of [answer(1, 5), asked(2), phone, asked(4)]) merge(tl, ev)
    const surveys = chatItems([tl], [], dict('pl')).filter((i) => i.kind === 'survey')
    expect(surveys).toEqual([{ kind: 'survey', key: 'e:' + tl.events[3]!.id, conversationId: CONV, answered: null }])
  })

  it('keeps an answered survey when the chat is resolved and asked again', () => {
    const tl = createTimeline()
    for (const ev of [asked(1), answer(2, 5), asked(3), answer(4, 3, 'Gorzej')]) merge(tl, ev)
    const surveys = chatItems([tl], [], dict('pl')).filter((i) => i.kind === 'survey')
    expect(surveys.map((s) => s.answered)).toEqual([
      { score: 5, comment: null },
      { score: 3, comment: 'Gorzej' },
    ])
  })
})
