// The text of the live regions, so screen readers hear about new incoming messages (politely) and about what cannot
// wait, such as an SLA breach on the consultant's own conversation (assertively).
class Announcer {
  message = $state('')
  /** Read out at once, interrupting: kept for what the consultant must act on now. */
  urgent = $state('')
  #timer: ReturnType<typeof setTimeout> | undefined
  #urgentTimer: ReturnType<typeof setTimeout> | undefined

  /** Announces `text`; clearing first makes a repeated text be read again. */
  say(text: string): void {
    this.message = ''
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => (this.message = text), 100)
  }

  /** Announces `text` assertively, in its own region. */
  alert(text: string): void {
    this.urgent = ''
    clearTimeout(this.#urgentTimer)
    this.#urgentTimer = setTimeout(() => (this.urgent = text), 100)
  }

  clear(): void {
    clearTimeout(this.#timer)
    clearTimeout(this.#urgentTimer)
    this.message = ''
    this.urgent = ''
  }
}

export const announcer = new Announcer()
