// Tests for chat.ts: hello/welcome/subscribe, sends and acks, outbox resend after reconnect, errors, typing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VisitorFrame, VisitorServerFrame, WelcomeFrame } from '../../protocol/frames.ts'
import { Chat, CONVERSATION_KEY, GAP_WAIT_MS, TOKEN_KEY } from './chat.ts'
import { dict } from './i18n.ts'
import { OUTBOX_KEY } from './outbox.ts'
import { CONV, CONV2, event, FakeView, MemoryStorage } from './test-fakes.ts'

const TOKEN = 'tok_0123456789abcdef'

function setup(kv = new MemoryStorage()) {
  const sent: VisitorFrame[] = []
  let connected = true
  const view = new FakeView()
  const chat = new Chat({
    send: (f) => (connected ? (sent.push(f), true) : false),
    view,
    kv,
    t: dict('pl'),
    lang: 'pl',
    page: 'https://urzad.example/oferty?x=1',
  })
  chat.start()
  const hub = (f: VisitorServerFrame) => chat.onFrame(f)
  const setConnected = (v: boolean) => (connected = v)
  return { chat, view, sent, kv, hub, setConnected }
}

const welcome = (conversations: WelcomeFrame['conversations'] = []): VisitorServerFrame => ({
  type: 'welcome',
  visitorToken: TOKEN,
  conversations,
})

