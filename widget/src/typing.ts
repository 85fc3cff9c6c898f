// Visitor "is typing" signal: on:true at most every 3 s while typing, on:false after 4 s idle or on send.
export const TYPING_THROTTLE_MS = 3000
export const TYPING_IDLE_MS = 4000

export class TypingNotifier {
  private on = false
  private lastOn = -Infinity
  private idle: ReturnType<typeof setTimeout> | undefined

  /** `emit` returns false when it could not send (no conversation or no connection). */
  constructor(
    private readonly emit: (on: boolean) => boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /** Call on every keystroke that changes the text. */
  input(): void {
    const t = this.now()
    if (t - this.lastOn >= TYPING_THROTTLE_MS && this.emit(true)) {
      this.on = true
      this.lastOn = t
    }
    clearTimeout(this.idle)
    this.idle = setTimeout(() => this.stop(), TYPING_IDLE_MS)
  }

  /** Idle or sent: tell the hub typing stopped, once. */
  stop(): void {
    clearTimeout(this.idle)
    this.idle = undefined
    if (this.on) {
      this.on = false
      this.emit(false)
    }
  }

  /** The socket is gone: forget the state without sending anything. */
  reset(): void {
    clearTimeout(this.idle)
    this.idle = undefined
    this.on = false
    this.lastOn = -Infinity
  }
}
