// The inbox workflow in Chromium: list views, search and the label filter; labels, snooze and the automatic wake-up
// (no reload); a canned response with a variable filled in; a note with an @mention that notifies the other
// consultant in their console; a file sent from the console that the citizen downloads in the widget. Each screen
// passes axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { TestSocket } from '../support/test-socket.ts'
import { wcagViolations } from './accessibility.ts'
import { launchChromium } from './chromium.ts'
import { adminEnv, adminToken, signIn } from './console-session.ts'
import { startHubProcess, type HubProcess } from './hub-process.ts'
import { say } from './console-chat.ts'
import { readFile } from 'node:fs/promises'

const OLA = { email: 'ola.workflow@example.pl', password: 'haslo-oli-do-testow', name: 'Ola Nowak' }

let hub: HubProcess
let browser: Browser
let admin: string
const chats: Record<'zasilek' | 'staz' | 'inne', string> = { zasilek: '', staz: '', inne: '' }
let pilne: { id: string; name: string }

async function api(path: string, init: { method?: string; json?: unknown; token?: string } = {}) {
  const r = await fetch(hub.url + path, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ?? admin ? { authorization: `Bearer ${init.token ?? admin}` } : {}) },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  })
  if (r.status >= 400) throw new Error(`${init.method ?? 'GET'} ${path}: ${r.status} ${await r.text()}`)
  return r.status === 204 ? null : ((await r.json()) as Record<string, unknown>)
}

/** A citizen writes `text` through the widget's socket; the conversation's id. */
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
  await api('/api/admin/consultants', { method: 'POST', json: { ...OLA, role: 'consultant' } })
  pilne = (await api('/api/admin/labels', { method: 'POST', json: { name: 'pilne', color: '#b3261e' } })) as { id: string; name: string }
  await api('/api/admin/canned-responses', { method: 'POST', json: { shortcut: 'zasilek', title: 'Zasiłek: dokumenty', body: 'Dzień dobry {{contact.name}}, do wniosku o zasiłek potrzebny jest dowód osobisty.' } })
  chats.zasilek = await citizenWrites('Pytanie o zasiłek dla bezrobotnych')
  chats.staz = await citizenWrites('Szukam stażu w Radomiu')
  chats.inne = await citizenWrites('Inne pytanie')
  const contact = ((await api(`/api/conversations/${chats.zasilek}`)) as { contact: { id: string } }).contact.id
  await api(`/api/contacts/${contact}`, { method: 'PATCH', json: { name: 'Jan Kowalski' } })
  await api(`/api/conversations/${chats.zasilek}/pick`, { method: 'POST', json: {} })
})
afterAll(async () => {
  await browser?.close()
  await hub?.stop()
})

const items = (page: Page) => page.getByTestId('conversation-list').getByTestId('conversation-item')
async function listed(page: Page): Promise<string[]> {
  return (await items(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''))).sort()
}
const only = (...ids: string[]) => [...ids].sort()

