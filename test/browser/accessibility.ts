// Runs axe-core's WCAG 2.1 A/AA rules on a page (open shadow roots included) and returns the violations.
import axe from 'axe-core'
import type { Page } from 'playwright-core'

export interface Violation {
  id: string
  impact: string | null
  help: string
  targets: string[]
}

export async function wcagViolations(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(axe.source)
  return page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe }
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return r.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }))
  })
}
