// End to end in Chromium: the demo administrator sets up a round-the-clock SLA policy (first response in one minute)
// for the queue a citizen's chat lands in, in the "Polityki SLA" screen; a citizen writes; the console shows the clock
// on the conversation with the business time left, in the list sorted by the deadline and in the conversation's
// header and timeline; a business calendar is made in "Kalendarze", chosen for the queue, and cannot be deleted while
// the queue keeps it. No breach is waited for: the hub's time cannot be moved from here.
import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { wcagViolations } from './accessibility.ts'
import { launchChromium } from './chromium.ts'
import { ADMIN, adminEnv, SHOTS } from './console-session.ts'
import { startHubProcess, type HubProcess } from './hub-process.ts'

const shots = SHOTS
const POLICY = 'Czat całodobowy'
const CALENDAR = 'Urząd: pn–pt 7–15'

let hub: HubProcess
let browser: Browser
let context: BrowserContext
let page: Page
const pageErrors: string[] = []

beforeAll(async () => {
  mkdirSync(shots, { recursive: true })
  hub = await startHubProcess(adminEnv, { demo: true })
  browser = await launchChromium()
  context = await browser.newContext({ locale: 'pl-PL' })
  page = await context.newPage()
  page.on('pageerror', (e) => pageErrors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy/i.test(m.text())) pageErrors.push(m.text())
  })
  // Deleting asks for confirmation first.
  page.on('dialog', (d) => void d.accept())
})
afterAll(async () => {
  await browser?.close()
  await hub?.stop()
})

/** REST with the signed-in page's session cookie. */
async function api<T>(path: string): Promise<T> {
  const r = await context.request.get(hub.url + path)
  expect(r.status(), path).toBe(200)
  return (await r.json()) as T
}

type Queue = { id: string; name: string; calendarId: string | null }
type Policy = { id: string; name: string; queueId: string | null; firstResponseSeconds: number | null; businessHours: boolean; warnPercent: number; onBreach: string }
type Calendar = { id: string; name: string; definition: { timeZone: string; alwaysOpen: boolean; week: Record<string, { start: string; end: string }[]>; polishHolidays: boolean; closedDates: string[] } }

const question = 'Dzień dobry, mam pytanie o godziny pracy.'
let conversationId = ''

