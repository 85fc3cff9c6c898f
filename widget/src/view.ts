// The widget's DOM inside its shadow root: launcher, dialog panel (with "end and remove" and its inline confirmation),
// message log and form. Text only via textContent.
import { MAX_MESSAGE_CHARS } from '../../protocol/limits.ts'
import { MAX_SURVEY_COMMENT, type ChatView, type ConnectionState, type Item, type Suggestion } from './chat.ts'
import type { SurveyItem } from './chat-items.ts'
import { formatTime, type Dict, type Lang } from './i18n.ts'
import { CSS } from './styles.ts'

export interface ViewActions {
  toggle(open: boolean): void
  /** Returns true when the text was taken (the box is then cleared). */
  submit(text: string): boolean
  /** The text box changed; `text` is all of it. */
  input(text: string): void
  /** "Did this article answer your question?" answered; true if the answer went to the hub. */
  kbFeedback(articleId: string, helped: boolean): boolean
  retry(clientId: string): void
  discard(clientId: string): void
  /** The visitor confirmed "end and remove from this device". */
  forget(): void
  /** The topic picked in the pre-chat form ('' for none). */
  topic(key: string): void
  /** Downloads a file sent by staff (the hub wants the visitor's token, so not a plain link). */
  download(id: string, name: string): void
  /** The citizen's answer to the satisfaction survey of a resolved chat (score 1–5, comment possibly ''). */
  rate(conversationId: string, score: number, comment: string): void
}

/** Shows the remaining characters once fewer than this are left. */
const COUNTER_FROM = 500
const ICON =
  '<svg aria-hidden="true" focusable="false" width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"><path d="M4 5h16v11H9l-5 4z"/></svg>'

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const name in attrs) node.setAttribute(name, attrs[name]!)
  if (text !== undefined) node.textContent = text
  return node
}

export class View implements ChatView {
  readonly host: HTMLElement
  private readonly launcher: HTMLButtonElement
  private readonly badge: HTMLElement
  private readonly unreadText: HTMLElement
  private readonly announcer: HTMLElement
  private readonly panel: HTMLElement
  private readonly root: ShadowRoot
  private readonly forgetButton: HTMLButtonElement
  private readonly confirm: HTMLElement
  private readonly confirmText: HTMLElement
  private readonly cancel: HTMLButtonElement
  private readonly banner: HTMLElement
  private readonly log: HTMLElement
  private readonly intro: HTMLElement
  private readonly typingLine: HTMLElement
  private readonly queueLine: HTMLElement
  private readonly topicRow: HTMLElement
  private readonly topicSelect: HTMLSelectElement
  private topicKeys = ''
  private readonly input: HTMLTextAreaElement
  private readonly counter: HTMLElement
  private readonly kbRegion: HTMLElement
  private readonly kbList: HTMLElement
  /** Article ids shown now, so unchanged results leave an open article (and focus) alone. */
  private kbIds = ''
  private readonly nodes = new Map<string, HTMLElement>()
  private conn: ConnectionState = 'connecting'
  private noticeText = ''
  private noticeTimer: ReturnType<typeof setTimeout> | undefined
  private unreadCount = 0
  private isOpen = false
  /** Makes the ids inside each survey form unique. */
  private surveySeq = 0
  /** The survey whose answer was sent from this view: focus moves to its thanks. */
  private surveyFocus = ''

