// Tests for the post-chat survey in chat.ts: rate() sends the survey frame once, the hub's answer event makes the
// item answered, an error frame or a lost socket lets the citizen retry, and an offline widget says so and sends nothing.
import { describe, expect, it } from 'vitest'
import type { VisitorFrame, VisitorServerFrame } from '../../protocol/frames.ts'
import { Chat } from './chat.ts'
import type { SurveyItem } from './chat-items.ts'
import { dict } from './i18n.ts'
import { CONV, CONV2, event, FakeView, MemoryStorage } from './test-fakes.ts'

const TOKEN = 'tok_0123456789abcdef'
const t = dict('pl')

function setup() {
  const sent: VisitorFrame[] = []
  let connected = true
  const view = new FakeView()
  const chat = new Chat({ send: (f) => (connected ? (sent.push(f), true) : false), view, kv: new MemoryStorage(), t, lang: 'pl', page: 'https://urzad.example/' })
  chat.start()
  const hub = (f: VisitorServerFrame) => chat.onFrame(f)
  hub({ type: 'welcome', visitorToken: TOKEN, conversations: [{ id: CONV, lastSeq: 3, status: 'resolved' }] })
  hub({ type: 'event', conversationId: CONV, event: event(1, { direction: 'in', text: 'Pytanie', author: { kind: 'contact', id: null, name: null } }) })
  hub({ type: 'event', conversationId: CONV, event: event(2, { type: 'status', direction: null, text: null, data: { status: 'resolved' } }) })
  hub({ type: 'event', conversationId: CONV, event: event(3, { type: 'survey', direction: 'out', text: null, data: { asked: true, channel: 'webchat' } }) })
  const survey = () => view.items.find((i): i is SurveyItem => i.kind === 'survey')
  const frames = () => sent.filter((f) => f.type === 'survey')
  return { chat, view, hub, survey, frames, setConnected: (v: boolean) => (connected = v) }
}

const answered = (seq: number, score: number, comment?: string): VisitorServerFrame => ({
  type: 'event',
  conversationId: CONV,
  event: event(seq, { type: 'survey', direction: 'in', text: null, author: { kind: 'contact', id: null, name: null }, data: { score, comment: comment ?? null, channel: 'webchat' } }),
})

describe('the post-chat survey', () => {
  it('shows the asked survey, sends the answer once, and is answered by the hub event', () => {
    const { chat, hub, survey, frames } = setup()
    expect(survey()).toMatchObject({ conversationId: CONV, answered: null })
    expect(survey()).not.toHaveProperty('sending')

    chat.rate(CONV, 4, '  Bardzo pomocna rozmowa ')
    expect(frames()).toEqual([{ type: 'survey', conversationId: CONV, score: 4, comment: 'Bardzo pomocna rozmowa' }])
    expect(survey()).toMatchObject({ sending: true, answered: null })
    chat.rate(CONV, 4, 'again') // a double click while sending
    expect(frames()).toHaveLength(1)

    hub(answered(4, 4, 'Bardzo pomocna rozmowa'))
    expect(survey()).toEqual({ kind: 'survey', key: expect.any(String), conversationId: CONV, answered: { score: 4, comment: 'Bardzo pomocna rozmowa' } })
  })

  it('leaves out an empty comment, cuts a long one, and refuses a score outside 1–5', () => {
    const { chat, frames } = setup()
    chat.rate(CONV, 0, '')
    chat.rate(CONV, 6, '')
    chat.rate(CONV, 2.5, '')
    expect(frames()).toEqual([])
    chat.rate(CONV, 1, '   ')
    expect(frames()).toEqual([{ type: 'survey', conversationId: CONV, score: 1 }])
    const long = setup()
    long.chat.rate(CONV, 5, 'x'.repeat(1200))
    expect((long.frames()[0] as { comment: string }).comment).toHaveLength(1000)
  })

  it('shows an error frame for that conversation and lets the citizen send again', () => {
    const { chat, view, hub, survey, frames } = setup()
    chat.rate(CONV, 3, '')
    hub({ type: 'error', code: 'not_found', message: 'no open survey', conversationId: CONV })
    expect(survey()).toMatchObject({ sending: false, error: t.surveyFailed, answered: null })
    expect(view.notices).toEqual([])
    expect(view.items.some((i) => i.kind === 'msg')).toBe(true) // the conversation is kept
    chat.rate(CONV, 3, '')
    expect(frames()).toHaveLength(2)
    expect(survey()).toMatchObject({ sending: true })
    expect(survey()).not.toHaveProperty('error')
  })

  it('takes an error without a conversation as the answer in flight, but not one about another conversation', () => {
    const { chat, view, hub, survey } = setup()
    chat.rate(CONV, 5, '')
    hub({ type: 'error', code: 'forbidden', message: 'not yours', conversationId: CONV2 })
    expect(survey()).toMatchObject({ sending: true })
    expect(view.notices).toHaveLength(1)
    hub({ type: 'error', code: 'bad_frame', message: 'bad frame' })
    expect(survey()).toMatchObject({ sending: false, error: t.surveyFailed })
  })

  it('says so when offline, keeps the form, and sends nothing', () => {
    const { chat, survey, frames, setConnected } = setup()
    setConnected(false)
    chat.rate(CONV, 4, 'x')
    expect(frames()).toEqual([])
    expect(survey()).toMatchObject({ sending: false, error: t.surveyOffline, answered: null })

    setConnected(true)
    chat.onClose()
    chat.rate(CONV, 4, 'x') // the socket is down until the next welcome
    expect(frames()).toEqual([])
    expect(survey()).toMatchObject({ error: t.surveyOffline })
  })

  it('lets the citizen retry when the socket drops while the answer is on its way', () => {
    const { chat, hub, survey, frames } = setup()
    chat.rate(CONV, 2, '')
    chat.onClose()
    expect(survey()).toMatchObject({ sending: false, error: t.surveyOffline })
    hub({ type: 'welcome', visitorToken: TOKEN, conversations: [{ id: CONV, lastSeq: 3, status: 'resolved' }] })
    chat.rate(CONV, 2, '')
    expect(frames()).toHaveLength(2)
  })

  it('forgets a pending answer with the chat', () => {
    const { chat, survey } = setup()
    chat.rate(CONV, 2, '')
    chat.forget()
    expect(survey()).toBeUndefined()
  })
})