describe('SLA clocks in the console', () => {
  it('creates a round-the-clock SLA policy for the queue a chat lands in', async () => {
    await page.goto(hub.url + '/')
    await page.getByTestId('login-email').fill(ADMIN.email)
    await page.getByTestId('login-password').fill(ADMIN.password)
    await page.getByTestId('login-submit').click()
    await page.getByTestId('connection-state').and(page.locator('[data-state="open"]')).waitFor()

    // A chat without a topic or keyword lands in the default queue.
    const queues = await api<{ items: Queue[] }>('/api/admin/queues')
    const general = queues.items.find((q) => q.name === 'Ogólna')
    expect(general).toBeDefined()

    await page.getByTestId('nav-admin').click()
    await page.getByTestId('admin-nav-sla-policies').click()
    await page.getByRole('heading', { level: 1, name: 'Polityki SLA' }).waitFor()
    // The demo floor's own policies are listed.
    await page.getByTestId('sla-policies-table').locator('tr', { hasText: 'Czat i komunikatory' }).waitFor()
    expect(await wcagViolations(page)).toEqual([])

    await page.getByTestId('admin-add').click()
    const form = page.getByTestId('editor')
    await form.getByRole('heading', { name: 'Nowa polityka SLA' }).waitFor()
    await form.getByLabel('Nazwa', { exact: true }).fill(POLICY)
    await form.getByLabel('Kolejka', { exact: true }).selectOption({ label: 'Ogólna' })
    await form.getByLabel('Kanał', { exact: true }).selectOption('webchat')
    await form.getByLabel('Pierwsza odpowiedź', { exact: true }).fill('1')
    expect(await form.getByLabel('Jednostka: Pierwsza odpowiedź').inputValue()).toBe('minutes')
    await form.getByLabel('Rozwiązanie', { exact: true }).fill('8')
    await form.getByLabel('Jednostka: Rozwiązanie').selectOption('hours')
    await form.getByLabel('Licz tylko godziny otwarcia', { exact: false }).uncheck()
    // Raising the priority asks for the boost, once that action is chosen.
    await form.getByLabel('Działanie', { exact: true }).selectOption('raise_priority')
    await form.getByLabel('Podwyższenie priorytetu').fill('5')
    expect(await wcagViolations(page)).toEqual([])
    await page.screenshot({ path: `${shots}/admin-sla-policy.png`, fullPage: true })
    await form.getByTestId('editor-save').click()
    await page.getByTestId('editor').waitFor({ state: 'detached' })
    const row = page.getByTestId('sla-policies-table').locator('tr', { hasText: POLICY })
    await row.waitFor()
    expect(await row.textContent()).toContain('Pierwsza odpowiedź: 1 min')
    expect(await row.textContent()).toContain('całą dobę')
    await expect.poll(() => page.getByTestId('announcer').textContent()).toBe(`Dodano: ${POLICY}`)

    const policies = await api<{ items: Policy[] }>('/api/admin/sla-policies')
    expect(policies.items.find((p) => p.name === POLICY)).toMatchObject({
      queueId: general!.id,
      firstResponseSeconds: 60,
      resolutionSeconds: 8 * 3600,
      businessHours: false,
      warnPercent: 80,
      onBreach: 'raise_priority',
      breachPriorityBoost: 5,
    })
    expect(await wcagViolations(page)).toEqual([])
  })

  it('shows the running clock with the time left in the list, sorted by the deadline', async () => {
    const citizen = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await citizen.goto(hub.url + '/demo')
    const widget = citizen.locator('#inboxhub-widget')
    await widget.getByTestId('launcher').click()
    await widget.getByTestId('input').fill(question)
    await widget.getByTestId('send').click()
    await widget.locator('[data-testid="message"][data-direction="in"][data-state="sent"]').filter({ hasText: question }).waitFor()

    await page.getByTestId('nav-inbox').click()
    const item = page.getByTestId('conversation-item').filter({ hasText: question.slice(0, 25) })
    await item.waitFor({ timeout: 15_000 })
    conversationId = (await item.getAttribute('data-id'))!
    const conversation = await api<{ queueId: string; sla: { clock: string; leftMs: number; paused: boolean; openNow: boolean; breached: boolean } | null }>(
      `/api/conversations/${conversationId}`,
    )
    expect(conversation.sla).toMatchObject({ clock: 'first_response', paused: false, openNow: true, breached: false })
    expect(conversation.sla!.leftMs).toBeLessThanOrEqual(60_000)

    // The badge: the clock's name, the business time left, a shape and a word besides the colour, a full sentence read out.
    const badge = item.getByTestId('sla-badge')
    await badge.waitFor()
    expect(await badge.getAttribute('data-clock')).toBe('first_response')
    expect(['running', 'warning']).toContain(await badge.getAttribute('data-state'))
    expect(await badge.textContent()).toContain('Pierwsza odpowiedź')
    expect(await badge.getByTestId('sla-left').textContent()).toBe('1 min')
    expect(await badge.locator('svg[aria-hidden="true"]').count()).toBe(1)
    expect(await badge.getByTestId('sla-description').textContent()).toMatch(/^SLA – pierwsza odpowiedź: (termin wkrótce, )?zostało \d+ minut/)
    // The link's accessible name carries the SLA sentence.
    expect(await page.getByRole('link', { name: /SLA – pierwsza odpowiedź/ }).count()).toBeGreaterThan(0)
    expect(await wcagViolations(page)).toEqual([])
    await page.screenshot({ path: `${shots}/inbox-sla-badge.png` })

    // Sorted by the deadline falling due first: only conversations with a running clock, this one first.
    const sorted = page.waitForRequest((r) => r.url().includes('/api/conversations?') && r.url().includes('sort=sla_due'))
    // The order and filters are behind "Filtry" above the list.
    await page.getByTestId('list-filters-toggle').click()
    await page.getByLabel('Kolejność', { exact: true }).selectOption({ label: 'Najbliższy termin SLA' })
    await sorted
    await expect.poll(() => page.getByTestId('conversation-item').first().getAttribute('data-id')).toBe(conversationId)
    const listed = await api<{ items: { id: string; sla: { dueAt: string | null } | null }[] }>('/api/conversations?status=open&sort=sla_due')
    expect(listed.items.map((c) => c.id)).toContain(conversationId)
    expect(await page.getByTestId('conversation-item').count()).toBe(listed.items.length)
    await page.getByTestId('conversation-item').first().getByTestId('sla-badge').waitFor()
    expect(await wcagViolations(page)).toEqual([])

    // Only breached: nothing yet, and the list says so.
    await page.getByLabel('Tylko przekroczone SLA').check()
    await page.getByTestId('list-empty').filter({ hasText: 'Brak rozmów z przekroczonym terminem SLA.' }).waitFor()
    await page.getByLabel('Tylko przekroczone SLA').uncheck()
    await page.getByTestId('conversation-item').filter({ hasText: question.slice(0, 25) }).waitFor()

    // Back to activity order: the list still follows the hub.
    await page.getByLabel('Kolejność', { exact: true }).selectOption('activity')
    await page.getByTestId('conversation-item').filter({ hasText: question.slice(0, 25) }).waitFor()
    await citizen.context().close()
  })

  it('shows the clock in the conversation header and its start in the timeline', async () => {
    await page.getByTestId('conversation-item').and(page.locator(`[data-id="${conversationId}"]`)).click()
    const head = page.getByTestId('conversation-sla')
    await head.getByTestId('sla-badge').waitFor()
    expect(await head.getByTestId('sla-badge').getAttribute('data-clock')).toBe('first_response')
    expect(await head.textContent()).toMatch(/termin: \d\d:\d\d/)
    const started = page.getByTestId('timeline').locator('[data-type="sla"][data-step="started"]').filter({ hasText: 'pierwsza odpowiedź' })
    await started.waitFor()
    expect(await started.textContent()).toMatch(/^SLA: pierwsza odpowiedź – zegar uruchomiony, termin \d\d:\d\d \(polityka Czat całodobowy\)/)
    expect(await wcagViolations(page)).toEqual([])
    await page.screenshot({ path: `${shots}/conversation-sla.png` })
  })

  it('makes a business calendar in "Kalendarze" and gives it to a queue', async () => {
    await page.getByTestId('nav-admin').click()
    await page.getByTestId('admin-nav-calendars').click()
    await page.getByRole('heading', { level: 1, name: 'Kalendarze' }).waitFor()
    await page.getByTestId('calendars-table').locator('tr', { hasText: 'Infolinia: pn–pt 8–18' }).waitFor()
    expect(await wcagViolations(page)).toEqual([])

    await page.getByTestId('admin-add').click()
    const form = page.getByTestId('editor')
    await form.getByRole('heading', { name: 'Nowy kalendarz' }).waitFor()
    await form.getByLabel('Nazwa', { exact: true }).fill(CALENDAR)
    expect(await form.getByLabel('Strefa czasowa').inputValue()).toBe('Europe/Warsaw')
    // Monday 07:00–15:00, copied to the other weekdays; Saturday gets hours of its own, then a second window removed.
    await form.getByLabel('Od, Poniedziałek, godziny 1').fill('07:00')
    await form.getByLabel('Do, Poniedziałek, godziny 1').fill('15:00')
    await form.getByTestId('calendar-copy-monday').click()
    const saturday = form.getByTestId('calendar-day-6')
    await saturday.getByRole('button', { name: 'Dodaj godziny: Sobota' }).click()
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('calendar-week-6-0-start')
    await form.getByLabel('Od, Sobota, godziny 1').fill('9:00')
    await form.getByLabel('Do, Sobota, godziny 1').fill('13:00')
    await saturday.getByRole('button', { name: 'Dodaj godziny: Sobota' }).click()
    expect(await saturday.getByTestId('calendar-window').count()).toBe(2)
    await saturday.getByRole('button', { name: 'Usuń godziny 2: Sobota' }).click()
    expect(await saturday.getByTestId('calendar-window').count()).toBe(1)
    // Closed days as a list of dates.
    await form.getByLabel('Dzień do dodania').fill('2026-12-31')
    await form.getByTestId('calendar-add-date').click()
    await form.getByLabel('Dzień do dodania').fill('2026-11-02')
    await form.getByTestId('calendar-add-date').click()
    await expect.poll(() => form.getByTestId('calendar-closed-date').evaluateAll((els) => els.map((e) => e.getAttribute('data-date')))).toEqual(['2026-11-02', '2026-12-31'])
    expect(await wcagViolations(page)).toEqual([])
    await page.screenshot({ path: `${shots}/admin-calendar.png`, fullPage: true })

    // Windows out of order on a day are refused by the hub, next to the day's hours.
    await form.getByLabel('Do, Poniedziałek, godziny 1').fill('06:00')
    await form.getByTestId('editor-save').click()
    await form.getByTestId('form-problem').getByText('Popraw zaznaczone pola.').waitFor()
    expect(await form.getByLabel('Od, Poniedziałek, godziny 1').getAttribute('aria-invalid')).toBe('true')
    await form.locator('#calendar-week-1-0-error').waitFor()
    expect(await wcagViolations(page)).toEqual([])
    await form.getByLabel('Do, Poniedziałek, godziny 1').fill('15:00')
    await form.getByTestId('editor-save').click()
    await page.getByTestId('editor').waitFor({ state: 'detached' })
    const row = page.getByTestId('calendars-table').locator('tr', { hasText: CALENDAR })
    await row.waitFor()
    expect(await row.textContent()).toContain('pn–pt 07:00–15:00; sob 09:00–13:00')

    const calendars = await api<{ items: Calendar[] }>('/api/admin/calendars')
    const made = calendars.items.find((c) => c.name === CALENDAR)!
    expect(made.definition).toMatchObject({ timeZone: 'Europe/Warsaw', alwaysOpen: false, polishHolidays: true, closedDates: ['2026-11-02', '2026-12-31'] })
    expect(made.definition.week['1']).toEqual([{ start: '07:00', end: '15:00' }])
    expect(made.definition.week['5']).toEqual([{ start: '07:00', end: '15:00' }])
    expect(made.definition.week['6']).toEqual([{ start: '09:00', end: '13:00' }])
    expect(made.definition.week['7']).toEqual([])
    expect(await wcagViolations(page)).toEqual([])

    // The queue "Ogólna" keeps it.
    await page.getByTestId('admin-nav-queues').click()
    const queueRow = page.getByTestId('queues-table').locator('tr', { has: page.locator('th', { hasText: /^Ogólna$/ }) })
    await queueRow.getByTestId('row-edit').click()
    const queueForm = page.getByTestId('editor')
    await queueForm.getByLabel('Kalendarz godzin pracy (SLA)').selectOption({ label: CALENDAR })
    await queueForm.getByTestId('editor-save').click()
    await page.getByTestId('editor').waitFor({ state: 'detached' })
    await queueRow.filter({ hasText: CALENDAR }).waitFor()
    const queues = await api<{ items: Queue[] }>('/api/admin/queues')
    expect(queues.items.find((q) => q.name === 'Ogólna')?.calendarId).toBe(made.id)

    // While the queue keeps it, the calendar cannot be deleted, and the page says why.
    await page.getByTestId('admin-nav-calendars').click()
    await row.getByTestId('row-delete').click()
    await page.getByTestId('form-problem').getByText('Tego kalendarza używa kolejka albo urząd.', { exact: false }).waitFor()
    expect(await wcagViolations(page)).toEqual([])
    expect((await api<{ items: Calendar[] }>('/api/admin/calendars')).items.map((c) => c.id)).toContain(made.id)
    expect(pageErrors).toEqual([])
  })

  it('tells a supervisor when a clock warns, and marks the badge', async () => {
    // Warn after 1 % of the minute: the hub's timer fires within a second of the citizen's message.
    const policy = (await api<{ items: Policy[] }>('/api/admin/sla-policies')).items.find((p) => p.name === POLICY)!
    const patched = await context.request.fetch(`${hub.url}/api/admin/sla-policies/${policy.id}`, { method: 'PATCH', data: { warnPercent: 1 } })
    expect(patched.status()).toBe(200)

    await page.getByTestId('nav-inbox').click()
    const citizen = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await citizen.goto(hub.url + '/demo')
    const widget = citizen.locator('#inboxhub-widget')
    await widget.getByTestId('launcher').click()
    const text = 'Czy urząd jest otwarty w sobotę?'
    await widget.getByTestId('input').fill(text)
    await widget.getByTestId('send').click()

    const item = page.getByTestId('conversation-item').filter({ hasText: text.slice(0, 20) })
    await item.waitFor({ timeout: 15_000 })
    const name = (await item.locator('.item-name').textContent())!.trim()
    // The administrator supervises and does not hold this chat: a short, polite notice naming it.
    await expect.poll(() => page.getByTestId('announcer').textContent(), { timeout: 15_000 }).toBe(`SLA: zbliża się termin w rozmowie: ${name}`)
    await expect.poll(() => item.getByTestId('sla-badge').getAttribute('data-state')).toBe('warning')
    expect(await item.getByTestId('sla-badge').textContent()).toContain('wkrótce')
    expect(await page.getByTestId('announcer-urgent').textContent()).toBe('')
    expect(await wcagViolations(page)).toEqual([])
    await citizen.context().close()
    expect(pageErrors).toEqual([])
  })
})
