// An e-mail's HTML made safe for the console: basic formatting, lists, tables and links stay; scripts, styles,
// frames, forms, event handlers and every remote load (images, CSS urls) go. Only `cid:` images, the mail's own parts.
import sanitizeHtml from 'sanitize-html'

const ALLOWED_TAGS = [
  'p', 'div', 'span', 'br', 'hr', 'blockquote', 'pre', 'code', 'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'sub', 'sup',
  'small', 'big', 'font', 'center', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup', 'col', 'a', 'img', 'abbr', 'cite', 'q',
]

const CELL_ATTRIBUTES = ['colspan', 'rowspan', 'align', 'valign', 'width', 'height']

// Values only from these shapes, so no url(), expression() or @import can ride along in a style attribute.
const COLOR = [/^#[0-9a-f]{3,8}$/i, /^rgba?\(\s*[\d.\s,%]+\)$/i, /^[a-z]{3,20}$/i]
const ALLOWED_STYLES = {
  '*': {
    color: COLOR,
    'background-color': COLOR,
    'text-align': [/^(left|right|center|justify)$/i],
    'font-weight': [/^(normal|bold|bolder|lighter|\d{3})$/i],
    'font-style': [/^(normal|italic|oblique)$/i],
    'text-decoration': [/^(none|underline|line-through|overline)$/i],
  },
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    '*': ['style', 'title', 'dir', 'lang'],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    font: ['color'],
    table: ['border', 'cellpadding', 'cellspacing', 'width', 'align'],
    td: CELL_ATTRIBUTES,
    th: CELL_ATTRIBUTES,
    col: ['span', 'width'],
    ol: ['start', 'type'],
  },
  allowedStyles: ALLOWED_STYLES,
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['cid'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  // Their text is not content either: a <title> would otherwise show up as the first line of the body.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'iframe', 'object', 'template', 'svg', 'math'],
  transformTags: {
    // Ours override whatever the sender put there: no opener access, no referrer, no endorsement of the target.
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
  },
  // An <img> without a cid: source would load from the sender's server (a tracking pixel at best): dropped whole.
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^cid:/i.test(frame.attribs.src ?? ''),
}

export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim()
}
