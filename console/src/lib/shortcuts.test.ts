// Unit tests for the keyboard shortcut table: single keys only outside text fields and without Ctrl/Meta/Alt (AltGr
// letters on Polish keyboards never trigger anything), "?" with Shift, Escape in the reply box, and a table the help
// overlay can list.
import { describe, expect, it } from 'vitest'
import { dictionaries } from './i18n.ts'
import { COMMAND_NAMES, COMPOSER_SHORTCUTS, PAGE_SHORTCUTS, composerAction, focusOf, pageCommand, takesText, type FocusInput } from './shortcuts.ts'

const body: FocusInput = { tagName: 'BODY' }
const key = (k: string, extra: Partial<KeyboardEventInit> = {}) => ({ key: k, ...extra })

describe('pageCommand', () => {
  it('maps the Gmail-style single keys to commands', () => {
    expect(pageCommand(key('j'), body)).toBe('next')
    expect(pageCommand(key('k'), body)).toBe('previous')
    expect(pageCommand(key('r'), body)).toBe('reply')
    expect(pageCommand(key('n'), body)).toBe('note')
    expect(pageCommand(key('e'), body)).toBe('resolve')
    expect(pageCommand(key('s'), body)).toBe('snooze')
    expect(pageCommand(key('a'), body)).toBe('accept')
    expect(pageCommand(key('/'), body)).toBe('search')
    expect(pageCommand(key('?', { shiftKey: true }), body)).toBe('help')
  })

  it('works with focus on a button, a link, a checkbox or a heading, and with nothing focused', () => {
    expect(pageCommand(key('j'), { tagName: 'BUTTON' })).toBe('next')
    expect(pageCommand(key('j'), { tagName: 'A' })).toBe('next')
    expect(pageCommand(key('j'), { tagName: 'INPUT', type: 'checkbox' })).toBe('next')
    expect(pageCommand(key('j'), { tagName: 'H1' })).toBe('next')
    expect(pageCommand(key('j'), null)).toBe('next')
  })

  it('takes Caps Lock letters as the same keys, but not Shift with a letter', () => {
    expect(pageCommand(key('J'), body)).toBe('next')
    expect(pageCommand(key('J', { shiftKey: true }), body)).toBeNull()
  })

  it('never acts while typing in a text field, a select or editable content', () => {
    for (const focus of [
      { tagName: 'TEXTAREA' },
      { tagName: 'INPUT', type: 'text' },
      { tagName: 'INPUT', type: 'search' },
      { tagName: 'INPUT', type: 'email' },
      { tagName: 'INPUT' },
      { tagName: 'SELECT' },
      { tagName: 'DIV', isContentEditable: true },
      { tagName: 'DIV', role: 'textbox' },
    ] satisfies FocusInput[]) {
      expect(pageCommand(key('j'), focus), JSON.stringify(focus)).toBeNull()
      expect(pageCommand(key('?', { shiftKey: true }), focus), JSON.stringify(focus)).toBeNull()
    }
  })

  it('never acts with Ctrl, Meta or Alt held: AltGr (Ctrl+Alt) letters type Polish characters', () => {
    for (const k of ['a', 'e', 'n', 's', 'ą', 'ę', 'ń', 'ś']) {
      expect(pageCommand(key(k, { ctrlKey: true, altKey: true }), body)).toBeNull()
      expect(pageCommand(key(k, { altKey: true }), body)).toBeNull()
      expect(pageCommand(key(k, { ctrlKey: true }), body)).toBeNull()
      expect(pageCommand(key(k, { metaKey: true }), body)).toBeNull()
    }
    // Polish letters themselves are never shortcuts.
    expect(pageCommand(key('ą'), body)).toBeNull()
    expect(pageCommand(key('ł'), body)).toBeNull()
  })

  it('ignores keys handled already, keys while composing and keys behind a modal dialog', () => {
    expect(pageCommand({ key: 'j', defaultPrevented: true }, body)).toBeNull()
    expect(pageCommand({ key: 'j', isComposing: true }, body)).toBeNull()
    expect(pageCommand(key('j'), { tagName: 'BUTTON', inDialog: true })).toBeNull()
  })

  it('ignores keys that are not in the table', () => {
    for (const k of ['x', 'Enter', 'Escape', ' ', 'Tab', 'ArrowDown', 'F1']) expect(pageCommand(key(k), body)).toBeNull()
  })
})

describe('composerAction', () => {
  it('leaves the reply box on Escape, and only then', () => {
    expect(composerAction(key('Escape'))).toBe('blur')
    expect(composerAction({ key: 'Escape', isComposing: true })).toBeNull()
    expect(composerAction(key('Escape', { shiftKey: true }))).toBeNull()
    expect(composerAction(key('Enter'))).toBeNull()
    expect(composerAction(key('j'))).toBeNull()
  })
})

describe('the shortcut table', () => {
  it('has one key per command, every command once, and texts in both languages', () => {
    expect(PAGE_SHORTCUTS.map((s) => s.command).sort()).toEqual([...COMMAND_NAMES].sort())
    expect(new Set(PAGE_SHORTCUTS.map((s) => s.key)).size).toBe(PAGE_SHORTCUTS.length)
    for (const s of [...PAGE_SHORTCUTS, ...COMPOSER_SHORTCUTS]) {
      expect(dictionaries.pl[s.description], s.description).toBeTruthy()
      expect(dictionaries.en[s.description], s.description).toBeTruthy()
    }
  })

  it('maps every key it lists, as listed', () => {
    for (const s of PAGE_SHORTCUTS) expect(pageCommand(key(s.key, { shiftKey: s.typedAs?.includes('Shift') ?? false }), body)).toBe(s.command)
    for (const s of COMPOSER_SHORTCUTS) expect(composerAction(key(s.key))).toBe(s.action)
  })

  it('never uses Alt or Ctrl', () => {
    const all = [...PAGE_SHORTCUTS.flatMap((s) => [...s.keys, ...(s.typedAs ?? [])]), ...COMPOSER_SHORTCUTS.flatMap((s) => s.keys)]
    expect(all.some((k) => /^(alt|ctrl|control|altgr|meta|cmd)$/i.test(k))).toBe(false)
  })
})

describe('takesText and focusOf', () => {
  it('reads an element-like target', () => {
    const withDialog = { querySelector: (s: string) => (s === 'dialog[open]' ? {} : null) }
    const button = { tagName: 'BUTTON', getAttribute: () => null, ownerDocument: withDialog }
    expect(focusOf(button)).toEqual({ tagName: 'BUTTON', type: null, isContentEditable: false, role: null, inDialog: true })
    const input = { tagName: 'INPUT', type: 'search', getAttribute: () => null, ownerDocument: { querySelector: () => null } }
    expect(focusOf(input)?.inDialog).toBe(false)
    expect(takesText(focusOf(input))).toBe(true)
    expect(focusOf(null)).toBeNull()
    expect(focusOf({})).toBeNull()
  })

  it('treats buttons, checkboxes and radios as not taking text', () => {
    for (const type of ['button', 'checkbox', 'radio', 'submit', 'range']) expect(takesText({ tagName: 'INPUT', type })).toBe(false)
    expect(takesText({ tagName: 'A' })).toBe(false)
    expect(takesText(null)).toBe(false)
  })
})
