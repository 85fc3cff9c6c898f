// Tests for "end and remove from this device" and data-session-only: chat.ts forget(), storage.ts forgetAll/pickStores.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VisitorFrame, VisitorServerFrame } from '../../protocol/frames.ts'
import { Chat, CONVERSATION_KEY, SEEN_KEY, TOKEN_KEY } from './chat.ts'
import { dict } from './i18n.ts'
import { OUTBOX_KEY } from './outbox.ts'
import { forgetAll, pickStores, PREFIX, safeStorage, type KV } from './storage.ts'
import { CONV, CONV2, event, FakeView, MemoryStorage } from './test-fakes.ts'

const TOKEN = 'tok_0123456789abcdef'
const NEW_TOKEN = 'tok_fedcba9876543210'

function setup(kv: KV = new MemoryStorage()) {
  const sent: VisitorFrame[] = []
  const view = new FakeView()
  const chat = new Chat({ send: (f) => (sent.push(f), true), view, kv, t: dict('pl'), lang: 'pl', page: 'https://urzad.example/' })
  chat.start()
  const hub = (f: VisitorServerFrame) => chat.onFrame(f)
  return { chat, view, sent, hub }
}

/** A visitor with a token, a remembered conversation with a staff reply they have seen, and the page's own key. */
function busyVisitor() {
  const kv = new MemoryStorage()
  kv.setItem('portal.theme', 'dark') // the host page's own data: never touched
  kv.setItem(TOKEN_KEY, TOKEN)
  const s = setup(kv)
  s.chat.onOpen()
  s.hub({ type: 'welcome', visitorToken: TOKEN, conversations: [{ id: CONV, lastSeq: 2, status: 'assigned' }] })
  s.hub({ type: 'event', conversationId: CONV, event: event(1, { direction: 'in', text: 'Mój PESEL to…', author: { kind: 'contact', id: null, name: null } }) })
  s.hub({ type: 'event', conversationId: CONV, event: event(2, { text: 'Dziękuję, sprawdzam.' }) })
  s.chat.setOpen(true)
  return { ...s, kv }
}

describe('Chat.forget', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('clears every inboxhub.* key, the timelines and the view; the next hello has no visitorToken', () => {
    const { chat, view, sent, hub, kv } = busyVisitor()
    kv.setItem('inboxhub.somethingOlder', 'x') // a key from an older widget version goes too
    expect(kv.getItem(CONVERSATION_KEY)).toBe(CONV)
    expect(kv.getItem(SEEN_KEY)).not.toBeNull()
    expect(view.messages()).toHaveLength(2)

    chat.forget()
    expect(kv.keys()).toEqual(['portal.theme'])
    expect(view.items).toEqual([])
    expect(view.unreadCount).toBe(0)
    expect(view.state).toBe('connecting')
    expect(view.forgottenCount).toBe(1)

    sent.length = 0
    chat.onOpen()
    expect(sent).toEqual([{ type: 'hello', lang: 'pl', page: 'https://urzad.example/' }])
    hub({ type: 'welcome', visitorToken: NEW_TOKEN, conversations: [] })
    expect(sent).toHaveLength(1) // nothing subscribed or resent for the old identity
    expect(kv.getItem(TOKEN_KEY)).toBe(NEW_TOKEN)
    expect(kv.getItem(CONVERSATION_KEY)).toBeNull()
    expect(view.items).toEqual([])
  })

  it('tells the hub the citizen left the conversation, from the tab that forgets only', () => {
    const { chat, sent } = busyVisitor()
    sent.length = 0
    chat.forget()
    expect(sent).toEqual([{ type: 'leave', conversationId: CONV }])

    const other = busyVisitor()
    other.sent.length = 0
    other.chat.forget(false)
    expect(other.sent).toEqual([])
  })

  it('sends nothing between forgetting and the new welcome, and ignores the old conversation afterwards', () => {
    const { chat, view, sent, hub } = busyVisitor()
    chat.forget()
    sent.length = 0
    chat.input('Nowe')
    expect(chat.submit('Nowe pytanie')).toBe(true) // kept as sending until the new welcome
    expect(sent).toEqual([])
    hub({ type: 'welcome', visitorToken: NEW_TOKEN, conversations: [] })
    expect(sent).toMatchObject([{ type: 'send', text: 'Nowe pytanie' }])
    expect((sent[0] as { conversationId?: string }).conversationId).toBeUndefined()
    expect(view.messages()).toMatchObject([{ text: 'Nowe pytanie', state: 'sending' }])
  })

  it('drops unsent messages, sending and failed, and never resends them', () => {
    const kv = new MemoryStorage()
    const { chat, view, sent, hub } = setup(kv)
    hub({ type: 'welcome', visitorToken: TOKEN, conversations: [] })
    chat.submit('Pierwsza')
    chat.submit('Druga')
    const failed = (sent.at(-1) as { clientId: string }).clientId
    hub({ type: 'error', code: 'rate_limited', message: 'slow', clientId: failed })
    chat.onClose()
    chat.submit('Offline')
    expect(view.messages().map((m) => m.state)).toEqual(['sending', 'failed', 'sending'])
    expect(kv.getItem(OUTBOX_KEY)).not.toBeNull()

    chat.forget()
    expect(view.messages()).toEqual([])
    expect(kv.getItem(OUTBOX_KEY)).toBeNull()
    sent.length = 0
    chat.onOpen()
    hub({ type: 'welcome', visitorToken: NEW_TOKEN, conversations: [] })
    expect(sent.filter((f) => f.type === 'send')).toEqual([])
    // A reload on the same storage finds no outbox either.
    expect(setup(kv).view.messages()).toEqual([])
  })

  it('without wipe (another tab already cleared storage) resets memory but leaves the token that tab stored', () => {
    const { chat, view, kv } = busyVisitor()
    forgetAll(kv) // the other tab
    kv.setItem(TOKEN_KEY, NEW_TOKEN) // ...and its new visitor's token
    chat.forget(false)
    expect(view.items).toEqual([])
    expect(kv.getItem(TOKEN_KEY)).toBe(NEW_TOKEN)
  })
})

