// Knowledge-base Markdown comes out as inert HTML: raw HTML is text, only http(s) and mailto links, a small allowlist.
import { describe, expect, it } from 'vitest'
import { plainExcerpt, renderMarkdown } from './render-markdown.ts'

describe('renderMarkdown', () => {
  it('renders the usual formatting, links opening safely in a new tab', () => {
    const html = renderMarkdown('## Zasiłek\n\n**Ważne:** _wniosek_ w [PUP](https://praca.gov.pl)\n\n- a\n- b\n\n> cytat\n\n`kod`')
    expect(html).toContain('<h2>Zasiłek</h2>')
    expect(html).toContain('<strong>Ważne:</strong> <em>wniosek</em>')
    expect(html).toContain('<a href="https://praca.gov.pl" rel="noopener noreferrer" target="_blank">PUP</a>')
    expect(html).toContain('<ul>\n<li>a</li>')
    expect(html).toContain('<blockquote>')
    expect(html).toContain('<code>kod</code>')
    expect(renderMarkdown('[napisz](mailto:pup@example.pl)')).toContain('href="mailto:pup@example.pl"')
  })
  it('shows a <script> in the body as text', () => {
    const html = renderMarkdown('Tekst <script>alert(1)</script>')
    expect(html).not.toContain('<script')
    expect(html).toContain('&lt;script&gt;')
  })
  it('refuses javascript: links (markdown-it validateLink) and any other scheme', () => {
    for (const md of ['[klik](javascript:alert(1))', '[klik](JavaScript:alert(1))', '[d](data:text/html,x)', '[r](/wzgledny)', '<a href="javascript:alert(1)">a</a>']) {
      const html = renderMarkdown(md)
      expect(html).not.toMatch(/<a\b/)
    }
  })
  it('leaves an <img onerror> inert, and Markdown images out', () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)>\n\n![obraz](https://example.pl/a.png)')
    expect(html).not.toMatch(/<img/)
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })
})

describe('plainExcerpt', () => {
  it('is the start of the text without markup, cut at a word', () => {
    expect(plainExcerpt('# Zasiłek\n\n**Wniosek** & dokumenty')).toBe('Zasiłek Wniosek & dokumenty')
    const long = plainExcerpt('słowo '.repeat(100), 50)
    expect(long.length).toBeLessThanOrEqual(51)
    expect(long.endsWith('słowo…')).toBe(true)
  })
})
