// The command registry behind the keyboard shortcuts: components register what a command does while they are on screen
// (the most recent registration for a name wins; unregistering brings back the one before), and the global key
// listener runs them by name.
import type { CommandName } from './shortcuts.ts'

/**
 * Does the command. Returning false means "nothing to do here right now" (runCommand then reports false too, so the
 * caller can say the shortcut is not available); anything else counts as done.
 */
export type CommandHandler = () => boolean | void

interface Entry {
  handler: CommandHandler
}

const handlers = new Map<CommandName, Entry[]>()

/** Registers `handler` for `name`; call the returned function to take it away again (safe to call twice). */
export function registerCommand(name: CommandName, handler: CommandHandler): () => void {
  const entry: Entry = { handler }
  const stack = handlers.get(name) ?? []
  stack.push(entry)
  handlers.set(name, stack)
  return () => {
    const current = handlers.get(name)
    if (!current) return
    const at = current.lastIndexOf(entry)
    if (at >= 0) current.splice(at, 1)
    if (current.length === 0) handlers.delete(name)
  }
}

/** Runs the newest handler for `name`; false if there is none or it had nothing to do. */
export function runCommand(name: CommandName): boolean {
  const stack = handlers.get(name)
  const entry = stack?.[stack.length - 1]
  if (!entry) return false
  return entry.handler() !== false
}

/** Whether some handler is registered for `name` now. */
export function hasCommand(name: CommandName): boolean {
  return (handlers.get(name)?.length ?? 0) > 0
}
