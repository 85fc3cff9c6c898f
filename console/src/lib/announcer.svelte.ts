// The text of the polite live region, so screen readers hear about new incoming messages.
class Announcer {
  message = $state('')
  #timer: ReturnType<typeof setTimeout> | undefined

  /** Announces `text`; clearing first makes a repeated text be read again. */
  say(text: string): void {
    this.message = ''
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => (this.message = text), 100)
  }

  clear(): void {
    clearTimeout(this.#timer)
    this.message = ''
  }
}

export const announcer = new Announcer()
