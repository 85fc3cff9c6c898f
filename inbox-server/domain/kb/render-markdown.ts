// Knowledge-base Markdown to safe HTML: raw HTML in the source is shown as text (html: false), links go only to
// http(s) and mailto, and the result passes a small sanitize-html allowlist as a second wall.
import MarkdownIt from 'markdown-it'
import sanitizeHtml from 'sanitize-html'

const LINK_SCHEMES = /^(https?:|mailto:)/i

const md = new MarkdownIt({ html: false, linkify: true, typographer: false })
const defaultValidateLink = md.validateLink.bind(md)
// markdown-it's own check refuses javascript:, vbscript:, file: and data:; ours also refuses everything not listed.
md.validateLink = (url: string) => defaultValidateLink(url) && LINK_SCHEMES.test(url.trim())

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'h1', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'strong', 'em', 'code', 'pre', 'blockquote', 'a'],
  allowedAttributes: { a: ['href', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }) },
}

export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(md.render(markdown), OPTIONS).trim()
}

/** The first `max` characters of the article as plain text (for lists), cut at a word. */
export function plainExcerpt(markdown: string, max = 200): string {
  const text = sanitizeHtml(md.render(markdown), { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}
