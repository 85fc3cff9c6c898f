// Deflection in Chromium: while a citizen types on /demo (nothing sent), the widget offers a matching public
// knowledge-base article under the text box; it opens in place, "Tak, dziękuję" records that it helped and thanks
// the citizen; axe passes with the article open.
import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { wcagViolations } from './accessibility.ts'
import { launchChromium } from './chromium.ts'
import { ADMIN, adminEnv, SHOTS } from './console-session.ts'
import { startHubProcess, type HubProcess } from './hub-process.ts'

let hub: HubProcess
let browser: Browser
let admin: string

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  hub = await startHubProcess(adminEnv)
  browser = await launchChromium()
  const login = await fetch(`${hub.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })
  admin = ((await login.json()) as { token: string }).token
})
afterAll(async () => {
  await browser?.close()
  await hub?.stop()
})

describe('knowledge-base suggestions in the widget', () => {
  it('offers a public article while the citizen types and records that it helped', async () => {
    const body = 'Zarejestrujesz się w powiatowym urzędzie pracy albo przez internet na praca.gov.pl.'
    const r = await fetch(`${hub.url}/api/kb/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ title: 'Jak zarejestrować się jako bezrobotny', category: 'Rejestracja', audience: 'public', body }),
    })
    expect(r.status, await r.clone().text()).toBeLessThan(300)

    const citizen = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    const pageErrors: string[] = []
    citizen.on('pageerror', (e) => pageErrors.push(e.message))
    const frames: string[] = []
    citizen.on('websocket', (ws) => ws.on('framesent', (f) => frames.push(String(f.payload))))
    await citizen.goto(hub.url + '/demo')
    const widget = citizen.locator('#inboxhub-widget')
    await widget.getByTestId('launcher').click()
    const input = widget.getByTestId('input')
    await widget.locator('[data-testid="messages"]').waitFor()
    await expect.poll(() => widget.locator('.banner').textContent()).toBe('') // connected
    await input.pressSequentially('jak zarejestrować się', { delay: 20 })

    const region = widget.getByRole('region', { name: 'Może to pomoże' })
    const suggestion = region.getByTestId('kb-suggestion').filter({ hasText: 'Jak zarejestrować się jako bezrobotny' })
    await suggestion.waitFor({ timeout: 15_000 })
    await expect.poll(() => widget.locator('[role="status"]').filter({ hasText: 'Znaleźliśmy artykuły, które mogą pomóc' }).count()).toBe(1)
    expect(await input.inputValue()).toBe('jak zarejestrować się') // nothing was sent
    expect(await widget.getByTestId('message').count()).toBe(0)
    expect(await input.isVisible()).toBe(true)

    // Opened from the keyboard: the text shows in place, with the question under it.
    await suggestion.focus()
    await citizen.keyboard.press('Enter')
    expect(await suggestion.getAttribute('aria-expanded')).toBe('true')
    await region.getByText(body).waitFor()
    await region.getByText('Czy to odpowiada na pytanie?').waitFor()
    expect(await input.isVisible()).toBe(true)
    expect(await wcagViolations(citizen)).toEqual([])
    await citizen.screenshot({ path: `${SHOTS}/widget-deflection.png` })

    await region.getByTestId('kb-helped-yes').click()
    await region.getByTestId('kb-thanks').filter({ hasText: 'Dziękujemy!' }).waitFor()
    expect(await region.getByTestId('kb-helped-yes').count()).toBe(0)
    expect(await wcagViolations(citizen)).toEqual([])
    await expect.poll(() => frames.filter((f) => f.includes('"kb_feedback"'))).toHaveLength(1)
    expect(JSON.parse(frames.find((f) => f.includes('"kb_feedback"'))!)).toMatchObject({ type: 'kb_feedback', helped: true })

    // Emptying the box takes the suggestions away.
    await input.fill('')
    await region.waitFor({ state: 'hidden' })
    expect(pageErrors).toEqual([])
    await citizen.context().close()
  })
})
