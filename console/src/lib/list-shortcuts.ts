// The j / k shortcuts of the conversation list: open the next or previous conversation of the list shown (the first
// one when none is open), or say that the end of the list was reached.
import { goto } from '$app/navigation'
import { announcer } from './announcer.svelte.ts'
import { registerCommand } from './commands.svelte.ts'
import { inbox } from './inbox.svelte.ts'
import { listStep } from './list-navigation.ts'
import { t } from './locale.svelte.ts'

/** Registers `next` and `previous`; `selectedId` reads the open conversation when a key is pressed. Returns the way to stop. */
export function listShortcuts(selectedId: () => string | null): () => void {
  const step = (by: 1 | -1) => {
    const to = listStep(
      inbox.items.map((c) => c.id),
      selectedId(),
      by,
    )
    if ('id' in to) void goto(`/conversations/${to.id}`)
    else announcer.say(t(`shortcuts.list.${to.edge}`))
  }
  const offNext = registerCommand('next', () => step(1))
  const offPrevious = registerCommand('previous', () => step(-1))
  return () => {
    offNext()
    offPrevious()
  }
}
