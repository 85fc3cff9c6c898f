// Messenger in the console, in Chromium: a signed webhook with a photo lands in the inbox with its channel shown,
// the photo downloads, the reply window is shown and a reply goes out as RESPONSE; a read receipt marks it read;
// a citizen who wrote 8 days ago cannot be answered, and the console says why; the contact panel shows the
// profile name and merges two contacts. Each screen passes axe.
import { createHmac } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { startFakeMessengerApi, type FakeMessengerApi } from '../fakes/messenger-api.ts'
import { wcagViolations } from './accessibility.ts'
import { launchChromium } from './chromium.ts'
import { adminEnv, SHOTS, signIn } from './console-session.ts'
import { startHubProcess, type HubProcess } from './hub-process.ts'

const APP_SECRET = 'sekret-aplikacji-przegladarka'
const PAGE = '682498302938465'
let api: FakeMessengerApi
let hub: HubProcess
let browser: Browser

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  api = await startFakeMessengerApi()
  hub = await startHubProcess({
    ...adminEnv,
    MESSENGER_APP_SECRET: APP_SECRET,
    MESSENGER_VERIFY_TOKEN: 'weryfikacja-przegladarka',
    MESSENGER_PAGE_ACCESS_TOKEN: api.token,
    MESSENGER_API_URL: api.url,
  })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await hub?.stop()
  await api?.close()
})

async function deliver(messaging: object[]) {
  const body = JSON.stringify({ object: 'page', entry: [{ id: PAGE, time: Date.now(), messaging }] })
  const r = await fetch(`${hub.url}/connectors/messenger`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=' + createHmac('sha256', APP_SECRET).update(body).digest('hex') },
    body,
  })
  expect(r.status).toBe(200)
}

describe('Messenger in the console', () => {
  it('shows the channel, the photo, the reply window and the message state, and refuses a reply after 7 days', async () => {
    const psid = '7100000000000001'
    api.setProfile(psid, 'Halina', 'Dąbrowska')
    const photo = api.addMedia('skan.jpg', 'JPEG-SKAN', 'image/jpeg')
    await deliver([{ sender: { id: psid }, recipient: { id: PAGE }, timestamp: Date.now(), message: { mid: 'm_browser_1', text: 'Przesyłam skan zaświadczenia', attachments: [{ type: 'image', payload: { url: photo } }] } }])
    const late = '7100000000000002'
    await deliver([{ sender: { id: late }, recipient: { id: PAGE }, timestamp: Date.now() - 8 * 24 * 3_600_000, message: { mid: 'm_browser_old', text: 'Stare pytanie o staż' } }])

    const page = await (await browser.newContext({ locale: 'pl-PL', acceptDownloads: true })).newPage()
    page.setDefaultTimeout(10_000)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message + ' ' + (e.stack ?? '')))
    await signIn(page, hub.url)
    const item = page.getByTestId('conversation-item').filter({ hasText: 'Przesyłam skan' })
    await item.getByTestId('channel-badge').filter({ hasText: 'Messenger' }).waitFor()
    await item.click()
    const conversation = page.getByTestId('conversation')
    await conversation.getByTestId('channel-badge').filter({ hasText: 'Messenger' }).waitFor()
    await expect.poll(() => conversation.getByTestId('reply-window').textContent()).toMatch(/Okno odpowiedzi/)
    await conversation.locator('[data-testid="attachment"][data-state="stored"]').waitFor()
    const [download] = await Promise.all([page.waitForEvent('download'), conversation.getByTestId('attachment-download').click()])
    expect(download.suggestedFilename()).toMatch(/\.jpe?g$/)
    await page.getByTestId('contact-panel').getByText('Halina Dąbrowska').first().waitFor()
    expect(await wcagViolations(page)).toEqual([])

    await conversation.getByTestId('reply-input').fill('Dziękujemy, skan dotarł.')
    await conversation.getByTestId('reply-send').click()
    await expect.poll(() => api.calls.filter((c) => c.path === '/me/messages').length, { timeout: 10_000 }).toBe(1)
    expect(api.calls.find((c) => c.path === '/me/messages')!.params.messaging_type).toBe('RESPONSE')
    await conversation.locator('[data-testid="delivery-state"][data-state="sent"]').waitFor()
    await deliver([{ sender: { id: psid }, recipient: { id: PAGE }, timestamp: Date.now() + 1000, read: { watermark: Date.now() + 1000 } }])
    await conversation.locator('[data-testid="delivery-state"][data-state="read"]').waitFor()
    await page.screenshot({ path: `${SHOTS}/messenger-conversation.png`, fullPage: true })

    await page.getByTestId('conversation-item').filter({ hasText: 'Stare pytanie' }).click()
    // Switching from one conversation to another shows the other (the page's effect follows the id).
    await page.getByTestId('conversation').getByText('Stare pytanie o staż').waitFor()
    await expect.poll(() => page.getByTestId('conversation').getByTestId('reply-window').textContent()).toMatch(/Poza oknem odpowiedzi/)
    expect(await page.getByTestId('conversation').getByTestId('reply-send').getAttribute('aria-disabled')).toBe('true')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('merges two contacts from the contact panel', async () => {
    api.setProfile('7100000000000004', 'Jan', 'Drugikonto')
    await deliver([{ sender: { id: '7100000000000003' }, recipient: { id: PAGE }, timestamp: Date.now(), message: { mid: 'm_browser_merge_a', text: 'Pierwsze konto Jana' } }])
    await deliver([{ sender: { id: '7100000000000004' }, recipient: { id: PAGE }, timestamp: Date.now(), message: { mid: 'm_browser_merge_b', text: 'Drugie konto Jana' } }])
    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await signIn(page, hub.url)
    // The second sender's name comes from the profile API after the commit.
    await expect
      .poll(async () => {
        const r = await page.request.get(`${hub.url}/api/contacts?q=Drugikonto`)
        return ((await r.json()) as { items: unknown[] }).items.length
      })
      .toBe(1)
    await page.getByTestId('conversation-item').filter({ hasText: 'Pierwsze konto Jana' }).click()
    const panel = page.getByTestId('contact-panel')
    await panel.locator('details', { has: page.getByTestId('contact-search') }).locator('summary').click()
    await panel.getByTestId('contact-search').locator('input').fill('Drugikonto')
    await panel.getByTestId('contact-search').locator('button[type="submit"]').click()
    await panel.getByTestId('contact-pick').first().click()
    const dialog = page.getByTestId('merge-dialog')
    await dialog.waitFor()
    expect(await wcagViolations(page)).toEqual([])
    await dialog.getByTestId('merge-confirm').click()
    await expect.poll(() => panel.getByTestId('contact-conversations').locator('li').count()).toBe(2)
    await expect.poll(() => panel.getByTestId('contact-identities').locator('li').count()).toBe(2)
    await page.context().close()
  })
})