describe('the inbox workflow in the console', () => {
  it('shows the views, searches, and filters by label', async () => {
    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await signIn(page, hub.url)
    await page.getByTestId('list-view-mine').click()
    await expect.poll(() => listed(page)).toEqual([chats.zasilek])
    await page.getByTestId('list-view-unassigned').click()
    await expect.poll(() => listed(page)).toEqual(only(chats.staz, chats.inne))
    await page.getByTestId('list-view-all').click()
    await expect.poll(() => listed(page)).toEqual(only(chats.zasilek, chats.staz, chats.inne))

    await page.getByTestId('list-search').fill('stażu')
    await expect.poll(() => listed(page)).toEqual([chats.staz])
    await page.getByTestId('list-search').fill('Kowalski')
    await expect.poll(() => listed(page)).toEqual([chats.zasilek])
    await page.getByTestId('list-search').press('Escape')
    await expect.poll(() => listed(page)).toHaveLength(3)

    await api(`/api/conversations/${chats.inne}/labels`, { method: 'PUT', json: { labelIds: [pilne.id] } })
    await page.getByTestId('list-filters-toggle').click()
    await expect.poll(() => page.getByTestId('list-label').locator('option').count()).toBe(2)
    await page.getByTestId('list-label').selectOption(pilne.id)
    await expect.poll(() => listed(page)).toEqual([chats.inne])
    await items(page).first().getByTestId('label-chip').filter({ hasText: 'pilne' }).waitFor()
    expect(await wcagViolations(page)).toEqual([])
    await page.getByTestId('list-label').selectOption('')
    await page.context().close()
  })

  it('labels a conversation, snoozes it, and shows it woken on time without a reload', async () => {
    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await signIn(page, hub.url)
    await page.goto(`${hub.url}/conversations/${chats.zasilek}`)
    const status = page.getByTestId('conversation-status')
    await status.filter({ hasText: 'Przypisana' }).waitFor()

    await page.getByTestId('labels-toggle').click()
    await page.locator('[data-testid="label-choice"][data-name="pilne"]').check()
    await items(page).and(page.locator(`[data-id="${chats.zasilek}"]`)).getByTestId('label-chip').filter({ hasText: 'pilne' }).waitFor()
    await page.getByTestId('labels-toggle').click()

    await page.getByTestId('snooze-toggle').click()
    expect(await wcagViolations(page)).toEqual([])
    await page.getByTestId('snooze-hour').click()
    await status.filter({ hasText: 'Odłożona' }).waitFor()
    // Snoozed again, for two seconds: the hub wakes it and the console shows it, live.
    await api(`/api/conversations/${chats.zasilek}/status`, { method: 'POST', json: { status: 'snoozed', until: new Date(Date.now() + 2_000).toISOString() } })
    await status.filter({ hasText: 'Odłożona' }).waitFor()
    await status.filter({ hasText: 'Przypisana' }).waitFor({ timeout: 20_000 })
    await page.getByTestId('timeline').getByText('Rozmowa wznowiona').waitFor()
    await page.context().close()
  })

  it('inserts a canned response with the contact’s name filled in', async () => {
    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await signIn(page, hub.url)
    await page.goto(`${hub.url}/conversations/${chats.zasilek}`)
    const input = page.getByTestId('reply-input')
    await input.click()
    await input.pressSequentially('/zas')
    await page.getByTestId('suggestions').getByTestId('suggestion').filter({ hasText: '/zasilek' }).waitFor()
    expect(await wcagViolations(page)).toEqual([])
    await input.press('Enter')
    await expect.poll(() => input.inputValue()).toBe('Dzień dobry Jan Kowalski, do wniosku o zasiłek potrzebny jest dowód osobisty.')
    await input.press('Enter')
    await page
      .getByTestId('timeline')
      .locator('[data-testid="event"][data-type="message"][data-direction="out"]')
      .filter({ hasText: 'Dzień dobry Jan Kowalski' })
      .waitFor()
    await page.context().close()
  })

  it('notifies the consultant mentioned in a note, live, and takes them to the conversation', async () => {
    const ola = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await ola.goto(hub.url + '/')
    await ola.getByTestId('login-email').fill(OLA.email)
    await ola.getByTestId('login-password').fill(OLA.password)
    await ola.getByTestId('login-submit').click()
    await ola.getByTestId('connection-state').and(ola.locator('[data-state="open"]')).waitFor()

    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await signIn(page, hub.url)
    await page.goto(`${hub.url}/conversations/${chats.zasilek}`)
    await page.getByTestId('reply-note').check()
    const input = page.getByTestId('reply-input')
    await input.click()
    await input.pressSequentially('@Ol')
    await page.getByTestId('suggestion').filter({ hasText: OLA.name }).waitFor()
    await input.press('Enter')
    await input.pressSequentially('czy możesz sprawdzić wniosek?')
    await expect.poll(() => input.inputValue()).toBe(`@${OLA.name} czy możesz sprawdzić wniosek?`)
    await input.press('Enter')
    await page.getByTestId('note-mentions').filter({ hasText: OLA.name }).waitFor()

    await ola.getByTestId('mentions-count').filter({ hasText: '1' }).waitFor()
    await ola.getByTestId('mentions-toggle').click()
    expect(await wcagViolations(ola)).toEqual([])
    await ola.getByTestId('mention').filter({ hasText: 'czy możesz sprawdzić wniosek?' }).locator('a').click()
    await ola.waitForURL(`**/conversations/${chats.zasilek}`)
    await expect.poll(() => ola.getByTestId('mentions-count').count()).toBe(0)
    await ola.context().close()
    await page.context().close()
  })
  it('sends a file from the console that the citizen downloads in the widget', async () => {
    const citizenPage = await (await browser.newContext({ locale: 'pl-PL', acceptDownloads: true })).newPage()
    await citizenPage.goto(hub.url + '/demo')
    const citizen = { page: citizenPage, widget: citizenPage.locator('#inboxhub-widget') }
    await citizen.widget.getByTestId('launcher').click()
    await say(citizen, 'Proszę o wzór wniosku o zasiłek')
    const found = (await api(`/api/conversations?q=${encodeURIComponent('wzór wniosku o zasiłek')}`)) as { items: { id: string }[] }
    const id = found.items[0]!.id
    await api(`/api/conversations/${id}/pick`, { method: 'POST', json: {} })

    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await signIn(page, hub.url)
    await page.goto(`${hub.url}/conversations/${id}`)
    await page.getByTestId('reply-file-input').setInputFiles({ name: 'wzór wniosku.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 wzór wniosku') })
    await page.locator('[data-testid="reply-file"][data-state="ready"]').waitFor()
    expect(await wcagViolations(page)).toEqual([])
    await page.getByTestId('reply-input').fill('Wzór w załączniku.')
    await page.getByTestId('reply-input').press('Enter')
    await page.getByTestId('timeline').getByText('wzór wniosku.pdf').waitFor()

    const file = citizen.widget.getByTestId('file').filter({ hasText: 'wzór wniosku.pdf' })
    await file.waitFor()
    const download = citizen.page.waitForEvent('download')
    await file.click()
    const saved = await download
    expect(saved.suggestedFilename()).toBe('wzór wniosku.pdf')
    expect(await readFile((await saved.path())!, 'utf8')).toBe('%PDF-1.7 wzór wniosku')
    await page.context().close()
    await citizen.page.context().close()
  })
})
