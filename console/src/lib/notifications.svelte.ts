// Tells the consultant about what needs them while they look elsewhere: a new offer, or a citizen's new message in a
// conversation assigned to them that is not on screen (or any of theirs while the tab is hidden). Each makes a short
// sound (unless muted), counts in the tab title ("(2) Skrzynka…") until seen, and, if switched on, shows a desktop
// notification. On a break, in training or offline there is no sound and no desktop notification; the count still
// updates. The rules themselves are in notify-rules.ts.
import { untrack } from 'svelte'
import { SvelteSet } from 'svelte/reactivity'
import type { PresenceState, StaffServerFrame } from '$protocol/frames.ts'
import type { Conversation } from '$protocol/rest.ts'
import { goto } from '$app/navigation'
import { playChime, type ChimeKind } from './chime.ts'
import { contactLabel } from './contact-label.ts'
import { inbox } from './inbox.svelte.ts'
import { locale, t } from './locale.svelte.ts'
import {
  alertEffects,
  isNewInbound,
  messageIsUnseen,
  notificationText,
  pageTitle,
  parseNotifySettings,
  titleWithCount,
  type NotifySettings,
} from './notify-rules.ts'
import { session } from './session.svelte.ts'

const STORAGE_KEY = 'inbox-console.notify'

/** What the notifications read from the desk (the desk passes itself). */
export interface DeskLike {
  readonly presence: PresenceState
  readonly current: { readonly id: string; readonly status: string; readonly lastSeq: number; readonly details: Conversation | null } | null
  readonly offers: readonly { conversationId: string }[]
}

type Permission = NotificationPermission | 'unsupported'

function storedSettings(): NotifySettings {
  try {
    return parseNotifySettings(globalThis.localStorage?.getItem(STORAGE_KEY))
  } catch {
    return parseNotifySettings(null)
  }
}

function browserPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission
}

const isHidden = (): boolean => typeof document !== 'undefined' && document.visibilityState === 'hidden'

