// Entry by simple rules: the first message's words choose a queue when the citizen picked no topic.

export interface KeywordRule {
  queueId: string
  name: string
  /** Word beginnings, so that one rule covers Polish inflection: `zasil` matches zasiłek, zasiłku, zasiłkiem. */
  keywords: readonly string[]
}

/** Lower case without diacritics (ł and Ł too, which Unicode does not decompose). */
export function foldText(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'l').toLowerCase()
}

/** The queue whose keywords hit the most words; ties go to the first name, so the same text always goes to one queue. */
export function queueForText(text: string, rules: readonly KeywordRule[]): string | null {
  const words = foldText(text).split(/[^\p{L}\p{N}.]+/u).filter(Boolean)
  let best: { queueId: string; name: string; hits: number } | null = null
  for (const r of rules) {
    const keys = r.keywords.map(foldText).filter((k) => k.length >= 3)
    const hits = words.filter((w) => keys.some((k) => w.startsWith(k))).length
    if (hits === 0) continue
    if (!best || hits > best.hits || (hits === best.hits && r.name.localeCompare(best.name, 'pl') < 0)) best = { queueId: r.queueId, name: r.name, hits }
  }
  return best?.queueId ?? null
}
