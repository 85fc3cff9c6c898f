// The supervisors' reports in Chromium: two chats today (one picked up, one still waiting), Raporty from the nav,
// the "today" preset puts the range in the address and shows 2 offered and the by-queue table; the queue CSV
// downloads with a byte-order mark and Polish letters intact; axe passes in Polish and English.
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { TestSocket } from '../support/test-socket.ts'
import { wcagViolations } from './accessibility.ts'
import { launchChromium } from './chromium.ts'
import { adminEnv, adminToken, signIn } from './console-session.ts'
import { startHubProcess, type HubProcess } from './hub-process.ts'

let hub: HubProcess
let browser: Browser
let admin: string

/** A citizen writes through the widget's socket; the conversation's id. */
async function citizenWrites(text: string): Promise<string> {
  const socket = await TestSocket.open(`${hub.url.replace('http', 'ws')}/ws/visitor`, { origin: hub.url })
  await socket.request({ type: 'hello', lang: 'pl' }, (f) => f.type === 'welcome')
  const ack = await socket.request({ type: 'send', clientId: `c${Date.now()}${Math.random().toString(36).slice(2, 10)}`, text }, (f) => f.type === 'ack')
  await socket.close()
  return ack.conversationId as string
}

beforeAll(async () => {
  hub = await startHubProcess(adminEnv)
  browser = await launchChromium()
  admin = await adminToken(hub.url)
  const answered = await citizenWrites('Pytanie o zasiłek')
  await citizenWrites('Czy ktoś odbierze?')
  const pick = await fetch(`${hub.url}/api/conversations/${answered}/pick`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: '{}' })
  expect(pick.status).toBeLessThan(300)
})
afterAll(async () => {
  await browser?.close()
  await hub?.stop()
})

describe('the reports page', () => {
  it('shows today’s figures, downloads CSV with Polish letters, and passes axe in both languages', async () => {
    const page = await (await browser.newContext({ locale: 'pl-PL', acceptDownloads: true })).newPage()
    await signIn(page, hub.url)
    await page.getByTestId('nav-reports').click()
    await page.getByRole('heading', { level: 1, name: 'Raporty' }).waitFor()
    // The default range (the last 7 days) loads first.
    await page.getByTestId('report-tiles').waitFor()

    await page.getByTestId('report-preset-today').click()
    await page.waitForURL(/\/reports\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/)
    const query = new URL(page.url()).searchParams
    expect(query.get('from')).toBe(query.get('to'))
    expect(await page.getByTestId('report-from').inputValue()).toBe(query.get('from'))
    // The report shown is for that one day, not the default week.
    await page.getByTestId('report-period').filter({ hasText: '(1 dzień)' }).waitFor()
    await page.locator('[data-testid="report"][aria-busy="false"]').waitFor()
    await page.getByTestId('report-tile-offered').locator('dd').filter({ hasText: /^2$/ }).waitFor()
    expect(await page.getByTestId('report-tile-answered').locator('dd').textContent()).toBe('1')
    const queues = page.getByTestId('report-queues')
    await queues.waitFor()
    expect(await queues.locator('tbody tr').count()).toBeGreaterThan(0)
    expect(await queues.locator('td[data-cell="offered"]').allTextContents()).toContain('2')
    // Each chart is an image with a summary, and its numbers are in a table.
    expect(await page.getByTestId('report-by-hour-chart').getAttribute('role')).toBe('img')
    expect(await page.getByTestId('report-by-hour-chart').getAttribute('aria-label')).toContain('Razem przyjęte 2')
    expect(await page.getByTestId('report-by-weekday-table').locator('tbody tr').count()).toBe(7)

    // The per-queue CSV for the same day.
    const link = page.getByTestId('report-csv-queue')
    expect(await link.getAttribute('href')).toBe(`/api/reports.csv?from=${query.get('from')}&to=${query.get('to')}&by=queue`)
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
    const bytes = await readFile(await download.path())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.subarray(3).toString('utf8')
    expect(text.split('\r\n')[0]).toMatch(/^Kolejka;Przyjęte;Odebrane;Porzucone;Krótkie porzucenia;/)
    expect(text).toContain('Śr. czas odebrania')

    expect(await wcagViolations(page)).toEqual([])
    // With the chart tables open too.
    for (const summary of await page.getByTestId('report').locator('details > summary').all()) await summary.click()
    expect(await wcagViolations(page)).toEqual([])

    // A reversed range is refused in the page and said aloud; nothing else changes.
    await page.getByTestId('report-from').fill('2025-05-02')
    await page.getByTestId('report-to').fill('2025-05-01')
    await page.getByTestId('report-show').click()
    await page.getByTestId('report-range-error').filter({ hasText: 'późniejsza' }).waitFor()
    expect(await page.getByTestId('report-from').getAttribute('aria-invalid')).toBe('true')

    // In English.
    await page.getByTestId('language-switch').click()
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor()
    await page.getByTestId('report-by-hour-chart').and(page.locator('[aria-label*="In all offered 2"]')).waitFor()
    expect(await page.getByTestId('report-tile-offered').locator('dt').textContent()).toBe('Offered')
    expect(await wcagViolations(page)).toEqual([])
    await page.getByTestId('language-switch').click()
    await page.context().close()
  })
})
