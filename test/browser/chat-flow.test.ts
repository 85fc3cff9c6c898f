// End to end in Chromium: a citizen writes on /demo, a consultant answers live in the console, a reload keeps history.
import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { wcagViolations } from './accessibility.ts'
import { launchChromium } from './chromium.ts'
import { ADMIN, adminEnv, SHOTS, signIn as signInAs } from './console-session.ts'
import { startHubProcess, type HubProcess } from './hub-process.ts'

const shots = SHOTS

let hub: HubProcess
let browser: Browser
beforeAll(async () => {
  mkdirSync(shots, { recursive: true })
  hub = await startHubProcess(adminEnv, { demo: true })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await hub?.stop()
})

const signIn = (page: Page) => signInAs(page, hub.url)

describe('chat in the browser', () => {
  it('shows an accessible sign-in page that refuses a wrong password', async () => {
    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await page.goto(hub.url + '/')
    await page.getByTestId('login-email').waitFor()
    expect(await wcagViolations(page)).toEqual([])
    await page.getByTestId('login-email').fill(ADMIN.email)
    await page.getByTestId('login-password').fill('zle-haslo-123')
    await page.getByTestId('login-submit').click()
    await page.getByText('Nieprawidłowy e-mail lub hasło').waitFor()
    await page.context().close()
  })

  it('carries a citizen question to the console and the answer back, live, and keeps history on reload', async () => {
    const citizen = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    const consultant = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    const pageErrors: string[] = []
    for (const p of [citizen, consultant]) {
      p.on('pageerror', (e) => pageErrors.push(e.message))
      p.on('console', (m) => {
        if (m.type() === 'error' && /Content.Security.Policy/i.test(m.text())) pageErrors.push(m.text())
      })
    }

    await signIn(consultant)
    // Available: routing gives this consultant the next chat.
    await consultant.getByTestId('presence').selectOption('available')
    await consultant.locator('.presence-available').waitFor()

    await citizen.goto(hub.url + '/demo')
    const widget = citizen.locator('#inboxhub-widget')
    await widget.getByTestId('launcher').click()
    // The demo floor offers topics before the first message; this citizen leaves it at "something else".
    await expect.poll(() => widget.getByTestId('topic').locator('option').count()).toBe(6)
    expect(await wcagViolations(citizen)).toEqual([])
    await citizen.screenshot({ path: `${shots}/widget-pre-chat.png` })
    const question = 'Dzień dobry, jak zarejestrować się jako bezrobotny?'
    await widget.getByTestId('input').fill(question)
    await widget.getByTestId('send').click()
    await widget.locator('[data-testid="message"][data-direction="in"][data-state="sent"]').filter({ hasText: question }).waitFor()

    // Routing offers the chat to the available consultant, who accepts it.
    await consultant.getByTestId('offer-accept').click()
    // The consultant sees it appear without reloading.
    const item = consultant.getByTestId('conversation-item').filter({ hasText: question.slice(0, 20) })
    await item.waitFor({ timeout: 15_000 })
    await item.click()
    await consultant.getByTestId('timeline').getByTestId('event').filter({ hasText: question }).waitFor()

    const answer = 'Dzień dobry! Można to zrobić przez portal praca.gov.pl albo w urzędzie.'
    await consultant.getByTestId('reply-input').fill(answer)
    await consultant.getByTestId('reply-send').click()
    await consultant.getByTestId('timeline').locator('[data-testid="event"][data-direction="out"]').filter({ hasText: answer }).waitFor()

    // The citizen sees the answer live.
    await widget.locator('[data-testid="message"][data-direction="out"]').filter({ hasText: answer }).waitFor()
    await citizen.screenshot({ path: `${shots}/widget-answer.png` })
    await consultant.screenshot({ path: `${shots}/console-conversation.png` })
    // Routing assigned the chat to the available consultant; resolving it shows at once.
    await consultant.getByTestId('conversation-status').and(consultant.locator('.status-assigned')).waitFor()
    // Escalated to the Warsaw office by the citizen's region, with a note only staff see.
    const actions = consultant.getByTestId('conversation-actions')
    await actions.locator('summary', { hasText: 'Przekaż do urzędu pracy' }).click()
    await actions.getByLabel('Kod TERYT regionu (powiat lub województwo)').fill('1465')
    await actions.locator('#escalate-note').fill('Rejestracja w Warszawie')
    await actions.getByRole('button', { name: 'Przekaż do urzędu pracy' }).click()
    await consultant.getByTestId('timeline').getByText('Przekazano do urzędu: Urząd Pracy m.st. Warszawy. Rejestracja w Warszawie').waitFor()
    expect(await wcagViolations(consultant)).toEqual([])
    await consultant.getByTestId('conversation-status').and(consultant.locator('.status-queued')).waitFor()
    await consultant.getByTestId('resolve').click()
    await consultant.getByTestId('conversation-status').and(consultant.locator('.status-resolved')).waitFor()
    // Both screens, with real content in them, pass the WCAG 2.1 AA rules axe can check.
    expect(await wcagViolations(citizen)).toEqual([])
    expect(await wcagViolations(consultant)).toEqual([])

    // A reload keeps the history, each message once.
    await citizen.reload()
    const again = citizen.locator('#inboxhub-widget')
    // The widget remembers an open panel across page loads; open it only if it came back closed.
    const launcher = again.getByTestId('launcher')
    await launcher.waitFor()
    if ((await launcher.getAttribute('aria-expanded')) !== 'true') await launcher.click()
    await again.locator('[data-testid="message"][data-direction="out"]').filter({ hasText: answer }).waitFor()
    await expect.poll(() => again.locator('[data-testid="message"]').count()).toBe(2)
    const texts = await again.locator('[data-testid="message"]').allInnerTexts()
    expect(texts[0]).toContain(question)
    expect(texts[1]).toContain(answer)
    expect(pageErrors).toEqual([])
  })
})
