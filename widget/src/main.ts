// Entry point of widget.js: finds its own <script>, derives the hub URL and language, mounts the widget and connects.
import { Chat } from './chat.ts'
import { Connection } from './connection.ts'
import { dict, pickLang } from './i18n.ts'
import { safeStorage } from './storage.ts'
import { View } from './view.ts'

const OPEN_KEY = 'inboxhub.open'
const SELF = /\/widget\.js([?#]|$)/

/** document.currentScript while the script runs; otherwise the last script whose src ends with /widget.js. */
function ownScript(): HTMLScriptElement | null {
  const cur = document.currentScript
  if (cur instanceof HTMLScriptElement && cur.src) return cur
  const all = document.querySelectorAll<HTMLScriptElement>('script[src]')
  for (let i = all.length - 1; i >= 0; i--) if (SELF.test(all[i]!.src)) return all[i]!
  return null
}

function mount(script: HTMLScriptElement): void {
  if (document.getElementById('inboxhub-widget')) return // embedded twice
  const base = new URL('./', new URL(script.src, location.href))
  const ws = new URL('ws/visitor', base)
  ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:'
  const lang = pickLang(script.getAttribute('data-lang'), document.documentElement.getAttribute('lang'))
  const t = dict(lang)
  const local = safeStorage(() => localStorage)
  const session = safeStorage(() => sessionStorage)

  const view: View = new View(t, lang, {
    toggle(open) {
      session.setItem(OPEN_KEY, open ? '1' : '0')
      chat.setOpen(open)
    },
    submit: (text) => chat.submit(text),
    input: () => chat.input(),
    retry: (id) => chat.retry(id),
    discard: (id) => chat.discard(id),
  })
  const chat: Chat = new Chat({ send: (f) => conn.send(f), view, kv: local, t, lang, page: location.href })
  const conn: Connection = new Connection(ws.href, {
    open: () => chat.onOpen(),
    frame(f) {
      if (f.type === 'welcome') conn.welcomed()
      chat.onFrame(f)
    },
    closed: () => chat.onClose(),
    offline: () => view.connection('offline'),
  })

  document.body.appendChild(view.host)
  chat.start()
  // Keep the panel open while the citizen moves between pages, without taking their focus.
  if (session.getItem(OPEN_KEY) === '1') view.setOpen(true, false)
  conn.start(window)
}

const script = ownScript()
if (script) {
  if (document.body) mount(script)
  else document.addEventListener('DOMContentLoaded', () => mount(script))
}
