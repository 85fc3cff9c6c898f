// Tests for deflection in chat.ts: while the citizen types (debounced), kb_search goes to the hub only before a
// consultant joins; results for an older text are dropped; sending or emptying the box clears the suggestions;
// "did it help?" is sent once per article.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VisitorFrame, VisitorServerFrame, WelcomeFrame } from '../../protocol/frames.ts'
import { Chat, KB_DEBOUNCE_MS } from './chat.ts'
import { dict } from './i18n.ts'
import { CONV, event, FakeView, MemoryStorage } from './test-fakes.ts'

const TOKEN = 'tok_0123456789abcdef'
const ARTICLE = '5b0e8d52-1f3a-4c6b-9d7e-2a4b6c8d0e1f'
const ARTICLE2 = '6c1f9e63-2a4b-4d7c-8e9f-3b5c7d9e1f20'
const item = (id = ARTICLE, title = 'Jak zarejestrować się jako bezrobotny') => ({ id, title, excerpt: 'Zarejestrujesz się…', text: 'Zarejestrujesz się w powiatowym urzędzie pracy.' })

function setup(conversations: WelcomeFrame['conversations'] = []) {
  const sent: VisitorFrame[] = []
  let connected = true
  const view = new FakeView()
  const chat = new Chat({ send: (f) => (connected ? (sent.push(f), true) : false), view, kv: new MemoryStorage(), t: dict('pl'), lang: 'pl', page: 'https://urzad.example/' })
  chat.start()
  const hub = (f: VisitorServerFrame) => chat.onFrame(f)
  hub({ type: 'welcome', visitorToken: TOKEN, conversations })
  const searches = () => sent.filter((f) => f.type === 'kb_search')
  const feedback = () => sent.filter((f) => f.type === 'kb_feedback')
  return { chat, view, hub, searches, feedback, setConnected: (v: boolean) => (connected = v) }
}

describe('knowledge-base suggestions while typing', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('searches once the typing pauses, with the trimmed text, and only for 3+ characters and two words', () => {
    const { chat, searches } = setup()
    chat.input('jak')
    vi.advanceTimersByTime(KB_DEBOUNCE_MS * 2)
    expect(searches()).toEqual([]) // one word
    chat.input('a b')
    chat.input('jak zar')
    vi.advanceTimersByTime(KB_DEBOUNCE_MS - 1)
    chat.input('  jak   zarejestrować się ')
    vi.advanceTimersByTime(KB_DEBOUNCE_MS - 1)
    expect(searches()).toEqual([])
    vi.advanceTimersByTime(1)
    expect(searches()).toEqual([{ type: 'kb_search', q: 'jak zarejestrować się' }])
    chat.input('jak zarejestrować się ') // the same query: not again
    vi.advanceTimersByTime(KB_DEBOUNCE_MS)
    expect(searches()).toHaveLength(1)
    chat.input('x '.repeat(150))
    vi.advanceTimersByTime(KB_DEBOUNCE_MS)
    expect((searches()[1] as { q: string }).q.length).toBeLessThanOrEqual(200)
  })

  it('shows results for the current text, drops results for an older one, and clears on send or an empty box', () => {
    const { chat, view, hub } = setup()
    chat.input('jak zarejestrować')
    vi.advanceTimersByTime(KB_DEBOUNCE_MS)
    chat.input('jak zarejestrować się')
    hub({ type: 'kb_results', q: 'jak zarejestrować', items: [item()] })
    expect(view.suggestionList).toEqual([]) // stale: the citizen typed on
    vi.advanceTimersByTime(KB_DEBOUNCE_MS)
    hub({ type: 'kb_results', q: 'jak zarejestrować się', items: [item()] })
    expect(view.suggestionList).toEqual([item()])

    chat.input('')
    expect(view.suggestionList).toEqual([])
    chat.input('jak zarejestrować się')
    vi.advanceTimersByTime(KB_DEBOUNCE_MS)
    hub({ type: 'kb_results', q: 'jak zarejestrować się', items: [item()] })
    expect(view.suggestionList).toHaveLength(1)
    chat.submit('jak zarejestrować się')
    expect(view.suggestionList).toEqual([])
    hub({ type: 'kb_results', q: 'jak zarejestrować się', items: [item()] }) // late, after sending
    expect(view.suggestionList).toEqual([])
  })

  it('keeps searching while the chat waits in the queue, and stops once a consultant has written', () => {
    const { chat, view, hub, searches } = setup([{ id: CONV, lastSeq: 2, status: 'queued' }])
    hub({ type: 'event', conversationId: CONV, event: event(1, { direction: 'in', text: 'Pytanie', author: { kind: 'contact', id: null, name: null } }) })
    hub({ type: 'event', conversationId: CONV, event: event(2, { text: 'Dziękujemy, konsultant wkrótce odpowie.', author: { kind: 'system', id: null, name: null } }) })
    chat.input('zasiłek dla bezrobotnych')
    vi.advanceTimersByTime(KB_DEBOUNCE_MS)
    expect(searches()).toHaveLength(1) // an automatic message is not a consultant
    hub({ type: 'kb_results', q: 'zasiłek dla bezrobotnych', items: [item()] })
    expect(view.suggestionList).toHaveLength(1)

    hub({ type: 'event', conversationId: CONV, event: event(3, { text: 'Dzień dobry, w czym pomóc?' }) })
    expect(view.suggestionList).toEqual([]) // the consultant is here
    chat.input('zasiłek dla bezrobotnych jak')
    vi.advanceTimersByTime(KB_DEBOUNCE_MS)
    hub({ type: 'kb_results', q: 'zasiłek dla bezrobotnych jak', items: [item()] })
    expect(searches()).toHaveLength(1)
    expect(view.suggestionList).toEqual([])

    // Resolved: a new question may be answered by an article again.
    hub({ type: 'event', conversationId: CONV, event: event(4, { type: 'status', direction: null, text: null, data: { status: 'resolved' } }) })
    chat.input('nowe pytanie o staż')
    vi.advanceTimersByTime(KB_DEBOUNCE_MS)
    expect(searches()).toHaveLength(2)
  })

  it('sends "did it help?" once per shown article and marks the answer', () => {
    const { chat, view, hub, feedback, setConnected } = setup()
    chat.input('jak zarejestrować się')
    vi.advanceTimersByTime(KB_DEBOUNCE_MS)
    hub({ type: 'kb_results', q: 'jak zarejestrować się', items: [item(), item(ARTICLE2, 'Staż')] })
    expect(chat.kbFeedback('00000000-0000-4000-8000-000000000000', true)).toBe(false) // not shown
    expect(chat.kbFeedback(ARTICLE, true)).toBe(true)
    expect(chat.kbFeedback(ARTICLE, false)).toBe(false)
    expect(chat.kbFeedback(ARTICLE, true)).toBe(false)
    expect(feedback()).toEqual([{ type: 'kb_feedback', articleId: ARTICLE, helped: true }])
    expect(view.suggestionList).toEqual([{ ...item(), helped: true }, item(ARTICLE2, 'Staż')])

    setConnected(false)
    expect(chat.kbFeedback(ARTICLE2, false)).toBe(false)
    setConnected(true)
    expect(chat.kbFeedback(ARTICLE2, false)).toBe(true)
    expect(feedback()).toHaveLength(2)
  })
})
