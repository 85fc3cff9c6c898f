// Polish-enough text search without a dictionary: text is lower-cased, stripped of diacritics and split into words;
// each query word becomes a prefix ("stem") that its inflected forms share, e.g. zasiłek, zasiłku, ZASIŁKACH → zasil.
// Stems only ever shorten a word, so every form still finds itself: the risk is finding too much, never too little.

/** Lower case, without diacritics (NFD marks removed; ł, which has none to remove, becomes l). */
export function normalize(text: string): string {
  return text.replace(/ł/g, 'l').replace(/Ł/g, 'L').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** The normalised words of a text (letters and digits; everything else separates). */
export function words(text: string): string[] {
  return normalize(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
}

/** What the store keeps to search on: the normalised words of all the parts, one space between them. */
export function searchText(...parts: readonly string[]): string {
  return parts.flatMap(words).join(' ')
}

/** Inflectional endings of Polish nouns and adjectives (normalised), longest first. */
const ENDINGS = ['owie', 'ami', 'ach', 'ych', 'ich', 'ymi', 'imi', 'ego', 'emu', 'owi', 'iem', 'iej', 'ow', 'om', 'em', 'ej', 'ie', 'ia', 'iu', 'ek', 'a', 'e', 'i', 'o', 'u', 'y']
const MIN_STEM = 4
const VOWELS = new Set('aeiouy')

/**
 * The prefix a word's forms share: one ending taken off (at least four letters left), then the k of a fleeting e
 * (zasiłek/zasiłku: zasilk → zasil, wniosek/wnioski: wniosk → wnios). Words of up to four letters stay whole.
 */
export function stem(word: string): string {
  if (word.length <= MIN_STEM || /^\p{N}+$/u.test(word)) return word
  const ending = ENDINGS.find((e) => word.endsWith(e) && word.length - e.length >= MIN_STEM)
  const s = ending ? word.slice(0, -ending.length) : word
  const fleeting = s.length > MIN_STEM && s.endsWith('k') && !VOWELS.has(s.at(-2) ?? 'a')
  return fleeting ? s.slice(0, -1) : s
}

/** The distinct stems of a query's words, at most `max` (each a prefix pattern for the search). */
export function searchTerms(query: string, max = 8): string[] {
  return [...new Set(words(query).map(stem))].slice(0, max)
}

/** A tsquery of prefix matches, all required (`'zasil':* & 'wnios':*`) or any; each term quoted and escaped. */
export function toTsQuery(terms: readonly string[], match: 'all' | 'any' = 'all'): string {
  return terms.map((t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}':*`).join(match === 'all' ? ' & ' : ' | ')
}

/** Words too common in citizens' messages to suggest anything by (normalised). */
const CHATTER = new Set(['dzien', 'dobry', 'dobra', 'witam', 'prosze', 'dziekuje', 'chcialbym', 'chcialabym', 'jestem', 'mam', 'moge', 'mozna', 'bardzo', 'kiedy', 'gdzie', 'ktory', 'ktora', 'jest', 'sie', 'czy', 'jak', 'nie', 'tak', 'ale', 'oraz', 'moje', 'moj', 'moja', 'mnie', 'pytanie', 'zapytac', 'zapytanie', 'pani', 'pana', 'panstwo'])

/** Terms to suggest articles by from a free message: its distinct stems of longer, less common words (any may match). */
export function suggestionTerms(message: string, max = 12): string[] {
  return [...new Set(words(message).filter((w) => w.length >= 4 && !CHATTER.has(w)).map(stem))].slice(0, max)
}
