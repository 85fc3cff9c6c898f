// The language of a citizen's first message, for entry rules (a Ukrainian speaker to a consultant who speaks it).
// franc-min's trigram model decides when it is sure; short Latin-script texts are often a tie between Polish and
// English, which common words and then the widget's language settle.
import { francAll } from 'franc-min'
import type { Language } from '../../../protocol/admin.ts'

const FRANC: Record<string, Language> = { pol: 'pl', eng: 'en', ukr: 'uk', rus: 'ru' }
const ONLY = Object.keys(FRANC)
/** Below this lead of the best over the second score (of 1), the model is not trusted. */
const MARGIN = 0.1
const COMMON: Record<'pl' | 'en', ReadonlySet<string>> = {
  pl: new Set(['w', 'z', 'na', 'się', 'nie', 'jak', 'czy', 'co', 'jest', 'mam', 'chcę', 'dzień', 'dobry', 'proszę', 'witam', 'dla', 'mogę', 'jestem', 'pracy', 'gdzie', 'kiedy']),
  en: new Set(['the', 'and', 'you', 'is', 'are', 'what', 'how', 'my', 'do', 'can', 'want', 'need', 'have', 'job', 'work', 'hello', 'please', 'where', 'when', 'am', 'lost', 'help']),
}

/** `hint`: the language of the widget the citizen uses; null when nothing points anywhere. */
export function detectLanguage(text: string, hint: Language | null = null): Language | null {
  const letters = text.replace(/[^\p{L}]+/gu, '')
  if (letters.length === 0) return hint
  const cyrillic = (letters.match(/\p{Script=Cyrillic}/gu) ?? []).length
  if (cyrillic * 2 > letters.length) {
    if (/[іїєґІЇЄҐ]/u.test(text)) return 'uk'
    if (/[ыэъёЫЭЪЁ]/u.test(text)) return 'ru'
    return pick(text, ['ukr', 'rus'], 0) ?? 'uk'
  }
  if (/[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/u.test(text)) return 'pl'
  return pick(text, ['pol', 'eng']) ?? commonWords(text) ?? hint
}

function pick(text: string, only: string[], margin = MARGIN): Language | null {
  const [best, second] = francAll(text, { only: only.filter((l) => ONLY.includes(l)), minLength: 10 })
  if (!best || best[0] === 'und') return null
  if (second && best[1] - second[1] < margin) return null
  return FRANC[best[0]] ?? null
}

function commonWords(text: string): Language | null {
  const words = text.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean)
  const pl = words.filter((w) => COMMON.pl.has(w)).length
  const en = words.filter((w) => COMMON.en.has(w)).length
  return pl > en ? 'pl' : en > pl ? 'en' : null
}
