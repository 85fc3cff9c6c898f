// The post-chat survey in Chromium: a citizen writes on /demo, staff resolve the chat, the widget asks for a rating
// (an accessible form in the message log), refuses a send without a score, and sends 4 with a comment; the thanks
// replaces the form and the hub stores the answer as the conversation's survey event.
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

async function api<T>(path: string, method = 'GET', json?: unknown): Promise<T> {
  const r = await fetch(hub.url + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  })
  if (r.status >= 400) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`)
  return (await r.json()) as T
}

type Event = { type: string; text: string | null; data: Record<string, unknown> | null }

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  hub = await startHubProcess(adminEnv, { demo: true })
  browser = await launchChromium()
  const login = await fetch(`${hub.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })
  admin = ((await login.json()) as { token: string }).token
})
afterAll(async () => {
  await browser?.close()
  await hub?.stop()
})

describe('the post-chat survey in the widget', () => {
  it('asks for a rating when staff resolve the chat and stores the answer', async () => {
    const citizen = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    const pageErrors: string[] = []
    citizen.on('pageerror', (e) => pageErrors.push(e.message))

    await citizen.goto(hub.url + '/demo')
    const widget = citizen.locator('#inboxhub-widget')
    await widget.getByTestId('launcher').click()
    // The demo floor offers topics before the first message: wait for them, then write (topic left at "other").
    await expect.poll(() => widget.getByTestId('topic').locator('option').count()).toBeGreaterThan(1)
    const question = `Pytanie o ankietę ${Date.now().toString(36)}`
    await widget.getByTestId('input').fill(question)
    await widget.getByTestId('send').click()
    await widget.locator('[data-testid="message"][data-direction="in"][data-state="sent"]').filter({ hasText: question }).waitFor()

    // Staff pick the chat and resolve it (REST, as the console does).
    let id = ''
    await expect
      .poll(async () => {
        const list = await api<{ items: { id: string }[] }>(`/api/conversations?q=${encodeURIComponent(question)}`)
        id = list.items[0]?.id ?? ''
        return id
      })
      .not.toBe('')
    await api(`/api/conversations/${id}/pick`, 'POST', {})
    await api(`/api/conversations/${id}/status`, 'POST', { status: 'resolved' })

    // The widget asks, in the message log, after the "ended" line.
    const survey = widget.getByTestId('survey')
    await survey.waitFor({ timeout: 15_000 })
    await widget.getByTestId('system').filter({ hasText: 'Rozmowa zakończona' }).waitFor()
    const group = survey.getByRole('group', { name: 'Jak oceniasz tę rozmowę?' })
    await group.waitFor()
    expect(await group.getByRole('radio').count()).toBe(5)
    await survey.getByRole('radio', { name: '1 – źle' }).waitFor()
    await survey.getByRole('radio', { name: '5 – bardzo dobrze' }).waitFor()
    expect(await survey.getByRole('textbox', { name: 'Komentarz (opcjonalnie)' }).count()).toBe(1)
    expect(await wcagViolations(citizen)).toEqual([])
    await citizen.screenshot({ path: `${SHOTS}/widget-survey.png` })

    // Sending without a score: an inline error, tied to the group, and nothing sent.
    const send = survey.getByTestId('survey-send')
    await send.click()
    const error = survey.getByText('Wybierz ocenę od 1 do 5.')
    await error.waitFor()
    const errorId = await error.getAttribute('id')
    expect(errorId).toBeTruthy()
    expect(await group.getAttribute('aria-describedby')).toBe(errorId)
    expect(await send.getAttribute('aria-describedby')).toBe(errorId)
    expect(await wcagViolations(citizen)).toEqual([])

    // The keyboard reaches the radios and picks 4 with the arrow keys.
    await survey.getByTestId('survey-score-1').focus()
    for (let i = 0; i < 3; i++) await citizen.keyboard.press('ArrowRight')
    expect(await survey.getByTestId('survey-score-4').isChecked()).toBe(true)
    await expect.poll(() => error.count()).toBe(0)

    const comment = 'Konsultantka wyjaśniła wszystko, dziękuję'
    await survey.getByTestId('survey-comment').fill(comment)
    await send.click()
    const thanks = widget.getByTestId('survey-thanks')
    await thanks.filter({ hasText: 'Dziękujemy za ocenę: 4/5' }).waitFor({ timeout: 15_000 })
    expect(await thanks.textContent()).toContain(comment)
    expect(await survey.getByTestId('survey-send').count()).toBe(0)
    expect(await wcagViolations(citizen)).toEqual([])
    await citizen.screenshot({ path: `${SHOTS}/widget-survey-thanks.png` })

    // The hub stored it once, as the conversation's survey event.
    const { items } = await api<{ items: Event[] }>(`/api/conversations/${id}/events`)
    const answers = items.filter((e) => e.type === 'survey' && e.data?.score !== undefined)
    expect(answers).toHaveLength(1)
    expect(answers[0]!.data).toMatchObject({ score: 4, comment, channel: 'webchat' })
    expect(items.some((e) => e.type === 'survey' && e.data?.asked === true)).toBe(true)

    // A reload shows the answered survey, not the form again.
    await citizen.reload()
    const again = citizen.locator('#inboxhub-widget')
    const launcher = again.getByTestId('launcher')
    await launcher.waitFor()
    if ((await launcher.getAttribute('aria-expanded')) !== 'true') await launcher.click()
    await again.getByTestId('survey-thanks').filter({ hasText: 'Dziękujemy za ocenę: 4/5' }).waitFor()
    expect(await again.getByTestId('survey-send').count()).toBe(0)
    expect(pageErrors).toEqual([])
    await citizen.context().close()
  })
})
