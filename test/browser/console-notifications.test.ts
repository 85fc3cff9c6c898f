// The consultant's notifications in Chromium: an offer and a citizen's message in another of their conversations
// count in the tab title until seen, make a sound (WebAudio, counted here) and, when switched on and the tab is hidden,
// a desktop notification of at most 100 characters; offline there is no sound or notification but the count goes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { wcagViolations } from './accessibility.ts'
import { launchChromium } from './chromium.ts'
import { acceptOffer, inboundIn, openWidget, say } from './console-chat.ts'
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

/**
 * Before the console loads: counts the tones WebAudio is asked to play, records desktop notifications, and lets the
 * test hide the tab (headless Chromium never does).
 */
function watchAlerts() {
  type Recorded = { __tones: number; __shown: { title: string; body: string }[]; __hidden: boolean }
  const w = window as unknown as Recorded & typeof globalThis
  w.__tones = 0
  w.__shown = []
  w.__hidden = false
  const BaseAudio = w.AudioContext
  w.AudioContext = class extends BaseAudio {
    override createOscillator() {
      w.__tones += 1
      return super.createOscillator()
    }
  }
  const BaseNotification = w.Notification
  w.Notification = class extends BaseNotification {
    constructor(title: string, options?: NotificationOptions) {
      w.__shown.push({ title, body: options?.body ?? '' })
      super(title, options)
    }
  }
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (w.__hidden ? 'hidden' : 'visible') })
}

const recorded = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __tones: number; __shown: { title: string; body: string }[] }
    return { tones: w.__tones, shown: w.__shown }
  })

async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((h) => {
    ;(window as unknown as { __hidden: boolean }).__hidden = h
    document.dispatchEvent(new Event('visibilitychange'))
  }, hidden)
}

const titleCount = (page: Page) => page.evaluate(() => /^\((\d+)\) /.exec(document.title)?.[1] ?? '0')

describe('notifications', () => {
  it('counts unseen offers and messages in the tab title, with sound and desktop notifications as set', { timeout: 80_000 }, async () => {
    const context = await browser.newContext({ locale: 'pl-PL' })
    await context.grantPermissions(['notifications'], { origin: hub.url })
    await context.addInitScript(watchAlerts)
    const page = await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await signIn(page, hub.url)
    await page.getByTestId('presence').selectOption('available')
    await page.locator('.presence-available').waitFor()

    // Desktop notifications are off until switched on in the header's settings; the choice is kept.
    await page.getByTestId('notify-settings').click()
    expect(await wcagViolations(page)).toEqual([])
    await page.getByTestId('notify-desktop').check()
    await expect.poll(() => page.evaluate(() => localStorage.getItem('inbox-console.notify'))).toBe('{"muted":false,"desktop":true}')
    await page.keyboard.press('Escape')
    await page.locator('#notify-panel').waitFor({ state: 'detached' })
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('notify-settings')

    // An offer counts until it is answered, and sounds.
    const first = await openWidget(browser, hub.url, pageErrors)
    await say(first, 'Dzień dobry, pierwsza sprawa.')
    await page.getByTestId('offer').waitFor({ timeout: 15_000 })
    await expect.poll(() => titleCount(page)).toBe('1')
    await page.getByTestId('notify-count').filter({ hasText: '1' }).waitFor()
    expect((await recorded(page)).tones).toBeGreaterThan(0)
    const firstId = await acceptOffer(page)
    await expect.poll(() => titleCount(page)).toBe('0')

    const second = await openWidget(browser, hub.url, pageErrors)
    await say(second, 'Dzień dobry, druga sprawa.')
    const secondId = await acceptOffer(page)
    await expect.poll(() => titleCount(page)).toBe('0')

    // A message in the first conversation while the second is open counts, sounds, and shows nothing on the desktop
    // while the consultant is looking at the tab.
    const before = await recorded(page)
    await say(first, 'Jeszcze jedno pytanie do pierwszej sprawy.')
    await expect.poll(() => titleCount(page)).toBe('1')
    await expect.poll(async () => (await recorded(page)).tones).toBeGreaterThan(before.tones)
    expect((await recorded(page)).shown).toEqual(before.shown)
    // Opening it is seeing it.
    await page.locator(`[data-testid="conversation-item"][data-id="${firstId}"]`).click()
    await inboundIn(page, firstId).filter({ hasText: 'Jeszcze jedno pytanie' }).waitFor()
    await expect.poll(() => titleCount(page)).toBe('0')

    // With the tab hidden even the open conversation's message counts, and a desktop notification shows its first
    // 100 characters as plain text.
    await setHidden(page, true)
    const long = '<b>Bardzo</b> długa wiadomość. ' + 'Proszę o informację o szkoleniach i stażach w moim powiecie. '.repeat(3)
    await say(first, long)
    await expect.poll(() => titleCount(page)).toBe('1')
    await expect.poll(async () => (await recorded(page)).shown.length).toBe(before.shown.length + 1)
    const note = (await recorded(page)).shown.at(-1)
    expect(note?.title).toMatch(/^Nowa wiadomość: /)
    expect([...(note?.body ?? '')].length).toBeLessThanOrEqual(100)
    expect(note?.body.startsWith('<b>Bardzo</b> długa wiadomość.')).toBe(true)
    await setHidden(page, false)
    await expect.poll(() => titleCount(page)).toBe('0')

    // Offline: no sound and no desktop notification, but the count still goes up.
    await page.getByTestId('presence').selectOption('offline')
    await page.locator('.presence-offline').waitFor()
    await page.locator(`[data-testid="conversation-item"][data-id="${secondId}"]`).click()
    await page.locator(`[data-testid="conversation"][data-id="${secondId}"]`).waitFor()
    await setHidden(page, true)
    const quiet = await recorded(page)
    await say(first, 'Wiadomość w czasie, gdy konsultant jest niedostępny.')
    await expect.poll(() => titleCount(page)).toBe('1')
    expect(await recorded(page)).toEqual(quiet)
    await setHidden(page, false)
    expect(pageErrors).toEqual([])
    await context.close()
  })
})