  constructor(
    private readonly t: Dict,
    private readonly lang: Lang,
    private readonly act: ViewActions,
  ) {
    // A custom tag, so page rules for div/section never match the host.
    this.host = document.createElement('inboxhub-widget')
    this.host.id = 'inboxhub-widget'
    this.host.setAttribute('lang', lang)
    const root = (this.root = this.host.attachShadow({ mode: 'open' }))
    const style = el('style')
    style.textContent = CSS

    this.launcher = el('button', {
      type: 'button',
      class: 'launcher',
      'data-testid': 'launcher',
      'aria-label': t.open,
      'aria-expanded': 'false',
      'aria-controls': 'ih-panel',
      'aria-describedby': 'ih-unread',
    })
    const icon = el('span', { class: 'icon' })
    icon.innerHTML = ICON // static markup, no data
    this.badge = el('span', { class: 'badge', 'aria-hidden': 'true', hidden: '' })
    this.launcher.append(icon, el('span', {}, t.launcher), this.badge)
    // Unread count lives in the launcher's description, so its name stays fixed.
    this.unreadText = el('span', { id: 'ih-unread', class: 'sr' })
    this.announcer = el('div', { class: 'sr', role: 'status' })

    this.panel = el('div', { id: 'ih-panel', class: 'panel', role: 'dialog', 'aria-label': t.title, hidden: '' })
    const head = el('div', { class: 'head' })
    const close = el('button', { type: 'button', class: 'close', 'aria-label': t.close }, '×')
    this.forgetButton = el(
      'button',
      { type: 'button', class: 'forget', 'data-testid': 'forget', 'aria-expanded': 'false', 'aria-controls': 'ih-confirm' },
      t.forget,
    )
    head.append(el('h2', {}, t.title), this.forgetButton, close)
    // Inline confirmation, not window.confirm: stays in the widget's language, look and focus order.
    this.confirm = el('div', {
      id: 'ih-confirm',
      class: 'confirm',
      role: 'alertdialog',
      'aria-label': t.forget,
      'aria-describedby': 'ih-confirm-text',
      hidden: '',
    })
    this.confirmText = el('p', { id: 'ih-confirm-text' }, t.forgetText)
    const yes = el('button', { type: 'button', class: 'yes', 'data-testid': 'forget-confirm' }, t.forgetYes)
    this.cancel = el('button', { type: 'button', class: 'no' }, t.forgetNo)
    this.confirm.append(this.confirmText, yes, this.cancel)
    this.banner = el('div', { class: 'banner', role: 'status' })
    this.log = el('div', {
      class: 'log',
      role: 'log',
      'aria-live': 'polite',
      'aria-label': t.log,
      'data-testid': 'messages',
      tabindex: '0',
    })
    this.typingLine = el('div', { class: 'typing', role: 'status' })
    this.queueLine = el('div', { class: 'queue', role: 'status', 'data-testid': 'queue' })
    const form = el('form', { class: 'form', novalidate: '' })
    this.input = el('textarea', {
      id: 'ih-input',
      'data-testid': 'input',
      rows: '2',
      maxlength: String(MAX_MESSAGE_CHARS),
      'aria-describedby': 'ih-hint',
      autocomplete: 'off',
    })
    const send = el('button', { type: 'submit', class: 'send', 'data-testid': 'send' }, t.send)
    const hint = el('div', { id: 'ih-hint', class: 'hint' }, t.hint + ' ')
    this.counter = el('span')
    hint.append(this.counter)
    // Before the first message: what is it about? It chooses the queue (and so the right consultants).
    this.topicRow = el('div', { class: 'topic', hidden: '' })
    this.topicSelect = el('select', { id: 'ih-topic', 'data-testid': 'topic' })
    this.topicSelect.addEventListener('change', () => act.topic(this.topicSelect.value))
    this.topicRow.append(el('label', { for: 'ih-topic' }, t.topicLabel), this.topicSelect)
    // Deflection: public articles that may answer the question being typed, under the text box.
    this.kbRegion = el('div', { class: 'kb', role: 'region', 'aria-labelledby': 'ih-kb', 'data-testid': 'kb-suggestions', hidden: '' })
    this.kbList = el('ul')
    this.kbRegion.append(el('p', { id: 'ih-kb', class: 'kbh' }, t.kbTitle), this.kbList)
    form.append(this.topicRow, el('label', { for: 'ih-input' }, t.label), this.input, send, hint, this.kbRegion)
    // The greeting scrolls with the messages; it is there from the start, so the log never announces it.
    this.intro = el('p', { class: 'intro' }, t.intro)
    this.log.append(this.intro)
    this.panel.append(head, this.confirm, this.banner, this.log, this.queueLine, this.typingLine, form)
    root.append(style, this.launcher, this.unreadText, this.announcer, this.panel)

    this.launcher.addEventListener('click', () => this.setOpen(!this.isOpen, true))
    close.addEventListener('click', () => this.setOpen(false, true))
    this.forgetButton.addEventListener('click', () => (this.confirm.hidden ? this.ask(true) : this.dismiss()))
    yes.addEventListener('click', () => {
      this.act.forget()
      this.forgetButton.focus()
    })
    this.cancel.addEventListener('click', () => this.dismiss())
    root.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key !== 'Escape' || !this.isOpen) return
      e.stopPropagation()
      // Escape first cancels an open confirmation, then closes the panel.
      if (this.confirm.hidden) this.setOpen(false, true)
      else this.dismiss()
    })
    form.addEventListener('submit', (e) => {
      e.preventDefault()
      this.submit()
    })
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault()
        this.submit()
      }
    })
    this.input.addEventListener('input', () => {
      this.updateCounter()
      this.act.input(this.input.value)
    })
    this.log.addEventListener('click', (e) => {
      const b = (e.target as Element | null)?.closest?.('button[data-act]')
      const id = b?.getAttribute('data-id')
      if (!b || !id) return
      const act = b.getAttribute('data-act')
      if (act === 'file') return this.act.download(id, b.getAttribute('data-name') ?? 'plik')
      if (act === 'retry') this.act.retry(id)
      else this.act.discard(id)
      this.input.focus()
    })
  }

  /** Opens or closes the panel; with `focus`, moves focus to the text box (open) or the launcher (close). */
  setOpen(open: boolean, focus: boolean): void {
    this.isOpen = open
    if (!open) this.ask(false)
    this.panel.hidden = !open
    this.launcher.setAttribute('aria-expanded', String(open))
    this.act.toggle(open)
    if (open) {
      this.scrollToEnd()
      if (focus) this.input.focus()
    } else if (focus) {
      this.launcher.focus()
    }
  }

  render(items: Item[]): void {
    const log = this.log
    const nearEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 48
    let ownAdded = false
    const keep = new Set(items.map((i) => i.key))
    // Forgetting drops unsent messages: the confirmation says so while there are any.
    const text = this.t.forgetText + (items.some((i) => i.kind === 'msg' && i.state !== 'sent') ? ' ' + this.t.forgetUnsent : '')
    if (this.confirmText.textContent !== text) this.confirmText.textContent = text
    for (const [k, node] of this.nodes) {
      if (!keep.has(k)) {
        node.remove()
        this.nodes.delete(k)
      }
    }
    let prev: Element = this.intro
    for (const item of items) {
      let node = this.nodes.get(item.key)
      if (!node) {
        node = this.create(item)
        this.nodes.set(item.key, node)
        if (item.kind === 'msg' && item.dir === 'in') ownAdded = true
      } else if (item.kind === 'msg') {
        this.update(node, item)
      } else if (item.kind === 'survey') {
        this.updateSurvey(node, item)
      }
      const want = prev.nextSibling
      if (want !== node) log.insertBefore(node, want)
      prev = node
    }
    if (nearEnd || ownAdded) this.scrollToEnd()
  }

  connection(state: ConnectionState): void {
    this.conn = state
    this.updateBanner()
  }

  notice(text: string): void {
    this.noticeText = text
    clearTimeout(this.noticeTimer)
    this.noticeTimer = setTimeout(() => {
      this.noticeText = ''
      this.updateBanner()
    }, 10_000)
    this.updateBanner()
  }

  topics(list: { key: string; name: string }[] | null): void {
    const keys = list && list.length > 0 ? list.map((x) => x.key).join() : ''
    this.topicRow.hidden = keys === ''
    if (keys === this.topicKeys) return
    this.topicKeys = keys
    this.topicSelect.replaceChildren(el('option', { value: '' }, this.t.topicAny))
    for (const x of list ?? []) this.topicSelect.append(el('option', { value: x.key }, x.name))
  }

  queue(position: number | null, etaSeconds: number | null = null): void {
    const place = position === null ? '' : position <= 1 ? this.t.queueNext : this.t.queuePosition.replace('{n}', String(position))
    const eta = position === null || etaSeconds === null ? '' : etaSeconds < 60 ? this.t.queueEtaSoon : this.t.queueEta.replace('{m}', String(Math.round(etaSeconds / 60)))
    this.queueLine.textContent = eta ? `${place} ${eta}` : place
  }

  staffTyping(on: boolean): void {
    this.typingLine.textContent = on ? this.t.typing : ''
  }

  unread(count: number): void {
    const shown = this.isOpen ? 0 : count
    this.badge.textContent = String(shown)
    this.badge.hidden = shown === 0
    this.unreadText.textContent = shown ? this.t.unread + shown : ''
    if (shown > this.unreadCount) this.announce(this.t.newMessage)
    this.unreadCount = shown
  }

  forgotten(): void {
    const inside = this.confirm.contains(this.root.activeElement)
    this.ask(false)
    if (inside) this.forgetButton.focus()
    // A draft or a notice may still hold the previous citizen's words.
    this.input.value = ''
    this.updateCounter()
    clearTimeout(this.noticeTimer)
    this.noticeText = ''
    this.updateBanner()
    this.announce(this.t.forgotten)
  }

  suggestions(list: Suggestion[]): void {
    const ids = list.map((a) => a.id).join()
    if (ids === this.kbIds) {
      // Same articles: only an answer given meanwhile (e.g. from the view itself) may need showing.
      for (const a of list) if (a.helped !== undefined) this.kbThanks(a.id, a.helped, false)
      return
    }
    const was = this.kbIds
    this.kbIds = ids
    this.kbRegion.hidden = !ids
    this.kbList.replaceChildren()
    list.forEach((a, i) => {
      const id = 'ih-kb' + i
      const li = el('li', { 'data-id': a.id })
      const open = el('button', { type: 'button', class: 'kbt', 'data-testid': 'kb-suggestion', 'aria-expanded': 'false', 'aria-controls': id }, a.title)
      const body = el('div', { id, class: 'kbb', hidden: '' })
      body.append(el('p', { class: 'text' }, a.text))
      const ask = el('div', { class: 'kba' })
      const yes = el('button', { type: 'button', 'data-testid': 'kb-helped-yes' }, this.t.kbYes)
      const no = el('button', { type: 'button', 'data-testid': 'kb-helped-no' }, this.t.kbNo)
      ask.append(el('p', {}, this.t.kbAsk), yes, no)
      body.append(ask)
      open.addEventListener('click', () => {
        body.hidden = !body.hidden
        open.setAttribute('aria-expanded', String(!body.hidden))
      })
      const answer = (helped: boolean) => {
        this.kbThanks(a.id, helped, true)
        this.act.kbFeedback(a.id, helped)
      }
      yes.addEventListener('click', () => answer(true))
      no.addEventListener('click', () => answer(false))
      li.append(open, body)
      this.kbList.append(li)
      if (a.helped !== undefined) this.kbThanks(a.id, a.helped, false)
    })
    if (ids && !was) this.announce(this.t.kbFound)
  }

  /** Replaces an article's question with the thanks; focus follows when it was on the buttons that go. */
  private kbThanks(articleId: string, helped: boolean, focus: boolean): void {
    const ask = [...this.kbList.children].find((li) => li.getAttribute('data-id') === articleId)?.querySelector('div.kba')
    if (!ask) return
    const thanks = el('p', { class: 'kba', 'data-testid': 'kb-thanks', tabindex: '-1' }, helped ? this.t.kbThanks : this.t.kbWrite)
    ask.replaceWith(thanks)
    if (focus) thanks.focus()
  }

  /** Shows or hides the confirmation; shown, focus goes to its least destructive button. */
  private ask(on: boolean): void {
    this.confirm.hidden = !on
    this.forgetButton.setAttribute('aria-expanded', String(on))
    if (on) this.cancel.focus()
  }

  /** Cancels the confirmation and gives focus back to the button that opened it. */
  private dismiss(): void {
    this.ask(false)
    this.forgetButton.focus()
  }

  announce(text: string): void {
    this.announcer.textContent = ''
    setTimeout(() => (this.announcer.textContent = text), 100)
  }

  private submit(): void {
    if (this.act.submit(this.input.value)) {
      this.input.value = ''
      this.updateCounter()
    }
    this.input.focus()
  }

  private create(item: Item): HTMLElement {
    if (item.kind === 'sys') return el('div', { class: 'sys', 'data-testid': 'system' }, item.text)
    if (item.kind === 'survey') return this.createSurvey(item)
    const node = el('div', { class: 'msg ' + item.dir, 'data-testid': 'message', 'data-direction': item.dir })
    node.append(el('div', { class: item.dir === 'in' ? 'who sr' : 'who' }, item.author + ':'), el('p', { class: 'text' }, item.text))
    for (const f of item.files ?? []) {
      const size = f.size === null ? '' : ` (${f.size < 1_048_576 ? Math.max(1, Math.round(f.size / 1024)) + ' kB' : (f.size / 1_048_576).toFixed(1) + ' MB'})`
      node.append(el('button', { type: 'button', class: 'file', 'data-act': 'file', 'data-id': f.id, 'data-name': f.name, 'data-testid': 'file' }, this.t.file + f.name + size))
    }
    node.append(el('div', { class: 'meta' }))
    this.update(node, item)
    return node
  }

  private update(node: HTMLElement, item: Extract<Item, { kind: 'msg' }>): void {
    const sig = item.state + (item.error ?? '')
    if (node.getAttribute('data-sig') === sig) return
    node.setAttribute('data-sig', sig)
    node.setAttribute('data-state', item.state)
    const meta = node.lastElementChild as HTMLElement
    meta.textContent = ''
    meta.append(el('time', { datetime: item.at }, formatTime(item.at, this.lang)))
    if (item.state === 'sending') meta.append(el('span', {}, this.t.sending))
    if (item.state === 'failed' && item.clientId) {
      meta.append(
        el('span', { class: 'err' }, this.t.failed + (item.error ? ': ' + item.error : '')),
        el('button', { type: 'button', 'data-act': 'retry', 'data-id': item.clientId }, this.t.retry),
        el('button', { type: 'button', 'data-act': 'discard', 'data-id': item.clientId }, this.t.discard),
      )
    }
  }

  /** The survey form: a fieldset of five radios, an optional comment, send; an error tied to both by aria-describedby. */
  private createSurvey(item: SurveyItem): HTMLElement {
    const t = this.t
    const id = 'ih-sv' + ++this.surveySeq
    const node = el('div', { class: 'survey', 'data-testid': 'survey' })
    if (item.answered) {
      this.updateSurvey(node, item)
      return node
    }
    const form = el('form', { novalidate: '' })
    const set = el('fieldset', { 'aria-describedby': id + 'e' })
    const opts = el('div', { class: 'opts' })
    for (let n = 1; n <= 5; n++) {
      // Each radio sits in its visible label; arrow keys move within the group, as native radios do.
      const label = el('label', { class: 'opt' })
      label.append(el('input', { type: 'radio', name: id, value: String(n), 'data-testid': 'survey-score-' + n }), n === 1 ? t.surveyLow : n === 5 ? t.surveyHigh : String(n))
      opts.append(label)
    }
    set.append(el('legend', {}, t.surveyLegend), opts)
    const comment = el('textarea', { id: id + 'c', rows: '2', maxlength: String(MAX_SURVEY_COMMENT), 'data-testid': 'survey-comment' })
    const error = el('p', { id: id + 'e', class: 'err' })
    const button = el('button', { type: 'submit', class: 'send', 'data-testid': 'survey-send', 'aria-describedby': id + 'e' }, t.surveySend)
    form.append(set, el('label', { for: id + 'c' }, t.surveyComment), comment, error, button)
    form.addEventListener('change', () => {
      if (error.textContent === t.surveyPick) this.surveyError(node, '')
    })
    form.addEventListener('submit', (e) => {
      e.preventDefault()
      if (button.disabled) return
      const picked = form.querySelector<HTMLInputElement>('input:checked')
      if (!picked) {
        this.surveyError(node, t.surveyPick)
        form.querySelector('input')!.focus()
        return
      }
      this.surveyFocus = item.key
      this.act.rate(item.conversationId, Number(picked.value), comment.value)
    })
    node.append(form)
    this.updateSurvey(node, item)
    return node
  }

  private updateSurvey(node: HTMLElement, item: SurveyItem): void {
    const a = item.answered
    const sig = a ? 'a' : item.sending ? 's' : 'e' + (item.error ?? '')
    if (node.getAttribute('data-sig') === sig) return
    node.setAttribute('data-sig', sig)
    if (a) {
      // Focus was in the form (or fell to the page when the button was disabled): keep it in the widget.
      const focus = this.surveyFocus === item.key && (!this.root.activeElement || node.contains(this.root.activeElement))
      const thanks = el('div', { 'data-testid': 'survey-thanks', tabindex: '-1' })
      thanks.append(el('p', {}, this.t.surveyThanks.replace('{n}', String(a.score))))
      if (a.comment) thanks.append(el('p', { class: 'text' }, this.t.surveyYourComment + a.comment))
      node.replaceChildren(thanks)
      if (focus) thanks.focus()
      return
    }
    const button = node.querySelector('button')
    if (!button) return
    button.disabled = !!item.sending
    this.surveyError(node, item.sending ? '' : (item.error ?? ''))
    if (item.sending) this.announce(this.t.surveySending)
  }

  /** Shows (or clears) the survey's inline error and announces it. */
  private surveyError(node: HTMLElement, text: string): void {
    const error = node.querySelector('.err')!
    if (error.textContent === text) return
    error.textContent = text
    if (text) this.announce(text)
  }

  private updateBanner(): void {
    const text = this.conn === 'offline' ? this.t.offline : this.conn === 'connecting' ? this.t.connecting : this.noticeText
    if (this.banner.textContent !== text) this.banner.textContent = text
  }

  private updateCounter(): void {
    const left = MAX_MESSAGE_CHARS - this.input.value.length
    this.counter.textContent = left < COUNTER_FROM ? this.t.left + left : ''
  }

  private scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight
  }
}
