// A "now" that ticks every 30 seconds, so relative times in the list stay current without a timer per item,
// and a "now" to the second for live waiting times, ticking only while something on screen reads it.
import { createSubscriber } from 'svelte/reactivity'

class Clock {
  now = $state(Date.now())

  #everySecond = createSubscriber((update) => {
    const timer = setInterval(update, 1000)
    return () => clearInterval(timer)
  })

  constructor() {
    if (typeof window !== 'undefined') setInterval(() => (this.now = Date.now()), 30_000)
  }

  /** Date.now(), re-read every second by the effects and templates that use it; one timer however many read it. */
  get seconds(): number {
    this.#everySecond()
    return Date.now()
  }
}

export const clock = new Clock()
