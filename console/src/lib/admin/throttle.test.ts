// Unit tests for the board's refetch throttle: at most one run a second, a burst becomes one more run, none in parallel.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { throttle } from './throttle.ts'

beforeEach(() => vi.useFakeTimers({ now: 0 }))
afterEach(() => vi.useRealTimers())

function job() {
  let resolve: () => void = () => {}
  const fn = vi.fn(() => new Promise<void>((r) => (resolve = r)))
  return { fn, finish: () => resolve() }
}

describe('throttle', () => {
  it('runs at once, then folds a burst into one run a second after the first', async () => {
    const j = job()
    const t = throttle(j.fn, 1000)
    t.poke()
    expect(j.fn).toHaveBeenCalledTimes(1)
    j.finish()
    await vi.advanceTimersByTimeAsync(10)
    t.poke()
    t.poke()
    t.poke()
    expect(j.fn).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(989)
    expect(j.fn).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(j.fn).toHaveBeenCalledTimes(2)
  })

  it('never runs two at once: a poke during a run runs once after it', async () => {
    const j = job()
    const t = throttle(j.fn, 1000)
    t.poke()
    await vi.advanceTimersByTimeAsync(2000)
    t.poke()
    t.poke()
    expect(j.fn).toHaveBeenCalledTimes(1)
    j.finish()
    await vi.advanceTimersByTimeAsync(0)
    expect(j.fn).toHaveBeenCalledTimes(2)
  })

  it('keeps going after a failed run and forgets a waiting run when cancelled', async () => {
    const fn = vi.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValue(undefined)
    const t = throttle(fn, 1000)
    t.poke()
    await vi.advanceTimersByTimeAsync(0)
    t.poke()
    t.cancel()
    await vi.advanceTimersByTimeAsync(5000)
    expect(fn).toHaveBeenCalledTimes(1)
    t.poke()
    expect(fn).toHaveBeenCalledTimes(2)
  })
})
