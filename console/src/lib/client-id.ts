// A fresh clientId for every message sent, so the hub can store a re-sent message only once.

/** A UUID where the browser offers one; random hex elsewhere (crypto.randomUUID needs a secure context). */
export function newClientId(source: Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>> = crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID()
  const bytes = source.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
