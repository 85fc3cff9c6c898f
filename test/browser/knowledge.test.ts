// The knowledge base beside a conversation, in Chromium: an article is suggested from the citizen's question and
// its first passage goes into the reply with one click; an article with a script renders it inert; axe passes.
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

async function api(path: string, json: unknown) {
  const r = await fetch(hub.url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify(json) })
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${await r.text()}`)
  return (await r.json()) as { id: string }
}

describe('the knowledge base panel', () => {
  it('suggests an article for the conversation and inserts a passage into the reply', async () => {
    await api('/api/kb/articles', {
      title: 'Zasiłek dla bezrobotnych',
      category: 'Zasiłki',
      tags: ['zasiłek'],
      body: 'Zasiłek przysługuje osobie zarejestrowanej jako bezrobotna, która przepracowała co najmniej 365 dni w ciągu ostatnich 18 miesięcy.\n\n<script>window.__pwned = 1</script> [link](javascript:alert(1))',
    })
    const citizen = await TestSocket.open(`${hub.url.replace('http', 'ws')}/ws/visitor`, { origin: hub.url })
    await citizen.request({ type: 'hello', lang: 'pl' }, (f) => f.type === 'welcome')
    const ack = await citizen.request({ type: 'send', clientId: `c${Date.now()}kbtest`, text: 'Czy należy mi się zasiłek?' }, (f) => f.type === 'ack')
    const id = ack.conversationId as string

    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await signIn(page, hub.url)
    await page.goto(`${hub.url}/conversations/${id}`)
    await page.getByTestId('kb-toggle').filter({ hasText: 'propozycje: 1' }).waitFor()
    await page.getByTestId('kb-toggle').click()
    const article = page.getByTestId('kb-article').filter({ hasText: 'Zasiłek dla bezrobotnych' })
    await article.getByRole('button', { name: 'Zasiłek dla bezrobotnych' }).click()
    const reading = page.getByTestId('kb-reading')
    await reading.waitFor()
    expect(await reading.locator('script').count()).toBe(0)
    expect(await reading.locator('a[href^="javascript"]').count()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(await wcagViolations(page)).toEqual([])

    await reading.getByTestId('kb-insert-passage').click()
    await expect.poll(() => page.getByTestId('reply-input').inputValue()).toBe('Zasiłek przysługuje osobie zarejestrowanej jako bezrobotna, która przepracowała co najmniej 365 dni w ciągu ostatnich 18 miesięcy.')

    // Searching as the consultant types: "zasilek" without Polish letters finds it too.
    await page.getByTestId('kb-search').fill('zasilek')
    await page.getByTestId('kb-article').filter({ hasText: 'Zasiłek dla bezrobotnych' }).waitFor()
    await citizen.close()
    await page.context().close()
  })
})
