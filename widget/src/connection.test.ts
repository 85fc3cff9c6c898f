// Tests for connection.ts: backoff with full jitter, heartbeat deadline, reconnects, the online event and restart.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { backoffDelay, Connection, PONG_WAIT_MS, type ConnectionEvents } from './connection.ts'
import { HEARTBEAT_MS } from '../../protocol/limits.ts'

describe('backoffDelay', () => {
  it('is random() times min(30 s, 500 ms * 2^attempt)', () => {
    const half = () => 0.5
    expect(backoffDelay(0, half)).toBe(250)
    expect(backoffDelay(1, half)).toBe(500)
    expect(backoffDelay(3, half)).toBe(2000)
    expect(backoffDelay(5, half)).toBe(8000)
    expect(backoffDelay(6, half)).toBe(15000) // 32 s capped at 30 s
    expect(backoffDelay(1000, half)).toBe(15000)
  })
  it('spans the whole range from zero to just under the ceiling (full jitter)', () => {
    expect(backoffDelay(4, () => 0)).toBe(0)
    expect(backoffDelay(4, () => 0.999999)).toBe(7999)
    expect(backoffDelay(50, () => 0.999999)).toBe(29999)
  })
  it('uses Math.random by default and stays in range', () => {
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(2)
      expect(d).toBeGreaterThanOrEqual(0)
      expect(d).toBeLessThan(2000)
    }
  })
})

class FakeSocket {
  static all: FakeSocket[] = []
  readyState = 0
  sent: unknown[] = []
  closed = false
  onopen: (() => void) | null = null
  onmessage: ((m: { data: string }) => void) | null = null
  onclose: (() => void) | null = null
  onerror: (() => void) | null = null
  constructor(readonly url: string) {
    FakeSocket.all.push(this)
  }
  send(data: string) {
    this.sent.push(JSON.parse(data))
  }
  close() {
    this.closed = true
    this.readyState = 3
  }
  // test side
  open() {
    this.readyState = 1
    this.onopen?.()
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) })
  }
  serverClose() {
    this.readyState = 3
    this.onclose?.()
  }
}

function setup() {
  const log: string[] = []
  const frames: unknown[] = []
  const on: ConnectionEvents = {
    open: () => log.push('open'),
    frame: (f) => frames.push(f),
    closed: () => log.push('closed'),
    offline: () => log.push('offline'),
  }
  const win = new EventTarget()
  const conn = new Connection('wss://hub.example/ws/visitor', on, () => 0.5)
  conn.start(win)
  return { conn, log, frames, win, sock: () => FakeSocket.all[FakeSocket.all.length - 1]! }
}

describe('Connection', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    FakeSocket.all = []
    vi.stubGlobal('WebSocket', FakeSocket)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('connects to the url, reports open and passes JSON frames on, ignoring garbage', () => {
    const { conn, log, frames, sock } = setup()
    expect(sock().url).toBe('wss://hub.example/ws/visitor')
    expect(conn.send({ type: 'ping' })).toBe(false) // not open yet
    sock().open()
    expect(log).toEqual(['open'])
    expect(conn.send({ type: 'ping' })).toBe(true)
    sock().receive({ type: 'pong' })
    sock().receive('not json')
    sock().receive({ no: 'type' })
    expect(frames).toEqual([{ type: 'pong' }])
  })

  it('pings every 25 s and keeps the socket while anything arrives within 10 s', () => {
    const { log, sock } = setup()
    const s = sock()
    s.open()
    vi.advanceTimersByTime(HEARTBEAT_MS)
    expect(s.sent).toEqual([{ type: 'ping' }])
    vi.advanceTimersByTime(PONG_WAIT_MS - 1)
    s.receive({ type: 'pong' })
    vi.advanceTimersByTime(PONG_WAIT_MS)
    expect(s.closed).toBe(false)
    expect(log).toEqual(['open'])
  })

  it('drops a silent socket 10 s after a ping and reconnects with backoff', () => {
    const { log, sock } = setup()
    const s = sock()
    s.open()
    vi.advanceTimersByTime(HEARTBEAT_MS + PONG_WAIT_MS)
    expect(s.closed).toBe(true)
    expect(log).toEqual(['open', 'closed'])
    expect(FakeSocket.all).toHaveLength(1)
    vi.advanceTimersByTime(250) // attempt 0 with random 0.5
    expect(FakeSocket.all).toHaveLength(2)
    expect(sock()).not.toBe(s)
  })

  it('grows the delay on repeated failures and resets it after welcome', () => {
    const { conn, sock } = setup()
    const delays: number[] = []
    for (let i = 0; i < 4; i++) {
      const before = FakeSocket.all.length
      sock().serverClose()
      let waited = 0
      while (FakeSocket.all.length === before) {
        vi.advanceTimersByTime(50)
        waited += 50
      }
      delays.push(waited)
    }
    expect(delays).toEqual([250, 500, 1000, 2000])
    sock().open()
    conn.welcomed()
    const before = FakeSocket.all.length
    sock().serverClose()
    vi.advanceTimersByTime(250)
    expect(FakeSocket.all.length).toBe(before + 1)
  })

  it('reconnects at once on the online event instead of waiting for the backoff', () => {
    const { win, sock } = setup()
    for (let i = 0; i < 6; i++) {
      sock().serverClose()
      vi.runOnlyPendingTimers()
    }
    const count = FakeSocket.all.length
    sock().serverClose() // next retry would be in 16 s
    win.dispatchEvent(new Event('online'))
    expect(FakeSocket.all.length).toBe(count + 1)
  })

  it('restart closes the socket, ignores what it still delivers and connects again at once', () => {
    const { conn, log, frames, sock } = setup()
    for (let i = 0; i < 2; i++) {
      sock().serverClose()
      vi.runOnlyPendingTimers()
    }
    const old = sock()
    old.open()
    conn.restart()
    expect(old.closed).toBe(true)
    expect(FakeSocket.all).toHaveLength(4) // no waiting for a backoff
    old.receive({ type: 'pong' }) // late frame from the old identity
    old.serverClose()
    expect(frames).toEqual([])
    expect(log).toEqual(['closed', 'closed', 'open']) // restart itself reports no outage
    // The backoff starts over: a drop now retries after attempt 0's delay (250 ms with random 0.5).
    sock().serverClose()
    vi.advanceTimersByTime(250)
    expect(FakeSocket.all).toHaveLength(5)
  })

  it('reports offline and checks the open socket with a ping', () => {
    const { log, win, sock } = setup()
    sock().open()
    win.dispatchEvent(new Event('offline'))
    expect(log).toEqual(['open', 'offline'])
    expect(sock().sent).toEqual([{ type: 'ping' }])
    vi.advanceTimersByTime(PONG_WAIT_MS)
    expect(log).toEqual(['open', 'offline', 'closed'])
  })
})
