// The create-or-edit form of an admin page: which item is open (null while adding), the save in flight and what went
// wrong; focus goes back to the button that opened the form when it closes.
import { tick } from 'svelte'
import { announcer } from '../announcer.svelte.ts'
import type { MessageKey } from '../i18n.ts'
import { t } from '../locale.svelte.ts'
import type { AdminList, Saved } from './admin-list.svelte.ts'
import { changes } from './form-values.ts'
import type { Problem } from './problem.ts'

export class Editor<T> {
  /** `{ item: null }` while adding a new one; null when the form is closed. */
  target = $state.raw<{ item: T | null } | null>(null)
  problem = $state.raw<Problem | null>(null)
  /** What went wrong with an action in the table (a delete). */
  rowProblem = $state.raw<Problem | null>(null)
  busy = $state(false)
  #opener: HTMLElement | null = null

  get adding(): boolean {
    return this.target !== null && this.target.item === null
  }

  open(item: T | null): void {
    const active = typeof document === 'undefined' ? null : document.activeElement
    this.#opener = active instanceof HTMLElement ? active : null
    this.problem = null
    this.rowProblem = null
    this.target = { item }
  }

  close(): void {
    this.target = null
    this.problem = null
    const opener = this.#opener
    this.#opener = null
    void tick().then(() => {
      if (opener?.isConnected) opener.focus()
      else document.getElementById('main')?.focus()
    })
  }

  /** Saves; on success announces `done` and closes, otherwise keeps the form open with the problem shown. */
  async save(action: () => Promise<Saved<T>>, done: (item: T | null) => string): Promise<boolean> {
    if (this.busy) return false
    this.busy = true
    this.problem = null
    try {
      const result = await action()
      if (!result.ok) {
        this.problem = result.problem
        return false
      }
      announcer.say(done(result.item))
      this.close()
      return true
    } finally {
      this.busy = false
    }
  }

  /** Creates (POST) or, for an open item, sends only the changed fields (PATCH); `name` is for the announcement. */
  submit(list: AdminList<T>, body: object, name: string): Promise<boolean> {
    const item = this.target?.item ?? null
    if (!item) return this.save(() => list.create(body), () => t('admin.created', { name }))
    const patch = changes(item as Record<string, unknown>, body as Record<string, unknown>)
    if (Object.keys(patch).length === 0) {
      announcer.say(t('admin.unchanged', { name }))
      this.close()
      return Promise.resolve(true)
    }
    return this.save(() => list.update(list.keyOf(item), patch), () => t('admin.saved', { name }))
  }

  /** Deletes after the browser's confirm dialog; a failure is shown above the table (`conflict`: what a 409 means here). */
  async remove(list: AdminList<T>, item: T, name: string, conflict?: MessageKey): Promise<void> {
    if (!confirm(t('admin.confirmDelete', { name }))) return
    this.rowProblem = null
    const result = await list.remove(list.keyOf(item))
    if (result.ok) {
      if (this.target?.item && list.keyOf(this.target.item) === list.keyOf(item)) this.close()
      announcer.say(t('admin.deleted', { name }))
      document.getElementById('page-title')?.focus()
    } else {
      this.rowProblem = conflict && result.problem.status === 409 ? { ...result.problem, key: conflict } : result.problem
    }
  }
}
