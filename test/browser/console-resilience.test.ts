// The console when things go wrong, in Chromium, with a TCP proxy between the console page and the hub: a 20 s network
// cut loses and doubles nothing and needs no reload, a draft survives a reconnect and a switch of conversation,
// a citizen's HTML and script stay inert text, and the inbox, conversation and contact panel pass axe in both languages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { wcagViolations } from './accessibility.ts'
import { launchChromium } from './chromium.ts'
import { acceptOffer, inboundIn, openWidget, say, type Citizen } from './console-chat.ts'
import { adminEnv, signIn } from './console-session.ts'
import { startHubProcess, type HubProcess } from './hub-process.ts'
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts'

const CUT_MS = 20_000

let hub: HubProcess
let proxy: TcpProxy
let browser: Browser
/** The consultant's console, loaded through the proxy. */
let page: Page
const pageErrors: string[] = []

interface Chat {
  id: string
  citizen: Citizen
}

beforeAll(async () => {
  hub = await startHubProcess(adminEnv, { demo: true })
  proxy = await startTcpProxy(hub.url)
  browser = await launchChromium()
  page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
  page.on('pageerror', (e) => pageErrors.push(e.message))
  await signIn(page, proxy.url)
  await page.getByTestId('presence').selectOption('available')
  await page.locator('.presence-available').waitFor()
})
afterAll(async () => {
  await browser?.close()
  await proxy?.close()
  await hub?.stop()
})

/** A citizen (straight to the hub) starts a chat; the consultant accepts the offer and has it open. */
async function startChat(question: string): Promise<Chat> {
  const citizen = await openWidget(browser, hub.url, pageErrors)
  await say(citizen, question)
  const id = await acceptOffer(page)
  await inbound(id).filter({ hasText: question }).waitFor()
  return { id, citizen }
}

const inbound = (id: string) => inboundIn(page, id)

const connectionState = () => page.getByTestId('connection-state').getAttribute('data-state')

/** Cuts the console's network and waits until the console has noticed. */
async function cut(): Promise<void> {
  proxy.cut()
  await page.locator('[data-testid="connection-state"]:not([data-state="open"])').waitFor()
}

async function restore(): Promise<void> {
  proxy.restore()
  await page.locator('[data-testid="connection-state"][data-state="open"]').waitFor({ timeout: 20_000 })
}

describe('the console when things go wrong', () => {
  let first: Chat

  it('shows the messages written during a 20 s network cut exactly once, without a reload', { timeout: 75_000 }, async () => {
    first = await startChat('Dzień dobry, mam pytanie o zasiłek.')
    expect(await inbound(first.id).count()).toBe(1)
    // Every state the indicator shows from now on, and a mark that a reload would wipe.
    await page.evaluate(() => {
      const w = window as unknown as { __states: string[]; __sameDocument: boolean }
      const indicator = document.querySelector('[data-testid="connection-state"]') as HTMLElement
      w.__sameDocument = true
      w.__states = [indicator.dataset.state ?? '']
      new MutationObserver(() => w.__states.push(indicator.dataset.state ?? '')).observe(indicator, { attributes: true, attributeFilter: ['data-state'] })
    })

    const cutAt = Date.now()
    await cut()
    const written = ['Pierwsza wiadomość w czasie przerwy', 'Druga wiadomość w czasie przerwy', 'Trzecia wiadomość w czasie przerwy']
    for (const text of written) await say(first.citizen, text)
    // The console still has none of them.
    expect(await inbound(first.id).count()).toBe(1)
    // The cut itself is the one fixed wait.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, cutAt + CUT_MS - Date.now())))
    await restore()

    for (const text of written) await inbound(first.id).filter({ hasText: text }).waitFor({ timeout: 15_000 })
    await expect.poll(() => inbound(first.id).count()).toBe(4)
    for (const text of written) expect(await inbound(first.id).filter({ hasText: text }).count()).toBe(1)
    const texts = await inbound(first.id).locator('p.text').allTextContents()
    expect(texts.slice(1)).toEqual(written)

    const seen = await page.evaluate(() => {
      const w = window as unknown as { __states: string[]; __sameDocument?: boolean }
      return { states: w.__states, sameDocument: w.__sameDocument === true }
    })
    expect(seen.sameDocument).toBe(true)
    expect(seen.states[0]).toBe('open')
    expect(seen.states).toContain('closed')
    expect(seen.states.at(-1)).toBe('open')
    expect(await connectionState()).toBe('open')
  })

  it('keeps an unsent draft through a reconnect and a switch to another conversation and back', async () => {
    const draft = 'Szkic odpowiedzi: proszę przynieść dowód osobisty i'
    const box = page.getByTestId('reply-input')
    await box.fill(draft)
    await cut()
    await restore()
    expect(await box.inputValue()).toBe(draft)

    const second = await startChat('Dzień dobry, szukam pracy w Gdańsku.')
    await page.locator(`[data-testid="conversation"][data-id="${second.id}"]`).waitFor()
    expect(await box.inputValue()).toBe('')
    await page.locator(`[data-testid="conversation-item"][data-id="${first.id}"]`).click()
    await page.locator(`[data-testid="conversation"][data-id="${first.id}"]`).waitFor()
    expect(await page.getByTestId('reply-input').inputValue()).toBe(draft)
    await second.citizen.page.context().close()
  })

  it('shows a citizen’s HTML and script as plain text and runs none of it', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>pogrubione</b>'
    await say(first.citizen, hostile)
    const message = inbound(first.id).filter({ hasText: 'pogrubione' })
    await message.waitFor()
    expect(await message.locator('p.text').textContent()).toBe(hostile)
    expect(await message.locator('img, script, b').count()).toBe(0)
    expect(await page.locator('[data-testid="timeline"] img, [data-testid="timeline"] b').count()).toBe(0)
    // The list's preview shows it as text too.
    await page.locator(`[data-testid="conversation-item"][data-id="${first.id}"]`).filter({ hasText: '<b>pogrubione</b>' }).waitFor()
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined()
    expect(await first.citizen.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined()
  })

  it('passes axe on the inbox, the conversation and the contact panel, in Polish and in English', { timeout: 60_000 }, async () => {
    for (const lang of ['pl', 'en'] as const) {
      await page.goto(proxy.url + '/')
      await page.getByTestId('connection-state').and(page.locator('[data-state="open"]')).waitFor()
      if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.getByTestId('language-switch').click()
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang)
      await page.locator(`[data-testid="conversation-item"][data-id="${first.id}"]`).waitFor()
      expect(await wcagViolations(page), `inbox (${lang})`).toEqual([])

      await page.locator(`[data-testid="conversation-item"][data-id="${first.id}"]`).click()
      await inbound(first.id).first().waitFor()
      const toggle = page.getByTestId('contact-panel-toggle')
      await page.getByTestId('contact-facts').waitFor()
      expect(await wcagViolations(page), `conversation with the contact panel (${lang})`).toEqual([])
      await toggle.click()
      await page.getByTestId('contact-panel').waitFor({ state: 'detached' })
      expect(await wcagViolations(page), `conversation (${lang})`).toEqual([])
      await toggle.click()
      await page.getByTestId('contact-facts').waitFor()
    }
    await page.getByTestId('language-switch').click()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('pl')
    expect(pageErrors).toEqual([])
  })
})
