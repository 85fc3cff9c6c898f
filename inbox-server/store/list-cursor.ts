// Opaque keyset cursor for lists ordered by (last activity, id) descending.

export interface ListPosition {
  at: Date
  id: string
}

export function encodeCursor(p: ListPosition): string {
  return Buffer.from(JSON.stringify([p.at.toISOString(), p.id])).toString('base64url')
}

export function decodeCursor(s: string): ListPosition | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'))
    if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'string' || typeof v[1] !== 'string') return null
    const at = new Date(v[0])
    if (Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/i.test(v[1])) return null
    return { at, id: v[1] }
  } catch {
    return null
  }
}
