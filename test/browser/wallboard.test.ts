// The live wallboard in Chromium: a supervisor's screen shows a new waiting conversation and a consultant's state
// change within 2 s of the event, without a reload; the large-screen mode and both languages pass axe.
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

beforeAll(async () => {
  hub = await startHubProcess(adminEnv)
  browser = await launchChromium()
  admin = await adminToken(hub.url)
})
afterAll(async () => {
  await browser?.close()
  await hub?.stop()
})

describe('the live wallboard', () => {
  it('shows a new waiting conversation and a consultant’s state change within 2 s, without a reload', async () => {
    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await signIn(page, hub.url)
    await page.getByTestId('nav-wallboard').click()
    const waiting = page.getByTestId('tile-waiting').locator('dd')
    await waiting.filter({ hasText: /^0$/ }).waitFor()

    const citizen = await TestSocket.open(`${hub.url.replace('http', 'ws')}/ws/visitor`, { origin: hub.url })
    await citizen.request({ type: 'hello', lang: 'pl' }, (f) => f.type === 'welcome')
    await citizen.request({ type: 'send', clientId: `c${Date.now()}abcdef`, text: 'Czy ktoś odbierze?' }, (f) => f.type === 'ack')
    await waiting.filter({ hasText: /^1$/ }).waitFor({ timeout: 2_000 })
    await page.getByTestId('tile-offered').locator('dd').filter({ hasText: /^1$/ }).waitFor()

    // The administrator (also a consultant here) goes on a break: the consultants' table follows.
    const me = ((await (await fetch(`${hub.url}/api/auth/me`, { headers: { authorization: `Bearer ${admin}` } })).json()) as { id: string }).id
    const staff = await TestSocket.open(`${hub.url.replace('http', 'ws')}/ws/staff`, { authorization: `Bearer ${admin}` })
    await staff.next((f) => f.type === 'welcome')
    staff.send({ type: 'presence', state: 'break', reason: 'obiad' })
    await page.locator(`[data-testid="wallboard-consultants"] tr[data-id="${me}"][data-state="break"]`).waitFor({ timeout: 2_000 })
    expect(await wcagViolations(page)).toEqual([])

    // The supervisor sets that consultant available again from the board.
    await page.locator(`[data-testid="wallboard-consultants"] tr[data-id="${me}"]`).getByTestId('wallboard-set-state').selectOption('available')
    await page.locator(`[data-testid="wallboard-consultants"] tr[data-id="${me}"][data-state="available"]`).waitFor({ timeout: 2_000 })

    await page.getByTestId('wallboard-large').click()
    expect(await page.getByTestId('wallboard').getAttribute('class')).toContain('large')
    expect(await wcagViolations(page)).toEqual([])
    // In English too.
    await page.getByTestId('language-switch').click()
    await page.getByRole('heading', { name: 'Live wallboard' }).waitFor()
    expect(await wcagViolations(page)).toEqual([])
    await page.getByTestId('language-switch').click()
    await staff.close()
    await citizen.close()
    await page.context().close()
  })
})
