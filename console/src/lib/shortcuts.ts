// The console's keyboard shortcuts as one table: Gmail-style single keys for the whole page (only when focus is not in a
// text field, a select or editable content, and no Ctrl, Meta or Alt is held: AltGr is Ctrl+Alt on Polish keyboards and
// types ą ć ę ł ń ó ś ź ż), and the keys of the reply box. The help overlay lists exactly these tables.
import type { MessageKey } from './i18n.ts'

/** What a shortcut asks for; components register the handlers (commands.svelte.ts). */
export const COMMAND_NAMES = ['next', 'previous', 'reply', 'note', 'resolve', 'snooze', 'accept', 'search', 'help'] as const
export type CommandName = (typeof COMMAND_NAMES)[number]

export interface PageShortcut {
  /** KeyboardEvent.key as typed (lower case for letters). */
  key: string
  /** The keys as shown in the help, one entry per key to press together. */
  keys: readonly string[]
  /** How the key is typed, when it takes Shift (on Polish and US keyboards). */
  typedAs?: readonly string[]
  command: CommandName
  description: MessageKey
}

export const PAGE_SHORTCUTS: readonly PageShortcut[] = [
  { key: 'j', keys: ['j'], command: 'next', description: 'shortcuts.command.next' },
  { key: 'k', keys: ['k'], command: 'previous', description: 'shortcuts.command.previous' },
  { key: 'r', keys: ['r'], command: 'reply', description: 'shortcuts.command.reply' },
  { key: 'n', keys: ['n'], command: 'note', description: 'shortcuts.command.note' },
  { key: 'e', keys: ['e'], command: 'resolve', description: 'shortcuts.command.resolve' },
  { key: 's', keys: ['s'], command: 'snooze', description: 'shortcuts.command.snooze' },
  { key: 'a', keys: ['a'], command: 'accept', description: 'shortcuts.command.accept' },
  { key: '/', keys: ['/'], command: 'search', description: 'shortcuts.command.search' },
  { key: '?', keys: ['?'], typedAs: ['Shift', '/'], command: 'help', description: 'shortcuts.command.help' },
]

export type ComposerAction = 'blur'

export interface ComposerShortcut {
  key: string
  keys: readonly string[]
  action: ComposerAction
  description: MessageKey
}

/** Keys that act inside the reply box; Escape leaves it so the single keys work again. */
export const COMPOSER_SHORTCUTS: readonly ComposerShortcut[] = [{ key: 'Escape', keys: ['Esc'], action: 'blur', description: 'shortcuts.composer.blur' }]

/** The parts of a KeyboardEvent the mapping reads. */
export interface KeyInput {
  key: string
  ctrlKey?: boolean
  metaKey?: boolean
  altKey?: boolean
  shiftKey?: boolean
  /** An input method (e.g. dead keys, IME) is composing a character. */
  isComposing?: boolean
  defaultPrevented?: boolean
}

/** The parts of the focused element the mapping reads (an Element fits). */
export interface FocusInput {
  tagName?: string
  /** For <input>: its type. */
  type?: string | null
  isContentEditable?: boolean
  /** The ARIA role, for custom text boxes. */
  role?: string | null
  /** A modal dialog is open: the page behind it is inert, so its shortcuts are too. */
  inDialog?: boolean
}

/** <input> types that take no typed text: letters pressed on them may be shortcuts. */
const NOT_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'submit', 'reset', 'image', 'file', 'color', 'range'])
const TEXT_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton'])

/** Whether typing a letter here enters text (or picks an option), so it must not be taken as a shortcut. */
export function takesText(focus: FocusInput | null | undefined): boolean {
  if (!focus) return false
  if (focus.isContentEditable) return true
  const tag = (focus.tagName ?? '').toLowerCase()
  if (tag === 'textarea' || tag === 'select') return true
  if (tag === 'input') return !NOT_TEXT_INPUTS.has((focus.type ?? 'text').toLowerCase())
  return TEXT_ROLES.has((focus.role ?? '').toLowerCase())
}

/** Letters typed with Caps Lock on (no Shift) count as the lower-case key. */
function normalKey(event: KeyInput): string {
  const key = event.key
  if (key.length === 1 && !event.shiftKey && key !== key.toLowerCase()) return key.toLowerCase()
  return key
}

/** The page command a key press asks for, or null (typing in a field, a modifier held, composing, a dialog open). */
export function pageCommand(event: KeyInput, focus: FocusInput | null | undefined): CommandName | null {
  if (event.defaultPrevented || event.isComposing) return null
  if (event.ctrlKey || event.metaKey || event.altKey) return null
  if (focus?.inDialog || takesText(focus)) return null
  const key = normalKey(event)
  // Shift only makes "?" (Shift+/); Shift with a letter is not a shortcut.
  if (event.shiftKey && /^[a-z]$/i.test(key)) return null
  return PAGE_SHORTCUTS.find((s) => s.key === key)?.command ?? null
}

/** What a key press in the reply box does besides typing, or null. */
export function composerAction(event: KeyInput): ComposerAction | null {
  if (event.defaultPrevented || event.isComposing) return null
  if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return null
  return COMPOSER_SHORTCUTS.find((s) => s.key === event.key)?.action ?? null
}

/** Reads what pageCommand needs from a real event target (duck-typed, so this file stays free of the DOM). */
export function focusOf(target: unknown): FocusInput | null {
  if (!target || typeof target !== 'object' || !('tagName' in target)) return null
  const el = target as {
    tagName: string
    type?: unknown
    isContentEditable?: boolean
    getAttribute?: (name: string) => string | null
    ownerDocument?: { querySelector?: (selector: string) => unknown } | null
  }
  return {
    tagName: el.tagName,
    type: typeof el.type === 'string' ? el.type : null,
    isContentEditable: el.isContentEditable === true,
    role: el.getAttribute?.('role') ?? null,
    inDialog: Boolean(el.ownerDocument?.querySelector?.('dialog[open]')),
  }
}
