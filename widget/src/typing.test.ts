// Tests for typing.ts: visitor typing is throttled to every 3 s and stops after 4 s idle or on send.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TypingNotifier } from './typing.ts'

describe('TypingNotifier', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('sends on:true at most every 3 s while typing and on:false after 4 s idle', () => {
    const sent: boolean[] = []
    const n = new TypingNotifier((on) => (sent.push(on), true))
    n.input()
    vi.advanceTimersByTime(1000)
    n.input()
    vi.advanceTimersByTime(1000)
    n.input()
    expect(sent).toEqual([true])
    vi.advanceTimersByTime(1000) // 3 s after the first
    n.input()
    expect(sent).toEqual([true, true])
    vi.advanceTimersByTime(3999)
    expect(sent).toEqual([true, true])
    vi.advanceTimersByTime(1)
    expect(sent).toEqual([true, true, false])
    vi.advanceTimersByTime(10_000)
    expect(sent).toEqual([true, true, false])
  })

  it('stop() (on send) sends on:false once, and nothing if typing was never announced', () => {
    const sent: boolean[] = []
    const n = new TypingNotifier((on) => (sent.push(on), true))
    n.stop()
    expect(sent).toEqual([])
    n.input()
    n.stop()
    n.stop()
    vi.advanceTimersByTime(5000)
    expect(sent).toEqual([true, false])
  })

  it('does not claim typing when the frame could not be sent (no conversation yet)', () => {
    const sent: boolean[] = []
    let can = false
    const n = new TypingNotifier((on) => (can ? (sent.push(on), true) : false))
    n.input()
    vi.advanceTimersByTime(5000)
    expect(sent).toEqual([])
    can = true
    n.input()
    expect(sent).toEqual([true])
  })
})