describe('Chat', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('says hello with the stored token, language and page', () => {
    const kv = new MemoryStorage()
    const { chat, sent } = setup(kv)
    chat.onOpen()
    expect(sent).toEqual([{ type: 'hello', lang: 'pl', page: 'https://urzad.example/oferty?x=1' }])
    kv.setItem(TOKEN_KEY, TOKEN)
    chat.onOpen()
    expect(sent[1]).toEqual({ type: 'hello', lang: 'pl', page: 'https://urzad.example/oferty?x=1', visitorToken: TOKEN })
  })

  it('stores the token from welcome and subscribes to every listed conversation from seq 0', () => {
    const { view, sent, kv, hub } = setup()
    expect(view.state).toBe('connecting')
    hub(welcome([
      { id: CONV, lastSeq: 3, status: 'assigned' },
      { id: CONV2, lastSeq: 9, status: 'resolved' },
    ]))
    expect(kv.getItem(TOKEN_KEY)).toBe(TOKEN)
    expect(view.state).toBe('online')
    expect(sent).toEqual([
      { type: 'subscribe', conversationId: CONV, afterSeq: 0 },
      { type: 'subscribe', conversationId: CONV2, afterSeq: 0 },
    ])
    expect(kv.getItem(CONVERSATION_KEY)).toBe(CONV) // the open one becomes current
  })

  it('first send has no conversationId; the ack names it, shows the message once, and later sends use it', () => {
    const { chat, view, sent, kv, hub } = setup()
    hub(welcome())
    expect(chat.submit('  Dzień dobry  ')).toBe(true)
    const send = sent.at(-1) as Extract<VisitorFrame, { type: 'send' }>
    expect(send).toMatchObject({ type: 'send', text: 'Dzień dobry' })
    expect(send.conversationId).toBeUndefined()
    expect(send.clientId).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(view.messages()).toMatchObject([{ dir: 'in', state: 'sending', text: 'Dzień dobry' }])

    hub({ type: 'ack', clientId: send.clientId, conversationId: CONV, id: event(1).id, seq: 1, createdAt: '2026-11-30T10:00:00.000Z' })
    expect(kv.getItem(CONVERSATION_KEY)).toBe(CONV)
    expect(kv.getItem(OUTBOX_KEY)).toBeNull()
    expect(sent.at(-1)).toEqual({ type: 'subscribe', conversationId: CONV, afterSeq: 0 })
    expect(view.messages()).toMatchObject([{ dir: 'in', state: 'sent', text: 'Dzień dobry', key: 'c:' + send.clientId }])

    // The same stored event arrives from the subscribe replay: still one message.
    hub({ type: 'event', conversationId: CONV, event: event(1, { direction: 'in', text: 'Dzień dobry', clientId: send.clientId, author: { kind: 'contact', id: null, name: null } }) })
    expect(view.messages()).toHaveLength(1)

    chat.submit('Drugie pytanie')
    expect(sent.at(-1)).toMatchObject({ type: 'send', conversationId: CONV, text: 'Drugie pytanie' })
  })

  it('refuses empty and over-long text', () => {
    const { chat, view } = setup()
    expect(chat.submit('   \n ')).toBe(false)
    expect(chat.submit('x'.repeat(4001))).toBe(false)
    expect(chat.submit('x'.repeat(4000))).toBe(true)
    expect(view.messages()).toHaveLength(1)
  })

  it('keeps unacked sends across a reload and resends them with the same clientId after welcome', () => {
    const kv = new MemoryStorage()
    const first = setup(kv)
    first.hub(welcome())
    first.setConnected(false)
    first.chat.onClose()
    first.chat.submit('Wiadomość offline')
    expect(first.view.state).toBe('offline')
    const clientId = (first.view.messages()[0] as { clientId: string }).clientId

    // Reload: a new Chat on the same storage shows the message as sending before the hub answers.
    const second = setup(kv)
    expect(second.view.messages()).toMatchObject([{ state: 'sending', text: 'Wiadomość offline', clientId }])
    second.chat.onOpen()
    expect(second.sent.filter((f) => f.type === 'send')).toHaveLength(0) // not before welcome
    second.hub(welcome())
    expect(second.sent.filter((f) => f.type === 'send')).toEqual([{ type: 'send', clientId, text: 'Wiadomość offline' }])

    // A reconnect before the ack sends it again, same clientId.
    second.chat.onClose()
    second.chat.onOpen()
    second.hub(welcome())
    const sends = second.sent.filter((f) => f.type === 'send')
    expect(sends).toHaveLength(2)
    expect(sends[1]).toEqual(sends[0])
  })

  it('shows staff messages with the author, orders by seq, drops duplicates and never shows notes', () => {
    const { view, hub } = setup()
    hub(welcome([{ id: CONV, lastSeq: 4, status: 'assigned' }]))
    hub({ type: 'event', conversationId: CONV, event: event(2, { text: 'Jak mogę pomóc?' }) })
    hub({ type: 'event', conversationId: CONV, event: event(1, { direction: 'in', text: 'Dzień dobry', author: { kind: 'contact', id: null, name: null } }) })
    hub({ type: 'event', conversationId: CONV, event: event(3, { type: 'note', direction: null, text: 'PRIVATE NOTE' }) })
    hub({ type: 'event', conversationId: CONV, event: event(2, { text: 'Jak mogę pomóc?' }) })
    hub({ type: 'event', conversationId: CONV, event: event(4, { type: 'status', direction: null, text: null, data: { status: 'resolved' }, author: { kind: 'system', id: null, name: null } }) })
    expect(view.items.map((i) => (i.kind === 'msg' ? `${i.dir}:${i.author}:${i.text}` : i.kind === 'sys' ? `sys:${i.text}` : i.kind))).toEqual([
      'in:Ty:Dzień dobry',
      'out:Anna Nowak:Jak mogę pomóc?',
      'sys:Rozmowa zakończona',
    ])
    expect(JSON.stringify(view.items)).not.toContain('PRIVATE NOTE')
  })

  it('re-subscribes from the last contiguous seq on a gap, once, and takes synced lastSeq as its own', () => {
    const { sent, hub } = setup()
    hub(welcome([{ id: CONV, lastSeq: 0, status: 'assigned' }]))
    hub({ type: 'synced', conversationId: CONV, lastSeq: 0 })
    sent.length = 0
    hub({ type: 'event', conversationId: CONV, event: event(1) })
    hub({ type: 'event', conversationId: CONV, event: event(2) })
    hub({ type: 'event', conversationId: CONV, event: event(4) })
    hub({ type: 'event', conversationId: CONV, event: event(5) })
    expect(sent).toEqual([{ type: 'subscribe', conversationId: CONV, afterSeq: 2 }])
    // The replay brings 4 and 5 again but never 3 (a private note), then synced.
    hub({ type: 'event', conversationId: CONV, event: event(4) })
    hub({ type: 'event', conversationId: CONV, event: event(5) })
    hub({ type: 'synced', conversationId: CONV, lastSeq: 5 })
    hub({ type: 'event', conversationId: CONV, event: event(6) })
    vi.advanceTimersByTime(GAP_WAIT_MS * 2)
    expect(sent).toHaveLength(1)
    // A reconnect then subscribes from 6, not from the note's hole.
    sent.length = 0
    hub(welcome([{ id: CONV, lastSeq: 6, status: 'assigned' }]))
    expect(sent).toEqual([{ type: 'subscribe', conversationId: CONV, afterSeq: 6 }])
  })

  it('gives up on a hole after a while if no synced comes (older hub)', () => {
    const { sent, hub } = setup()
    hub(welcome([{ id: CONV, lastSeq: 0, status: 'assigned' }]))
    sent.length = 0
    for (const s of [1, 2, 4, 5]) hub({ type: 'event', conversationId: CONV, event: event(s) })
    expect(sent).toEqual([{ type: 'subscribe', conversationId: CONV, afterSeq: 2 }])
    vi.advanceTimersByTime(GAP_WAIT_MS)
    hub({ type: 'event', conversationId: CONV, event: event(7) })
    expect(sent).toEqual([
      { type: 'subscribe', conversationId: CONV, afterSeq: 2 },
      { type: 'subscribe', conversationId: CONV, afterSeq: 5 },
    ])
  })

  it('keeps writing into a resolved conversation (the hub reopens it) and shows the status lines', () => {
    const { chat, view, sent, hub } = setup()
    hub(welcome([{ id: CONV, lastSeq: 1, status: 'assigned' }]))
    const sys = { direction: null, text: null, author: { kind: 'system' as const, id: null, name: null } }
    hub({ type: 'event', conversationId: CONV, event: event(1, { type: 'status', ...sys, data: { status: 'resolved', transition: 'resolved' } }) })
    chat.submit('Jeszcze pytanie')
    expect(sent.at(-1)).toMatchObject({ type: 'send', conversationId: CONV })
    hub({ type: 'event', conversationId: CONV, event: event(2, { type: 'status', ...sys, data: { status: 'queued', transition: 'reopened' } }) })
    hub({ type: 'event', conversationId: CONV, event: event(3, { type: 'status', ...sys, data: { status: 'assigned', transition: 'resumed' } }) })
    hub({ type: 'event', conversationId: CONV, event: event(4, { type: 'status', ...sys, data: { status: 'assigned', transition: 'assigned' } }) })
    expect(view.items.filter((i) => i.kind === 'sys').map((i) => i.text)).toEqual([
      'Rozmowa zakończona',
      'Rozmowa wznowiona',
      'Konsultant dołączył do rozmowy',
    ])
  })

  it('after a reconnect subscribes from what it already has', () => {
    const { chat, sent, hub } = setup()
    hub(welcome([{ id: CONV, lastSeq: 2, status: 'assigned' }]))
    hub({ type: 'event', conversationId: CONV, event: event(1) })
    hub({ type: 'event', conversationId: CONV, event: event(2) })
    chat.onClose()
    sent.length = 0
    chat.onOpen()
    hub(welcome([{ id: CONV, lastSeq: 3, status: 'assigned' }]))
    expect(sent.filter((f) => f.type === 'subscribe')).toEqual([{ type: 'subscribe', conversationId: CONV, afterSeq: 2 }])
  })

  it('marks a message failed on an error with its clientId, and retry sends the same clientId', () => {
    const { chat, view, sent, hub } = setup()
    hub(welcome())
    chat.submit('Pytanie')
    const clientId = (sent.at(-1) as { clientId: string }).clientId
    hub({ type: 'error', code: 'rate_limited', message: 'slow down', clientId })
    expect(view.messages()).toMatchObject([{ state: 'failed', error: dict('pl').errRate }])
    chat.retry(clientId)
    expect(view.messages()).toMatchObject([{ state: 'sending' }])
    expect(sent.at(-1)).toMatchObject({ type: 'send', clientId, text: 'Pytanie' })
    chat.discard(clientId)
    expect(view.messages()).toHaveLength(0)
  })

  it('sends again without a conversationId when the hub says the conversation is closed', () => {
    const { chat, sent, kv, hub } = setup()
    hub(welcome([{ id: CONV, lastSeq: 5, status: 'assigned' }]))
    chat.submit('Jeszcze jedno')
    const first = sent.at(-1) as Extract<VisitorFrame, { type: 'send' }>
    expect(first.conversationId).toBe(CONV)
    hub({ type: 'error', code: 'conversation_closed', message: 'closed', clientId: first.clientId })
    const again = sent.at(-1) as Extract<VisitorFrame, { type: 'send' }>
    expect(again).toEqual({ type: 'send', clientId: first.clientId, text: 'Jeszcze jedno' })
    expect(kv.getItem(CONVERSATION_KEY)).toBeNull()
    hub({ type: 'error', code: 'conversation_closed', message: 'closed', clientId: first.clientId })
    expect(sent.filter((f) => f.type === 'send')).toHaveLength(2) // no loop
  })

  it('drops a remembered conversation the hub does not know and sends without it', () => {
    const kv = new MemoryStorage()
    kv.setItem(TOKEN_KEY, TOKEN)
    kv.setItem(CONVERSATION_KEY, CONV2)
    const { chat, view, sent, hub } = setup(kv)
    hub(welcome())
    chat.submit('Halo')
    const first = sent.at(-1) as Extract<VisitorFrame, { type: 'send' }>
    expect(first.conversationId).toBe(CONV2)
    hub({ type: 'error', code: 'not_found', message: 'not found', clientId: first.clientId })
    expect(sent.at(-1)).toEqual({ type: 'send', clientId: first.clientId, text: 'Halo' })
    expect(view.messages()).toMatchObject([{ state: 'sending' }])
    hub({ type: 'ack', clientId: first.clientId, conversationId: CONV, id: event(2).id, seq: 2, createdAt: '2026-11-30T10:00:00.000Z' })
    expect(kv.getItem(CONVERSATION_KEY)).toBe(CONV)
    expect(view.messages()).toMatchObject([{ state: 'sent', text: 'Halo' }])
  })

  it('shows other errors as a notice', () => {
    const { view, hub } = setup()
    hub(welcome())
    hub({ type: 'error', code: 'internal', message: 'boom' })
    expect(view.notices).toEqual([dict('pl').errGeneric])
  })

  it('shows staff typing and hides it after 6 s or when their message arrives', () => {
    const { view, hub } = setup()
    hub(welcome([{ id: CONV, lastSeq: 0, status: 'assigned' }]))
    hub({ type: 'typing', conversationId: CONV, who: 'staff', on: true })
    expect(view.typing).toBe(true)
    vi.advanceTimersByTime(5999)
    expect(view.typing).toBe(true)
    vi.advanceTimersByTime(1)
    expect(view.typing).toBe(false)
    hub({ type: 'typing', conversationId: CONV, who: 'staff', on: true })
    hub({ type: 'event', conversationId: CONV, event: event(1) })
    expect(view.typing).toBe(false)
    hub({ type: 'typing', conversationId: CONV, who: 'visitor', on: true })
    expect(view.typing).toBe(false)
  })

  it('sends visitor typing only once a conversation exists, and on:false on send', () => {
    const { chat, sent, hub } = setup()
    hub(welcome())
    chat.input('P')
    expect(sent.filter((f) => f.type === 'typing')).toHaveLength(0)
    chat.submit('Pierwsza')
    const s = sent.at(-1) as { clientId: string }
    hub({ type: 'ack', clientId: s.clientId, conversationId: CONV, id: event(1).id, seq: 1, createdAt: '2026-11-30T10:00:00.000Z' })
    chat.input('D')
    chat.submit('Druga')
    expect(sent.filter((f) => f.type === 'typing')).toEqual([
      { type: 'typing', conversationId: CONV, on: true },
      { type: 'typing', conversationId: CONV, on: false },
    ])
  })

  it('counts unread staff messages while closed and clears them when opened', () => {
    const kv = new MemoryStorage()
    const { chat, view, hub } = setup(kv)
    hub(welcome([{ id: CONV, lastSeq: 0, status: 'assigned' }]))
    hub({ type: 'event', conversationId: CONV, event: event(1) })
    hub({ type: 'event', conversationId: CONV, event: event(2) })
    expect(view.unreadCount).toBe(2)
    chat.setOpen(true)
    expect(view.unreadCount).toBe(0)
    // After a reload the replayed history is not unread again.
    const again = setup(kv)
    again.hub(welcome([{ id: CONV, lastSeq: 2, status: 'assigned' }]))
    again.hub({ type: 'event', conversationId: CONV, event: event(1) })
    again.hub({ type: 'event', conversationId: CONV, event: event(2) })
    expect(again.view.unreadCount).toBe(0)
  })

  it('forgets the old conversation when the hub hands out a new visitor token', () => {
    const kv = new MemoryStorage()
    kv.setItem(TOKEN_KEY, 'old_token_0123456789')
    kv.setItem(CONVERSATION_KEY, CONV)
    const { sent, hub } = setup(kv)
    hub(welcome())
    expect(kv.getItem(TOKEN_KEY)).toBe(TOKEN)
    expect(kv.getItem(CONVERSATION_KEY)).toBeNull()
    expect(sent.filter((f) => f.type === 'subscribe')).toHaveLength(0)
  })

  it('subscribes to the remembered conversation and drops it quietly if the hub does not know it', () => {
    const kv = new MemoryStorage()
    kv.setItem(TOKEN_KEY, TOKEN)
    kv.setItem(CONVERSATION_KEY, CONV)
    const { view, sent, hub } = setup(kv)
    hub(welcome())
    expect(sent).toEqual([{ type: 'subscribe', conversationId: CONV, afterSeq: 0 }])
    hub({ type: 'error', code: 'not_found', message: 'no such conversation' })
    expect(kv.getItem(CONVERSATION_KEY)).toBeNull()
    expect(view.notices).toEqual([])
  })
})

