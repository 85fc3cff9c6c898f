// The signed-in consultant's notifications (mentions in colleagues' notes): loaded when the desk starts and after
// every reconnect, added to live by the hub's `notification` frames, marked read here.
import type { Notification } from '$protocol/workflow.ts'
import { announcer } from './announcer.svelte.ts'
import { request } from './api.ts'
import { t } from './locale.svelte.ts'
import { session } from './session.svelte.ts'

class Mentions {
  items = $state.raw<Notification[]>([])
  unread = $state(0)

  constructor() {
    session.onLeave(() => {
      this.items = []
      this.unread = 0
    })
  }

  async load(): Promise<void> {
    try {
      const r = await request<{ items: Notification[]; unread: number }>('/api/notifications')
      this.items = r.items
      this.unread = r.unread
    } catch {
      // The next reconnect loads them again.
    }
  }

  /** A notification frame: shown at once and said aloud. */
  receive(n: Notification): void {
    if (this.items.some((x) => x.id === n.id)) return
    this.items = [n, ...this.items].slice(0, 50)
    if (!n.readAt) this.unread++
    announcer.say(t('mentions.announce', { name: n.actorName ?? t('event.staff'), text: n.excerpt ?? '' }))
  }

  async markRead(ids: string[] | 'all'): Promise<void> {
    const unread = this.items.filter((n) => !n.readAt && (ids === 'all' || ids.includes(n.id)))
    if (unread.length === 0) return
    const at = new Date().toISOString()
    this.items = this.items.map((n) => (unread.includes(n) ? { ...n, readAt: at } : n))
    this.unread = Math.max(0, this.unread - unread.length)
    try {
      await request('/api/notifications/read', { method: 'POST', body: ids === 'all' ? { all: true } : { ids: unread.map((n) => n.id) } })
    } catch {
      void this.load()
    }
  }
}

export const mentions = new Mentions()
