// The console by keyboard alone, in Chromium: a citizen writes on /demo, and the consultant accepts the offer (a),
// reads the shortcut help (?), answers (r, Enter), leaves the reply box (Escape) and resolves (e) without a click.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { wcagViolations } from './accessibility.ts'
import { launchChromium } from './chromium.ts'
import { acceptOffer, openWidget, say } from './console-chat.ts'
import { adminEnv, signIn } from './console-session.ts'
import { startHubProcess, type HubProcess } from './hub-process.ts'

let hub: HubProcess
let browser: Browser
beforeAll(async () => {
  hub = await startHubProcess(adminEnv, { demo: true })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await hub?.stop()
})

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')
const announced = (page: Page) => page.getByTestId('announcer').textContent()

describe('the console by keyboard', () => {
  it('accepts, answers and resolves a chat with single keys, and shows an accessible shortcut help', async () => {
    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (e) => pageErrors.push(e.message))

    await signIn(page, hub.url)
    await page.getByTestId('presence').selectOption('available')
    await page.locator('.presence-available').waitFor()
    // From here on only the keyboard: Tab leaves the presence select, where letters would pick an option.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('SELECT')

    const citizen = await openWidget(browser, hub.url, pageErrors)
    const question = 'Dzień dobry, czy mogę się wyrejestrować przez internet?'
    await say(citizen, question)

    // a: the offer is accepted and the conversation opens, its heading focused.
    await page.getByTestId('offer').waitFor({ timeout: 15_000 })
    await page.keyboard.press('a')
    await page.waitForURL(/\/conversations\/[0-9a-f-]{36}$/)
    await page.getByTestId('timeline').getByTestId('event').filter({ hasText: question }).waitFor()
    await expect.poll(() => focusedId(page)).toBe('conversation-title')
    await expect.poll(() => page.getByTestId('offer').count()).toBe(0)

    // ?: the help, a labelled modal dialog listing every shortcut, passes axe; Escape closes it and focus comes back.
    await page.keyboard.press('Shift+Slash')
    const help = page.getByRole('dialog', { name: 'Skróty klawiszowe' })
    await help.waitFor()
    expect(await help.evaluate((d) => (d as HTMLDialogElement).open && d.matches(':modal'))).toBe(true)
    expect(await help.getByTestId('shortcut').count()).toBe(10)
    for (const text of ['Następna rozmowa na liście', 'Przyjmij pierwszą proponowaną rozmowę', 'Odłóż otwartą rozmowę', 'Szukaj na liście rozmów']) {
      await help.getByText(text).waitFor()
    }
    expect(await wcagViolations(page)).toEqual([])
    await page.keyboard.press('Escape')
    await help.waitFor({ state: 'hidden' })
    await expect.poll(() => focusedId(page)).toBe('conversation-title')

    // j at the end of the list and a with no offer say so instead of acting.
    await page.keyboard.press('j')
    await expect.poll(() => announced(page)).toBe('To ostatnia rozmowa na liście.')
    await page.keyboard.press('a')
    await expect.poll(() => announced(page)).toBe('Ten skrót nie działa w tym miejscu.')

    // n: into the reply box as a private note; Escape leaves it; r: back in it as a reply.
    await page.getByTestId('reply-input').waitFor()
    await page.keyboard.press('n')
    await expect.poll(() => focusedId(page)).toBe('reply-input')
    await page.locator('label[for="reply-input"]').getByText('Notatka wewnętrzna').waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => focusedId(page)).not.toBe('reply-input')
    await page.keyboard.press('r')
    await expect.poll(() => focusedId(page)).toBe('reply-input')
    await page.locator('label[for="reply-input"]').getByText('Odpowiedź do klienta').waitFor()
    // The r itself was not typed into the box.
    expect(await page.getByTestId('reply-input').inputValue()).toBe('')

    const answer = 'Tak, wystarczy wniosek przez portal praca.gov.pl.'
    await page.keyboard.type(answer)
    await page.keyboard.press('Enter')
    await page.getByTestId('timeline').locator('[data-testid="event"][data-direction="out"]').filter({ hasText: answer }).waitFor()
    await citizen.widget.locator('[data-testid="message"][data-direction="out"]').filter({ hasText: answer }).waitFor()

    // Escape, then e: resolved, as the button would.
    await page.keyboard.press('Escape')
    await expect.poll(() => focusedId(page)).not.toBe('reply-input')
    await page.keyboard.press('e')
    const status = page.getByTestId('conversation-status')
    await status.and(page.locator('.status-resolved')).waitFor()
    expect((await status.textContent())?.trim()).toBe('Zamknięta')
    expect(pageErrors).toEqual([])
    await page.context().close()
    await citizen.page.context().close()
  })

  it('switches the single keys off from the help and back on (WCAG 2.1.4)', async () => {
    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await signIn(page, hub.url)
    await page.getByTestId('shortcuts-help').click()
    const help = page.getByRole('dialog', { name: 'Skróty klawiszowe' })
    await help.waitFor()
    await help.getByTestId('shortcuts-enabled').uncheck()
    await help.getByTestId('keyboard-help-close').click()
    await help.waitFor({ state: 'hidden' })
    // The key is handled before press() returns: had it worked, the dialog would be open now.
    await page.keyboard.press('Shift+Slash')
    expect(await help.isVisible()).toBe(false)
    // The header button still opens the help, where they go back on.
    await page.getByTestId('shortcuts-help').click()
    await help.waitFor()
    await help.getByTestId('shortcuts-enabled').check()
    await page.keyboard.press('Escape')
    await help.waitFor({ state: 'hidden' })
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('shortcuts-help')
    await page.keyboard.press('Shift+Slash')
    await help.waitFor()
    await page.context().close()
  })

  it('moves through the conversation list with j and k, from the first one when none is open', async () => {
    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await signIn(page, hub.url)
    await page.getByTestId('presence').selectOption('available')
    await page.locator('.presence-available').waitFor()
    for (const question of ['Pierwsza sprawa do przejrzenia.', 'Druga sprawa do przejrzenia.']) {
      const citizen = await openWidget(browser, hub.url)
      await say(citizen, question)
      await acceptOffer(page)
    }
    await page.goto(hub.url + '/')
    const items = page.getByTestId('conversation-item')
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(2)
    const order = await items.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id ?? ''))
    const openId = () => /\/conversations\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? null

    // Nothing open: j opens the first conversation of the list.
    await page.keyboard.press('j')
    await page.waitForURL(`**/conversations/${order[0]}`)
    // k at the top says so; j and k walk down and up again, the open one marked in the list.
    await page.keyboard.press('k')
    await expect.poll(() => announced(page)).toBe('To pierwsza rozmowa na liście.')
    expect(openId()).toBe(order[0])
    await page.keyboard.press('j')
    await page.waitForURL(`**/conversations/${order[1]}`)
    await page.locator(`[data-testid="conversation-item"][data-id="${order[1]}"][aria-current="page"]`).waitFor()
    await page.keyboard.press('k')
    await page.waitForURL(`**/conversations/${order[0]}`)
    await page.context().close()
  })
})
