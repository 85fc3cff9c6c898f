// Whether the single-key shortcuts are on (WCAG 2.1.4: character key shortcuts can be turned off, e.g. for speech
// input users); remembered in localStorage, on unless switched off.
const STORAGE_KEY = 'inbox-console.shortcuts'

function stored(): boolean {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) !== 'off'
  } catch {
    return true
  }
}

class ShortcutSettings {
  enabled = $state(stored())

  set(enabled: boolean): void {
    this.enabled = enabled
    try {
      localStorage.setItem(STORAGE_KEY, enabled ? 'on' : 'off')
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }
}

export const shortcutSettings = new ShortcutSettings()