class Notifications {
  settings = $state<NotifySettings>(storedSettings())
  /** Whether the browser lets this site show desktop notifications. */
  permission = $state<Permission>(browserPermission())
  /** What is new and not yet seen: `offer:<id>` and `message:<id>`, one per conversation. */
  #unseen = new SvelteSet<string>()
  /** How many items are new and not yet seen (the tab title shows it). */
  count = $derived(this.#unseen.size)
  #hidden = $state(isHidden())
  /** Per conversation, the latest citizen message time (ms) already taken into account. */
  #latestInbound = new Map<string, number>()
  #titleSet: string | null = null
  #titleBase = ''

  /** Called by the desk for `offer` and `event` frames. */
  frame(frame: StaffServerFrame, desk: DeskLike): void {
    if (frame.type === 'offer') {
      this.#add(`offer:${frame.conversationId}`, 'offer', frame.conversationId, t('notify.offerTitle'), t('notify.offerBody'), desk)
      return
    }
    if (frame.type !== 'event') return
    const event = frame.event
    if (event.type !== 'message' || event.direction !== 'in') return
    // Only frames for the open conversation are new to us here (the rest come as replays or through the list); the desk
    // calls this before merging, so a seq beyond lastSeq of a loaded conversation is news.
    const view = desk.current
    if (!view || view.id !== frame.conversationId || view.status !== 'ready' || event.seq <= view.lastSeq) return
    const at = Date.parse(event.occurredAt)
    const known = this.#latestInbound.get(view.id)
    if (known !== undefined && !(at > known)) return
    this.#latestInbound.set(view.id, Math.max(at, known ?? at))
    const contact = view.details?.contact
    const name = event.author.name ?? (contact ? contactLabel(contact, t('contact.guest')) : t('contact.guest'))
    this.#message(view.id, view.details?.assigneeId ?? null, name, event.text, desk)
  }

  /** Called by the desk with each conversation it fetched again (a doorbell rang for it), and for the list. */
  conversation(conversation: Conversation, desk: DeskLike): void {
    const at = conversation.lastInboundAt ? Date.parse(conversation.lastInboundAt) : Number.NaN
    if (!Number.isFinite(at)) return
    const known = this.#latestInbound.get(conversation.id)
    this.#latestInbound.set(conversation.id, Math.max(at, known ?? at))
    if (!isNewInbound(at, known)) return
    const last = conversation.lastMessage
    const text = last?.direction === 'in' ? last.text : null
    this.#message(conversation.id, conversation.assigneeId, contactLabel(conversation.contact, t('contact.guest')), text, desk)
  }

  /**
   * Follows what is seen (the open conversation, answered offers, the tab coming back) and keeps the tab title's count;
   * called when the signed-in console mounts, returns the way to stop.
   */
  start(desk: DeskLike): () => void {
    this.#hidden = isHidden()
    const onVisibility = () => {
      this.#hidden = isHidden()
      // Back on the tab: offers are in sight in the banner.
      if (!this.#hidden) for (const key of [...this.#unseen]) if (key.startsWith('offer:')) this.#unseen.delete(key)
    }
    document.addEventListener('visibilitychange', onVisibility)
    const titleWatch = new MutationObserver(() => this.#applyTitle())
    titleWatch.observe(document.head, { childList: true, subtree: true, characterData: true })

    const stopEffects = $effect.root(() => {
      // The open conversation, on a visible tab, is seen.
      $effect(() => {
        const id = desk.current?.id
        if (id && !this.#hidden) untrack(() => this.#unseen.delete(`message:${id}`))
      })
      // An offer answered, withdrawn or lapsed is no longer new.
      $effect(() => {
        const offered = new Set(desk.offers.map((o) => o.conversationId))
        untrack(() => {
          for (const key of [...this.#unseen]) if (key.startsWith('offer:') && !offered.has(key.slice(6))) this.#unseen.delete(key)
        })
      })
      // The list learns of new messages too (after a reconnect, say); a conversation first seen only sets the baseline.
      $effect(() => {
        const items = inbox.items
        untrack(() => {
          for (const conversation of items) this.conversation(conversation, desk)
        })
      })
      $effect(() => {
        void this.count
        untrack(() => this.#applyTitle())
      })
    })

    return () => {
      stopEffects()
      titleWatch.disconnect()
      document.removeEventListener('visibilitychange', onVisibility)
      this.#unseen.clear()
      this.#latestInbound.clear()
      this.#applyTitle()
      this.#titleSet = null
    }
  }

  setMuted(muted: boolean): void {
    this.settings = { ...this.settings, muted }
    this.#save()
  }

  /** Switching desktop notifications on asks the browser's permission (this must run from a click). */
  async setDesktop(on: boolean): Promise<void> {
    if (on && typeof Notification !== 'undefined' && Notification.permission === 'default') {
      try {
        await Notification.requestPermission()
      } catch {
        // An old browser without the promise form, or the request was refused outright.
      }
    }
    this.permission = browserPermission()
    this.settings = { ...this.settings, desktop: on && this.permission === 'granted' }
    this.#save()
  }

  #message(id: string, assigneeId: string | null, name: string, text: string | null, desk: DeskLike): void {
    const me = session.consultant?.id
    const unseen = messageIsUnseen({ assignedToMe: me !== undefined && assigneeId === me, open: desk.current?.id === id, hidden: isHidden() })
    if (!unseen) return
    const title = t('notify.messageTitle', { name: notificationText(name) ?? t('contact.guest') })
    this.#add(`message:${id}`, 'message', id, title, notificationText(text) ?? t('notify.messageNoText'), desk)
  }

  #add(key: string, kind: ChimeKind, conversationId: string, title: string, body: string, desk: DeskLike): void {
    this.#unseen.add(key)
    this.permission = browserPermission()
    const away = isHidden() || (typeof document !== 'undefined' && !document.hasFocus())
    const effects = alertEffects({ settings: this.settings, presence: desk.presence, permission: this.permission, away })
    if (effects.sound) playChime(kind)
    if (effects.desktop) this.#desktop(kind, conversationId, title, body)
  }

  #desktop(kind: ChimeKind, conversationId: string, title: string, body: string): void {
    try {
      // Plain text: a notification never renders HTML, so nothing needs escaping.
      const shown = new Notification(title, { body, tag: `${kind}:${conversationId}`, lang: locale.lang })
      shown.onclick = () => {
        window.focus()
        if (kind === 'message') void goto(`/conversations/${conversationId}`)
        shown.close()
      }
    } catch {
      // Some browsers only show notifications from a service worker: then there is none.
    }
  }

  #applyTitle(): void {
    if (typeof document === 'undefined') return
    const base = pageTitle(document.title, this.#titleSet, this.#titleBase)
    const wanted = titleWithCount(base, this.count)
    this.#titleBase = base
    this.#titleSet = wanted
    if (document.title !== wanted) document.title = wanted
  }

  #save(): void {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(this.settings))
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }
}

export const notifications = new Notifications()
