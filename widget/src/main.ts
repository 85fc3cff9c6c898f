// Entry point of widget.js: finds its own <script>, derives the hub URL and language, mounts the widget and connects.
//
// Shared computers (library, job-centre kiosk, office PC) – two privacy controls:
// - "Zakończ i usuń z tego urządzenia" / "End and remove from this device" in the panel header, after an inline
//   confirmation, removes every `inboxhub.*` key (visitor token, conversation id, unsent messages, seen marks, panel
//   state) from localStorage and sessionStorage, clears the timelines and reconnects as a new visitor (hello without a
//   token). The hub keeps its record of the conversation; only this browser forgets it. Other open tabs follow.
// - `<script src=".../widget.js" data-session-only async>` keeps the token and all widget state in sessionStorage
//   instead of localStorage, so closing the browser forgets the chat; localStorage is never written to, and keys left
//   there by an earlier visit without the attribute are removed.
import { Chat, TOKEN_KEY } from './chat.ts'
import { Connection } from './connection.ts'
import { dict, pickLang } from './i18n.ts'
import { forgetAll, pickStores } from './storage.ts'
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
  const sessionOnly = script.hasAttribute('data-session-only')
  const { kv, tab } = pickStores(sessionOnly, () => localStorage, () => sessionStorage)

  /** Forgets everything and starts over as a new visitor; `wipe` false when another tab already cleared storage. */
  const forget = (wipe: boolean) => {
    chat.forget(wipe)
    forgetAll(tab)
    conn.restart()
  }
  const view: View = new View(t, lang, {
    toggle(open) {
      tab.setItem(OPEN_KEY, open ? '1' : '0')
      chat.setOpen(open)
    },
    submit: (text) => chat.submit(text),
    input: (text) => chat.input(text),
    kbFeedback: (id, helped) => chat.kbFeedback(id, helped),
    retry: (id) => chat.retry(id),
    discard: (id) => chat.discard(id),
    forget: () => forget(true),
    topic: (key) => chat.chooseTopic(key),
    rate: (id, score, comment) => chat.rate(id, score, comment),
    download(id, name) {
      // The file is the visitor's own conversation's: fetched with their token, saved under its name.
      const token = kv.getItem(TOKEN_KEY) ?? ''
      void fetch(new URL(`api/attachments/${encodeURIComponent(id)}`, base), { headers: { authorization: `Visitor ${token}` } })
        .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(String(r.status)))))
        .then((blob) => {
          const a = document.createElement('a')
          a.href = URL.createObjectURL(blob)
          a.download = name
          a.click()
          setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
        })
        .catch(() => view.announce(t.fileFailed))
    },
  })
  const chat: Chat = new Chat({ send: (f) => conn.send(f), view, kv, t, lang, page: location.href })
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
  if (tab.getItem(OPEN_KEY) === '1') view.setOpen(true, false)
  conn.start(window)
  // Another tab removed the chat from this device (or the page cleared localStorage): forget it here too, or this
  // tab would store the old token again on its next welcome.
  if (!sessionOnly) {
    window.addEventListener('storage', (e) => {
      if (e.key === null || (e.key === TOKEN_KEY && e.newValue === null)) forget(false)
    })
  }
}

const script = ownScript()
if (script) {
  if (document.body) mount(script)
  else document.addEventListener('DOMContentLoaded', () => mount(script))
}
