// Between form inputs and request bodies: comma lists, optional numbers and texts, and only the fields that changed.

/** "zasil, bezrobotn\nwyplat" → ["zasil", "bezrobotn", "wyplat"]: trimmed, no blanks, no repeats. */
export function splitList(text: string): string[] {
  const seen = new Set<string>()
  for (const part of text.split(/[,;\n]/)) {
    const value = part.trim()
    if (value) seen.add(value)
  }
  return [...seen]
}

export function joinList(values: readonly string[] | null | undefined): string {
  return (values ?? []).join(', ')
}

/** An empty input is null; anything else is a number (the hub says if it is not a whole one). */
export function optionalNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return Number.isNaN(value) ? null : value
  const trimmed = value.trim()
  if (!trimmed) return null
  const n = Number(trimmed)
  return Number.isNaN(n) ? null : n
}

/** A number input bound with bind:value gives a number, or null/'' when empty. */
export function requiredNumber(value: string | number | null | undefined, fallback = 0): number {
  return optionalNumber(value) ?? fallback
}

export function optionalText(value: string | null | undefined): string | null {
  const trimmed = (value ?? '').trim()
  return trimmed ? trimmed : null
}

/** JSON with object keys sorted, so values stored with their keys in another order (jsonb) still compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  )
}

function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b)
}

/** The fields of `next` that differ from `before`: a PATCH that leaves untouched fields (and their owners) alone. */
export function changes<T extends object>(before: Partial<Record<keyof T, unknown>>, next: T): Partial<T> {
  const out: Partial<T> = {}
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (!same(before[key], next[key])) out[key] = next[key]
  }
  return out
}

/** Adds or removes one value of a set kept as an array, keeping the order of `all` where given. */
export function toggle(values: readonly string[], value: string, on: boolean): string[] {
  const without = values.filter((v) => v !== value)
  return on ? [...without, value] : without
}