describe('storage', () => {
  it('forgetAll removes only inboxhub.* keys, also from blocked storage (memory fallback)', () => {
    const kv = new MemoryStorage()
    kv.setItem(TOKEN_KEY, TOKEN)
    kv.setItem('inboxhub.open', '1')
    kv.setItem('inboxhubx', 'not ours')
    kv.setItem('other', 'not ours')
    forgetAll(kv)
    expect(kv.keys().sort()).toEqual(['inboxhubx', 'other'])

    const blocked = safeStorage(() => {
      throw new Error('SecurityError')
    })
    blocked.setItem(TOKEN_KEY, TOKEN)
    blocked.setItem('inboxhub.outbox', '[]')
    expect(blocked.keys().sort()).toEqual(['inboxhub.outbox', TOKEN_KEY])
    forgetAll(blocked)
    expect(blocked.keys()).toEqual([])
  })

  it('safeStorage lists the keys of the real store', () => {
    const store = new MemoryStorage()
    store.data.set('inboxhub.seen', '{}')
    store.data.set('portal', 'x')
    expect(safeStorage(() => store.asStorage()).keys().sort()).toEqual(['inboxhub.seen', 'portal'])
  })

  it('defaults to localStorage for the chat and sessionStorage for the panel state', () => {
    const local = new MemoryStorage()
    const session = new MemoryStorage()
    const { kv, tab } = pickStores(false, () => local.asStorage(), () => session.asStorage())
    kv.setItem(TOKEN_KEY, TOKEN)
    tab.setItem('inboxhub.open', '1')
    expect(local.getItem(TOKEN_KEY)).toBe(TOKEN)
    expect(session.getItem(TOKEN_KEY)).toBeNull()
    expect(session.getItem('inboxhub.open')).toBe('1')
  })
})

describe('data-session-only', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('keeps token and all chat state in sessionStorage and writes nothing to localStorage', () => {
    const local = new MemoryStorage()
    const session = new MemoryStorage()
    const { kv, tab } = pickStores(true, () => local.asStorage(), () => session.asStorage())
    const { chat, sent, hub } = setup(kv)
    tab.setItem('inboxhub.open', '1')
    chat.setOpen(true)
    chat.onOpen()
    hub({ type: 'welcome', visitorToken: TOKEN, conversations: [{ id: CONV2, lastSeq: 1, status: 'resolved' }] })
    hub({ type: 'event', conversationId: CONV2, event: event(1, { conversationId: CONV2 }) })
    chat.submit('Dzień dobry')
    chat.onClose()
    chat.submit('Jeszcze jedno')
    const clientId = (sent.at(-1) as { clientId: string }).clientId
    hub({ type: 'ack', clientId, conversationId: CONV, id: event(2).id, seq: 2, createdAt: '2026-11-30T10:00:00.000Z' })

    expect(local.writes).toEqual([]) // not even the storage probe
    expect(local.keys()).toEqual([])
    expect(session.getItem(TOKEN_KEY)).toBe(TOKEN)
    expect(session.getItem(CONVERSATION_KEY)).toBe(CONV)
    expect(session.getItem(OUTBOX_KEY)).not.toBeNull()
    expect(session.getItem(SEEN_KEY)).not.toBeNull()

    // Forgetting in session-only mode clears sessionStorage and still leaves localStorage alone.
    chat.forget()
    forgetAll(tab)
    expect(session.keys().filter((k) => k.startsWith(PREFIX))).toEqual([])
    expect(local.writes).toEqual([])
  })

  it('removes what a visit without the attribute left in localStorage, and nothing else', () => {
    const local = new MemoryStorage()
    local.data.set(TOKEN_KEY, TOKEN)
    local.data.set(CONVERSATION_KEY, CONV)
    local.data.set('portal.lang', 'pl')
    const { kv } = pickStores(true, () => local.asStorage(), () => new MemoryStorage().asStorage())
    expect(kv.getItem(TOKEN_KEY)).toBeNull() // the old token is not used either
    expect(local.keys()).toEqual(['portal.lang'])
    expect(local.writes).toEqual([])
  })

  it('still works when storage is blocked', () => {
    const blocked = () => {
      throw new Error('SecurityError')
    }
    const { kv } = pickStores(true, blocked, blocked)
    kv.setItem(TOKEN_KEY, TOKEN)
    expect(kv.getItem(TOKEN_KEY)).toBe(TOKEN)
  })
})
