// Attachments as the console shows them: a size in kB or MB in the consultant's language, the label of a file with
// no name, a map link for a location, and the download that fetches with the session cookie and saves the bytes
// through an object URL (nothing secret ever goes into a URL).
import type { AttachmentInfo, AttachmentKind } from '$protocol/attachments.ts'
import { HttpError } from './api.ts'
import type { MessageKey } from './i18n.ts'

const KB = 1024
const MB = 1024 * KB

/** "512 B" is never shown: "0,5 kB", "12 kB", "1,4 MB" (Polish decimal comma), "12.5 MB" in English. */
export function formatSize(bytes: number, lang: string): string {
  if (bytes >= MB) {
    const value = bytes / MB
    return `${new Intl.NumberFormat(lang, { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value)} MB`
  }
  const value = bytes / KB
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: value < 10 ? 1 : 0, minimumFractionDigits: 0 }).format(Math.max(value, 0.1))} kB`
}

export function attachmentKindKey(kind: AttachmentKind): MessageKey {
  return `attachment.kind.${kind}`
}

/** A place on OpenStreetMap, marked. */
export function osmUrl(location: { lat: number; long: number }): string {
  const lat = location.lat.toFixed(6)
  const lon = location.long.toFixed(6)
  return `https://www.openstreetmap.org/?mlat=${encodeURIComponent(lat)}&mlon=${encodeURIComponent(lon)}`
}

/** A file name safe to offer the browser: no path, no control characters. */
export function saveName(attachment: Pick<AttachmentInfo, 'name' | 'id'>, fallback: string): string {
  const name = (attachment.name ?? '').replace(/[\\/]/g, '_').replace(/\p{Cc}/gu, '').trim()
  return name || fallback
}

/**
 * Downloads an attachment with the same credentials as every other /api call (the session cookie), then saves it
 * through a short-lived object URL. Throws HttpError: 409 `attachment_pending` while it is still being fetched,
 * 404 once it failed.
 */
export async function downloadAttachment(attachment: Pick<AttachmentInfo, 'id' | 'name'>, fallbackName: string): Promise<void> {
  let response: Response
  try {
    response = await fetch(`/api/attachments/${encodeURIComponent(attachment.id)}`, { credentials: 'same-origin', cache: 'no-store' })
  } catch (error) {
    throw new HttpError(0, 'network', error instanceof Error ? error.message : 'network error')
  }
  if (!response.ok) {
    let code = `http_${response.status}`
    try {
      const body = (await response.json()) as { error?: { code?: unknown } }
      if (typeof body.error?.code === 'string') code = body.error.code
    } catch {
      // Not JSON: keep the status.
    }
    throw new HttpError(response.status, code, response.statusText)
  }
  const blob = await response.blob()
  const url = URL.createObjectURL(blob)
  try {
    const link = document.createElement('a')
    link.href = url
    link.download = saveName(attachment, fallbackName)
    link.rel = 'noopener'
    link.style.display = 'none'
    document.body.append(link)
    link.click()
    link.remove()
  } finally {
    // The click has started the download; the URL is not needed after this turn.
    setTimeout(() => URL.revokeObjectURL(url), 0)
  }
}
