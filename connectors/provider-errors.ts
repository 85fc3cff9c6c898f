// What connectors say when a provider call fails: secrets removed wherever they appear (also URL-encoded), and
// the network reason undici's "fetch failed" hides in `cause`.

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret === '') continue
    out = out.split(secret).join('[REDACTED]')
    const encoded = encodeURIComponent(secret)
    if (encoded !== secret) out = out.split(encoded).join('[REDACTED]')
  }
  return out
}

/** ECONNREFUSED, ENOTFOUND… rather than a bare "fetch failed". */
export function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  const cause = err.cause instanceof Error ? err.cause : null
  const code = cause && 'code' in cause && typeof cause.code === 'string' ? cause.code : null
  return cause ? `${err.message} (${code ?? cause.message})` : err.message
}
