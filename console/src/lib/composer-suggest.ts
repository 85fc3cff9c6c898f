// What the reply box suggests while typing: `@name` in a private note (a colleague to mention) and `/shortcut` (a
// canned response); and how a chosen suggestion goes into the text. Pure: text and caret in, text and caret out.

export interface Token {
  kind: 'mention' | 'canned'
  /** What was typed after the `@` or `/`. */
  query: string
  /** Where the `@` or `/` is, and where the token ends (the caret). */
  start: number
  end: number
}

const WORD = /[\p{L}\p{N}_.-]*$/u

/** The `@…` or `/…` token right before the caret, if it starts the text or follows a space or line break. */
export function activeToken(text: string, caret: number, opts: { mentions: boolean }): Token | null {
  const before = text.slice(0, caret)
  const word = WORD.exec(before)?.[0] ?? ''
  const at = caret - word.length - 1
  if (at < 0) return null
  const sign = before[at]
  if (at > 0 && !/\s/.test(before[at - 1]!)) return null
  if (sign === '@' && opts.mentions) return { kind: 'mention', query: word, start: at, end: caret }
  if (sign === '/') return { kind: 'canned', query: word, start: at, end: caret }
  return null
}

/** The text with the token replaced by `insert` (a space after a mention), and where the caret goes. */
export function applySuggestion(text: string, token: Token, insert: string): { text: string; caret: number } {
  if (token.kind === 'canned') return { text: text.slice(0, token.start) + insert + text.slice(token.end), caret: token.start + insert.length }
  // A mention is followed by one space: the one already there, or a new one.
  const spaced = /^\s/.test(text.slice(token.end))
  const value = `@${insert}${spaced ? '' : ' '}`
  return { text: text.slice(0, token.start) + value + text.slice(token.end), caret: token.start + value.length + (spaced ? 1 : 0) }
}

/** Whether `name` matches what was typed: any word of it starting with the query, ignoring case and accents. */
export function matchesName(name: string, query: string): boolean {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').toLowerCase()
  const q = fold(query)
  return q === '' || fold(name).split(/\s+/).some((w) => w.startsWith(q)) || fold(name).startsWith(q)
}

export interface Variables {
  contactName: string | null
  consultantName: string | null
  conversationId: string
}

/** A canned response's body with its variables filled in; an unknown name is left as written, a missing value is empty. */
export function fillVariables(body: string, v: Variables): string {
  const values: Record<string, string> = {
    'contact.name': v.contactName ?? '',
    'consultant.name': v.consultantName ?? '',
    'conversation.id': v.conversationId,
  }
  return body
    .replace(/\{\{\s*([a-z.]+)\s*\}\}/g, (whole, name: string) => (name in values ? values[name]! : whole))
    .replace(/ {2,}/g, ' ')
    .replace(/ ([,.!?])/g, '$1')
}

/** The chosen colleagues still mentioned in the text (their `@Name` was not deleted). */
export function mentionedIds(text: string, chosen: readonly { id: string; name: string }[]): string[] {
  return [...new Set(chosen.filter((c) => text.includes(`@${c.name}`)).map((c) => c.id))]
}
