// A "now" that ticks every 30 seconds, so relative times in the list stay current without a timer per item.
class Clock {
  now = $state(Date.now())

  constructor() {
    if (typeof window !== 'undefined') setInterval(() => (this.now = Date.now()), 30_000)
  }
}

export const clock = new Clock()
