// Unit tests for the staff socket with a fake WebSocket: welcome, heartbeat timeout, reconnect with backoff, no sends while down.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { StaffServerFrame } from '$protocol/frames.ts'
import { StaffSocket, type SocketLike, type SocketState } from './staff-socket.ts'

class FakeSocket implements SocketLike {
  readyState = 0
  sent: string[] = []
  closed: number | undefined
  onopen: ((event: Event) => void) | null = null
  onmessage: ((event: MessageEvent) => void) | null = null
  onclose: ((event: CloseEvent) => void) | null = null
  onerror: ((event: Event) => void) | null = null

  constructor(readonly url: string) {}

  send(data: string) {
    this.sent.push(data)
  }
  close(code?: number) {
    this.closed = code
    this.readyState = 3
  }
  open() {
    this.readyState = 1
    this.onopen?.(new Event('open'))
  }
  frame(frame: object) {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent)
  }
  welcome() {
    this.frame({ type: 'welcome', consultant: { id: 'c', name: 'Anna', role: 'consultant' } })
  }
  serverClose(code = 1006) {
    this.readyState = 3
    this.onclose?.({ code } as CloseEvent)
  }
  frames() {
    return this.sent.map((s) => JSON.parse(s) as { type: string })
  }
}

function setup() {
  const sockets: FakeSocket[] = []
  const states: SocketState[] = []
  const frames: StaffServerFrame[] = []
  const drops: { welcomed: boolean }[] = []
  let ready = 0
  const delays: number[] = []
  const socket = new StaffSocket({
    url: () => 'ws://hub/ws/staff',
    createSocket: (url) => {
      const s = new FakeSocket(url)
      sockets.push(s)
      return s
    },
    onState: (s) => states.push(s),
    onReady: () => ready++,
    onFrame: (f) => frames.push(f),
    onDrop: (d) => drops.push(d),
    pingEveryMs: 25_000,
    silenceMs: 10_000,
    delay: (attempt) => {
      const d = 1000 * 2 ** attempt
      delays.push(d)
      return d
    },
  })
  const last = () => sockets[sockets.length - 1]!
  return { socket, sockets, states, frames, drops, delays, last, ready: () => ready }
}

describe('StaffSocket', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('is open only after the welcome, then passes frames on', () => {
    const t = setup()
    t.socket.start()
    expect(t.states).toEqual(['connecting'])
    t.last().open()
    expect(t.socket.send({ type: 'ping' })).toBe(false)
    t.last().welcome()
    expect(t.states).toEqual(['connecting', 'open'])
    expect(t.ready()).toBe(1)
    t.last().frame({ type: 'changed', conversationId: 'x' })
    expect(t.frames).toEqual([{ type: 'changed', conversationId: 'x' }])
    expect(t.socket.send({ type: 'subscribe', conversationId: 'x', afterSeq: 3 })).toBe(true)
    expect(t.last().frames()).toEqual([{ type: 'subscribe', conversationId: 'x', afterSeq: 3 }])
  })

  it('ignores frames that are not JSON objects with a type', () => {
    const t = setup()
    t.socket.start()
    t.last().open()
    t.last().welcome()
    t.last().onmessage?.({ data: 'not json' } as MessageEvent)
    t.last().onmessage?.({ data: '42' } as MessageEvent)
    t.last().onmessage?.({ data: '{"no":"type"}' } as MessageEvent)
    expect(t.frames).toEqual([])
  })

  it('pings every period and reconnects when nothing answers within the silence window', () => {
    const t = setup()
    t.socket.start()
    t.last().open()
    t.last().welcome()
    vi.advanceTimersByTime(25_000)
    expect(t.last().frames()).toEqual([{ type: 'ping' }])
    t.last().frame({ type: 'pong' })
    vi.advanceTimersByTime(10_000)
    expect(t.sockets).toHaveLength(1)
    vi.advanceTimersByTime(15_000) // second ping, no answer this time
    vi.advanceTimersByTime(10_000)
    expect(t.states.at(-1)).toBe('closed')
    expect(t.sockets[0]!.closed).toBe(4000)
    expect(t.drops).toEqual([{ welcomed: true, code: 4000 }])
    vi.advanceTimersByTime(1000)
    expect(t.sockets).toHaveLength(2)
    expect(t.states.at(-1)).toBe('connecting')
  })

  it('drops a socket that opens but never says welcome', () => {
    const t = setup()
    t.socket.start()
    t.last().open()
    vi.advanceTimersByTime(10_000)
    expect(t.drops).toEqual([{ welcomed: false, code: 4000 }])
  })

  it('backs off further on every failed attempt and starts over after a welcome', () => {
    const t = setup()
    t.socket.start()
    t.last().serverClose()
    vi.advanceTimersByTime(1000)
    t.last().serverClose()
    vi.advanceTimersByTime(2000)
    t.last().serverClose()
    expect(t.delays).toEqual([1000, 2000, 4000])
    vi.advanceTimersByTime(4000)
    t.last().open()
    t.last().welcome()
    expect(t.ready()).toBe(1)
    t.last().serverClose()
    expect(t.delays.at(-1)).toBe(1000)
  })

  it('reconnects at once when asked, and never after stop', () => {
    const t = setup()
    t.socket.start()
    t.last().serverClose()
    expect(t.sockets).toHaveLength(1)
    t.socket.reconnectNow()
    expect(t.sockets).toHaveLength(2)
    t.socket.stop()
    expect(t.states.at(-1)).toBe('closed')
    expect(t.sockets[1]!.closed).toBe(1000)
    vi.advanceTimersByTime(60_000)
    expect(t.sockets).toHaveLength(2)
    expect(t.socket.send({ type: 'ping' })).toBe(false)
  })
})
