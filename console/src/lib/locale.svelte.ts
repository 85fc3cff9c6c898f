// The interface language the consultant chose (Polish unless switched), kept in localStorage and on <html lang>.
import { isLang, translate, type Lang, type MessageKey, type Params } from './i18n.ts'

const STORAGE_KEY = 'inbox-console.lang'

function stored(): Lang {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY)
    return isLang(value) ? value : 'pl'
  } catch {
    return 'pl'
  }
}

class Locale {
  lang = $state<Lang>(stored())

  /** The text for `key` in the current language; reading it in a template re-renders on a switch. */
  t = (key: MessageKey, params?: Params): string => translate(this.lang, key, params)

  set(lang: Lang): void {
    this.lang = lang
    try {
      localStorage.setItem(STORAGE_KEY, lang)
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    this.apply()
  }

  toggle(): void {
    this.set(this.lang === 'pl' ? 'en' : 'pl')
  }

  /** Puts the language on <html lang> for screen readers and hyphenation. */
  apply(): void {
    if (typeof document !== 'undefined') document.documentElement.lang = this.lang
  }
}

export const locale = new Locale()
export const t = locale.t