describe('Chat queue position', () => {
  it('shows the place in the queue of the current conversation and hides it once a consultant has it', () => {
    const kv = new MemoryStorage()
    kv.setItem(TOKEN_KEY, TOKEN)
    kv.setItem(CONVERSATION_KEY, CONV)
    const sent: VisitorFrame[] = []
    const view = new FakeView()
    const chat = new Chat({ send: (f) => (sent.push(f), true), view, kv, t: dict('pl'), lang: 'pl', page: 'https://urzad.example/' })
    chat.start()
    chat.onFrame({ type: 'welcome', visitorToken: TOKEN, conversations: [{ id: CONV, lastSeq: 1, status: 'queued' }] })
    chat.onFrame({ type: 'queue', conversationId: CONV2, position: 7, etaSeconds: null })
    expect(view.position).toBeNull()
    chat.onFrame({ type: 'queue', conversationId: CONV, position: 3, etaSeconds: null })
    expect(view.position).toBe(3)
    expect(view.eta).toBeNull()
    chat.onFrame({ type: 'queue', conversationId: CONV, position: 2, etaSeconds: 120 })
    expect([view.position, view.eta]).toEqual([2, 120])
    chat.onFrame({ type: 'event', conversationId: CONV, event: event(2, { type: 'assignment', direction: null, text: null }) })
    expect(view.position).toBeNull()
  })
})

describe('Chat pre-chat topic', () => {
  it('offers the topics before the first message, sends the chosen one with it, and hides them once a conversation exists', () => {
    const sent: VisitorFrame[] = []
    const view = new FakeView()
    const chat = new Chat({ send: (f) => (sent.push(f), true), view, kv: new MemoryStorage(), t: dict('pl'), lang: 'pl', page: 'https://urzad.example/' })
    chat.start()
    chat.onOpen()
    const topics = [{ key: 'zasilek', name: 'Zasiłek dla bezrobotnych' }]
    chat.onFrame({ type: 'welcome', visitorToken: TOKEN, conversations: [], topics })
    expect(view.topicList).toEqual(topics)
    chat.chooseTopic('nieznany')
    chat.chooseTopic('zasilek')
    chat.submit('Kiedy dostanę zasiłek?')
    const send = sent.find((f) => f.type === 'send') as { clientId: string; topic?: string }
    expect(send.topic).toBe('zasilek')
    chat.onFrame({ type: 'ack', clientId: send.clientId, conversationId: CONV, id: event(1).id, seq: 1, createdAt: '2026-11-30T10:00:00.000Z' })
    expect(view.topicList).toBeNull()
  })
})
