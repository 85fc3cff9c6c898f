// Unit tests for the typing throttle: one `on` per window while typing, `off` after a pause or on stop.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TypingSignal } from './typing-signal.ts'

describe('TypingSignal', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('sends on once per throttle window and off after the idle time', () => {
    const sent: boolean[] = []
    const signal = new TypingSignal((on) => sent.push(on), { throttleMs: 3000, idleMs: 4000, now: () => Date.now() })
    signal.input()
    vi.advanceTimersByTime(1000)
    signal.input()
    vi.advanceTimersByTime(1000)
    signal.input()
    expect(sent).toEqual([true])
    vi.advanceTimersByTime(1500)
    signal.input()
    expect(sent).toEqual([true, true])
    vi.advanceTimersByTime(4000)
    expect(sent).toEqual([true, true, false])
  })

  it('sends off at once on stop, and only if it had said on', () => {
    const sent: boolean[] = []
    const signal = new TypingSignal((on) => sent.push(on))
    signal.stop()
    expect(sent).toEqual([])
    signal.input()
    signal.stop()
    signal.stop()
    vi.advanceTimersByTime(10_000)
    expect(sent).toEqual([true, false])
  })
})
