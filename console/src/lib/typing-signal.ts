// Throttles the consultant's "typing" frames: one `on` every few seconds while keys are pressed, one `off` after a pause or a send.
export interface TypingSignalOptions {
  /** At most one `on` per this many ms while typing goes on. */
  throttleMs?: number
  /** Send `off` after this many ms without a keystroke. */
  idleMs?: number
  now?: () => number
}

export class TypingSignal {
  #send: (on: boolean) => void
  #throttleMs: number
  #idleMs: number
  #now: () => number
  #on = false
  #lastOnAt = -Infinity
  #idleTimer: ReturnType<typeof setTimeout> | undefined

  constructor(send: (on: boolean) => void, options: TypingSignalOptions = {}) {
    this.#send = send
    this.#throttleMs = options.throttleMs ?? 3000
    this.#idleMs = options.idleMs ?? 4000
    this.#now = options.now ?? Date.now
  }

  /** Call on every keystroke that changes the text. */
  input(): void {
    const now = this.#now()
    if (!this.#on || now - this.#lastOnAt >= this.#throttleMs) {
      this.#on = true
      this.#lastOnAt = now
      this.#send(true)
    }
    clearTimeout(this.#idleTimer)
    this.#idleTimer = setTimeout(() => this.stop(), this.#idleMs)
  }

  /** Call on send, on leaving the conversation or when the text is cleared. */
  stop(): void {
    clearTimeout(this.#idleTimer)
    this.#idleTimer = undefined
    if (!this.#on) return
    this.#on = false
    this.#send(false)
  }
}
