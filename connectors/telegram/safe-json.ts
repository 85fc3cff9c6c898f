// JSON.parse that keeps integers beyond Number.MAX_SAFE_INTEGER exact, as strings. Telegram's ids (update_id,
// user and chat ids) are integers that may outgrow 2^53 in principle; plain JSON.parse would round them silently.
// Node 20 has no JSON.parse source-text access, so integer literals are quoted in the raw text before parsing:
// a single pass that skips string literals, so digits inside text are never touched.

/** Parses JSON text; integer literals that are not safe integers come back as decimal strings. Throws SyntaxError. */
export function parseJsonKeepingBigInts(text: string): unknown {
  return JSON.parse(quoteUnsafeIntegers(text))
}

function quoteUnsafeIntegers(text: string): string {
  let out = ''
  let copiedUpTo = 0
  let i = 0
  while (i < text.length) {
    const ch = text.charCodeAt(i)
    if (ch === 0x22 /* " */) {
      i = skipString(text, i)
      continue
    }
    if (ch === 0x2d /* - */ || (ch >= 0x30 && ch <= 0x39)) {
      const start = i
      i++
      while (i < text.length && /[0-9eE.+-]/.test(text[i] as string)) i++
      const literal = text.slice(start, i)
      if (/^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
        out += text.slice(copiedUpTo, start) + '"' + literal + '"'
        copiedUpTo = i
      }
      continue
    }
    i++
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo)
}

/** The index just after the string literal that starts at `start` (or the end of the text if it is unterminated). */
function skipString(text: string, start: number): number {
  let i = start + 1
  while (i < text.length) {
    const ch = text.charCodeAt(i)
    if (ch === 0x5c /* \ */) i += 2
    else if (ch === 0x22) return i + 1
    else i++
  }
  return i
}
