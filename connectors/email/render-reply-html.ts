// The HTML part of an answer: the consultant's plain text, escaped, line breaks kept, in the plainest template mail
// clients render alike. The text part stays the original; this one only keeps clients from reflowing it.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function renderReplyHtml(text: string): string {
  const body = text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c).replace(/\r?\n/g, '<br>\n')
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>\n<body><div style="font-family: sans-serif;">${body}</div></body></html>\n`
}
