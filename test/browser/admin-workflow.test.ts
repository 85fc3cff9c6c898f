// End to end in Chromium: the administrator keeps conversation labels and canned responses in the admin screens —
// adds them through the forms (a label's colour picked or typed, shown as a swatch beside its name), changes one field,
// deletes one after the confirmation, and sees a taken name or shortcut refused by the hub on the form's field; both
// screens pass the WCAG checks with their forms open in Polish and in English. A supervisor, made by the
// administrator over REST, may add a label too, while the other admin lists stay read-only for them.
import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { wcagViolations } from './accessibility.ts'
import { launchChromium } from './chromium.ts'
import { adminEnv, SHOTS, signIn as signInAdmin } from './console-session.ts'
import { startHubProcess, type HubProcess } from './hub-process.ts'

const SUPERVISOR = { email: 'ewa.nadzor@example.pl', name: 'Ewa Nadzorcza', password: 'haslo-nadzoru-12345' }

interface Label {
  id: string
  name: string
  color: string
  description: string | null
}
interface CannedResponse {
  id: string
  shortcut: string
  title: string
  body: string
}

let hub: HubProcess
let browser: Browser
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  hub = await startHubProcess(adminEnv)
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await hub?.stop()
})

/** A fresh Polish browser context and page, with uncaught page errors collected. */
async function openPage(): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({ locale: 'pl-PL' })
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy/i.test(m.text())) pageErrors.push(m.text())
  })
  return { context, page, pageErrors }
}

/** Signs in as any member of staff, as console-session's signIn does for the administrator. */
async function signInAs(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.goto(hub.url + '/')
  await page.getByTestId('login-email').fill(account.email)
  await page.getByTestId('login-password').fill(account.password)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('connection-state').and(page.locator('[data-state="open"]')).waitFor()
}

/** REST with the signed-in page's session cookie. */
async function api<T>(context: BrowserContext, path: string, init?: { method: 'POST' | 'PATCH'; data: unknown }): Promise<{ status: number; body: T }> {
  const r = init ? await context.request.fetch(hub.url + path, { method: init.method, data: init.data }) : await context.request.get(hub.url + path)
  return { status: r.status(), body: (await r.json().catch(() => null)) as T }
}

/** From the header into the administration area, then to one of its sections by its link in the admin navigation. */
async function openSection(page: Page, section: string, heading: string): Promise<void> {
  if (!page.url().includes('/admin/')) {
    await page.getByTestId('nav-admin').click()
    await page.getByTestId(`admin-nav-${section}`).waitFor()
  }
  await page.getByTestId(`admin-nav-${section}`).click()
  await page.getByRole('heading', { level: 1, name: heading }).waitFor()
  await page.getByRole('status').filter({ hasText: /Wczytywanie|Loading/ }).waitFor({ state: 'detached' })
  expect(await page.getByTestId(`admin-nav-${section}`).getAttribute('aria-current')).toBe('page')
}

/** Answers the browser's delete confirmation with OK, returning its question. */
function acceptNextConfirm(page: Page): Promise<string> {
  return new Promise((resolve) => {
    page.once('dialog', (dialog) => {
      resolve(dialog.message())
      void dialog.accept()
    })
  })
}

const announced = (page: Page) => page.getByTestId('announcer').textContent()

describe('labels and canned responses in the admin screens', () => {
  it('adds, changes and deletes labels, shown by name with a colour swatch; a taken name is refused on the name field', async () => {
    const { context, page, pageErrors } = await openPage()
    await signInAdmin(page, hub.url)
    await openSection(page, 'labels', 'Etykiety')
    // The two new sections come right after the call outcomes in the navigation.
    const sections = await page.locator('.admin-nav a').evaluateAll((links) => links.map((a) => a.getAttribute('data-testid')))
    expect(sections.slice(sections.indexOf('admin-nav-dispositions'), sections.indexOf('admin-nav-dispositions') + 3)).toEqual([
      'admin-nav-dispositions',
      'admin-nav-labels',
      'admin-nav-canned-responses',
    ])
    expect(await page.getByText('Możesz przeglądać te ustawienia').count()).toBe(0)

    // A label whose colour is picked from the palette: the code beside it follows.
    await page.getByTestId('admin-add').click()
    const form = page.getByTestId('editor')
    await form.getByRole('heading', { name: 'Nowa etykieta' }).waitFor()
    expect(await form.getByLabel('Kolor', { exact: true }).inputValue()).toBe('#5b6b7f')
    await form.getByLabel('Nazwa', { exact: true }).fill('Pilne')
    await form.getByLabel('Paleta kolorów').fill('#b3261e')
    await expect.poll(() => form.getByLabel('Kolor', { exact: true }).inputValue()).toBe('#b3261e')
    await form.getByLabel('Opis', { exact: true }).fill('Sprawa wymaga odpowiedzi jeszcze dziś.')
    expect(await wcagViolations(page)).toEqual([])
    await page.screenshot({ path: `${SHOTS}/admin-label-form.png`, fullPage: true })
    await form.getByTestId('editor-save').click()
    const urgent = page.getByTestId('labels-table').locator('tr[data-name="Pilne"]')
    await urgent.waitFor()
    await form.waitFor({ state: 'detached' })
    await expect.poll(() => announced(page)).toBe('Dodano: Pilne')
    // Never the colour alone: the name is in the row header, the swatch beside it, and the code in its own column.
    expect(await urgent.locator('th[scope="row"]').textContent()).toContain('Pilne')
    expect(await urgent.getByTestId('label-swatch').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(179, 38, 30)')
    expect(await urgent.getByTestId('label-swatch').getAttribute('aria-hidden')).toBe('true')
    expect(await urgent.locator('td').first().textContent()).toBe('#b3261e')

    // A second one with the default colour, the colour code typed in capitals, and no description.
    await page.getByTestId('admin-add').click()
    await form.getByLabel('Nazwa', { exact: true }).fill('Do oddzwonienia')
    await form.getByLabel('Kolor', { exact: true }).fill('#1A6631')
    await expect.poll(() => form.getByLabel('Paleta kolorów').inputValue()).toBe('#1a6631')
    await form.getByTestId('editor-save').click()
    const callback = page.getByTestId('labels-table').locator('tr[data-name="Do oddzwonienia"]')
    await callback.waitFor()
    expect(await callback.textContent()).toContain('brak')
    const stored = await api<{ items: Label[] }>(context, '/api/admin/labels')
    expect(stored.body.items.map(({ name, color, description }) => ({ name, color, description }))).toEqual(
      expect.arrayContaining([
        { name: 'Pilne', color: '#b3261e', description: 'Sprawa wymaga odpowiedzi jeszcze dziś.' },
        { name: 'Do oddzwonienia', color: '#1a6631', description: null },
      ]),
    )

    // A name already taken: the hub refuses it, and the form says so in an alert and on the name field, with the
    // hub's own message.
    await page.getByTestId('admin-add').click()
    await form.getByLabel('Nazwa', { exact: true }).fill('Pilne')
    await form.getByTestId('editor-save').click()
    const problem = form.getByTestId('form-problem')
    await problem.getByText('Etykieta o tej nazwie już istnieje. Wybierz inną nazwę.').waitFor()
    expect(await problem.getAttribute('role')).toBe('alert')
    expect(await problem.getByRole('link', { name: 'Nazwa' }).getAttribute('href')).toBe('#label-name')
    expect(await form.locator('#label-name-error').textContent()).toBe('A label with that name or shortcut exists')
    expect(await form.getByLabel('Nazwa', { exact: true }).getAttribute('aria-invalid')).toBe('true')
    expect(await form.getByLabel('Nazwa', { exact: true }).getAttribute('aria-describedby')).toBe('label-name-error')
    expect(await wcagViolations(page)).toEqual([])
    await page.screenshot({ path: `${SHOTS}/admin-label-taken.png`, fullPage: true })
    await form.getByTestId('editor-cancel').click()
    await form.waitFor({ state: 'detached' })

    // One field changed: only the colour is sent, and the row shows it.
    await urgent.getByTestId('row-edit').click()
    await form.getByRole('heading', { name: 'Etykieta: Pilne' }).waitFor()
    expect(await urgent.getByTestId('row-edit').getAttribute('aria-expanded')).toBe('true')
    await form.getByLabel('Kolor', { exact: true }).fill('#0B57D0')
    await form.getByTestId('editor-save').click()
    await form.waitFor({ state: 'detached' })
    await expect.poll(() => announced(page)).toBe('Zapisano: Pilne')
    await expect.poll(() => urgent.locator('td').first().textContent()).toBe('#0b57d0')
    expect(await urgent.getByTestId('label-swatch').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(11, 87, 208)')
    const edited = (await api<{ items: Label[] }>(context, '/api/admin/labels')).body.items.find((l) => l.name === 'Pilne')
    expect(edited).toMatchObject({ color: '#0b57d0', description: 'Sprawa wymaga odpowiedzi jeszcze dziś.' })

    // Deleted after the browser's confirmation.
    const question = acceptNextConfirm(page)
    await callback.getByTestId('row-delete').click()
    expect(await question).toBe('Usunąć „Do oddzwonienia”? Tego nie można cofnąć.')
    await callback.waitFor({ state: 'detached' })
    await expect.poll(() => announced(page)).toBe('Usunięto: Do oddzwonienia')
    expect((await api<{ items: Label[] }>(context, '/api/admin/labels')).body.items.map((l) => l.name)).toEqual(['Pilne'])

    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('adds, changes and deletes canned responses with the variables explained; a taken shortcut is refused on its field', async () => {
    const { context, page, pageErrors } = await openPage()
    await signInAdmin(page, hub.url)
    await openSection(page, 'canned-responses', 'Gotowe odpowiedzi')

    const text =
      'Dzień dobry {{contact.name}}, do wniosku o zasiłek potrzebne są: dowód osobisty, świadectwa pracy i zaświadczenie o zarobkach. Pozdrawiam, {{consultant.name}}'
    await page.getByTestId('admin-add').click()
    const form = page.getByTestId('editor')
    await form.getByRole('heading', { name: 'Nowa gotowa odpowiedź' }).waitFor()
    await form.getByLabel('Skrót', { exact: true }).fill('zasilek')
    const body = form.getByLabel('Treść', { exact: true })
    await body.fill(text)
    // A title of spaces only: the hub refuses it, and the error is shown on the title field and linked from the alert.
    const title = form.getByLabel('Tytuł', { exact: true })
    await title.fill('   ')
    await form.getByTestId('editor-save').click()
    await form.getByTestId('form-problem').getByText('Popraw zaznaczone pola.').waitFor()
    expect(await title.getAttribute('aria-invalid')).toBe('true')
    expect(await title.getAttribute('aria-describedby')).toBe('canned-headline-error')
    expect(await form.getByTestId('form-problem').getByRole('link', { name: 'Tytuł' }).getAttribute('href')).toBe('#canned-headline')
    await title.fill('Zasiłek: wymagane dokumenty')
    // The hint under the text names the three variables, and the text field points at it.
    const variables = form.getByTestId('canned-variables')
    for (const v of ['{{contact.name}}', '{{consultant.name}}', '{{conversation.id}}']) expect(await variables.locator('code', { hasText: v }).count()).toBe(1)
    expect((await body.getAttribute('aria-describedby'))?.split(' ')).toContain(await variables.getAttribute('id'))
    expect(await variables.textContent()).toContain('imię i nazwisko klienta')
    expect(await wcagViolations(page)).toEqual([])
    await page.screenshot({ path: `${SHOTS}/admin-canned-form.png`, fullPage: true })
    await form.getByTestId('editor-save').click()
    const benefit = page.getByTestId('canned-table').locator('tr[data-shortcut="zasilek"]')
    await benefit.waitFor()
    await form.waitFor({ state: 'detached' })
    await expect.poll(() => announced(page)).toBe('Dodano: /zasilek')
    expect(await benefit.locator('th[scope="row"]').textContent()).toBe('/zasilek')
    expect(await benefit.locator('td').first().textContent()).toBe('Zasiłek: wymagane dokumenty')
    const start = (await benefit.getByTestId('canned-excerpt').textContent()) ?? ''
    expect([...start].length).toBeLessThanOrEqual(80)
    expect(start.endsWith('…')).toBe(true)
    expect(text.startsWith(start.slice(0, -1))).toBe(true)

    // A second one, made through the form too.
    await page.getByTestId('admin-add').click()
    await form.getByLabel('Skrót', { exact: true }).fill('godziny')
    await form.getByLabel('Tytuł', { exact: true }).fill('Godziny otwarcia')
    await form.getByLabel('Treść', { exact: true }).fill('Infolinia działa od poniedziałku do piątku w godzinach 8:00–16:00.')
    await form.getByTestId('editor-save').click()
    const hours = page.getByTestId('canned-table').locator('tr[data-shortcut="godziny"]')
    await hours.waitFor()
    expect(await hours.getByTestId('canned-excerpt').textContent()).toBe('Infolinia działa od poniedziałku do piątku w godzinach 8:00–16:00.')
    const stored = await api<{ items: CannedResponse[] }>(context, '/api/admin/canned-responses')
    expect(stored.body.items.find((c) => c.shortcut === 'zasilek')).toMatchObject({ title: 'Zasiłek: wymagane dokumenty', body: text })

    // A shortcut already taken.
    await page.getByTestId('admin-add').click()
    await form.getByLabel('Skrót', { exact: true }).fill('zasilek')
    await form.getByLabel('Tytuł', { exact: true }).fill('Inny zasiłek')
    await form.getByLabel('Treść', { exact: true }).fill('Coś innego.')
    await form.getByTestId('editor-save').click()
    const problem = form.getByTestId('form-problem')
    await problem.getByText('Gotowa odpowiedź z tym skrótem już istnieje. Wybierz inny skrót.').waitFor()
    expect(await form.locator('#canned-shortcut-error').textContent()).toBe('A canned response with that name or shortcut exists')
    expect(await form.getByLabel('Skrót', { exact: true }).getAttribute('aria-invalid')).toBe('true')
    expect(await wcagViolations(page)).toEqual([])
    await page.keyboard.press('Escape')
    await form.waitFor({ state: 'detached' })

    // The title changed: only it is sent.
    await benefit.getByTestId('row-edit').click()
    await form.getByRole('heading', { name: 'Gotowa odpowiedź: /zasilek' }).waitFor()
    await form.getByLabel('Tytuł', { exact: true }).fill('Zasiłek: dokumenty')
    await form.getByTestId('editor-save').click()
    await form.waitFor({ state: 'detached' })
    await expect.poll(() => benefit.locator('td').first().textContent()).toBe('Zasiłek: dokumenty')
    await expect.poll(() => announced(page)).toBe('Zapisano: /zasilek')
    const edited = (await api<{ items: CannedResponse[] }>(context, '/api/admin/canned-responses')).body.items.find((c) => c.shortcut === 'zasilek')
    expect(edited).toMatchObject({ title: 'Zasiłek: dokumenty', body: text })

    // Deleted after the confirmation.
    const question = acceptNextConfirm(page)
    await hours.getByTestId('row-delete').click()
    expect(await question).toBe('Usunąć „/godziny”? Tego nie można cofnąć.')
    await hours.waitFor({ state: 'detached' })
    await expect.poll(() => announced(page)).toBe('Usunięto: /godziny')
    expect((await api<{ items: CannedResponse[] }>(context, '/api/admin/canned-responses')).body.items.map((c) => c.shortcut)).toEqual(['zasilek'])

    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('shows both screens and their forms in English, passing the WCAG checks', async () => {
    const { context, page, pageErrors } = await openPage()
    await signInAdmin(page, hub.url)
    // Rows to show, whatever the tests before left.
    expect((await api(context, '/api/admin/labels', { method: 'POST', data: { name: 'Skarga', color: '#7a4d00', description: null } })).status).toBe(201)
    expect(
      (await api(context, '/api/admin/canned-responses', { method: 'POST', data: { shortcut: 'powitanie', title: 'Powitanie', body: 'Dzień dobry {{contact.name}}, w czym mogę pomóc?' } })).status,
    ).toBe(201)
    await page.getByTestId('language-switch').click()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en')

    await openSection(page, 'labels', 'Labels')
    const complaint = page.getByTestId('labels-table').locator('tr[data-name="Skarga"]')
    await complaint.getByTestId('row-edit').click()
    const form = page.getByTestId('editor')
    await form.getByRole('heading', { name: 'Label: Skarga' }).waitFor()
    expect(await form.getByLabel('Colour', { exact: true }).inputValue()).toBe('#7a4d00')
    expect(await form.getByLabel('Colour palette').inputValue()).toBe('#7a4d00')
    await form.getByLabel('Description', { exact: true }).fill('Citizen complaints.')
    expect(await wcagViolations(page)).toEqual([])
    await form.getByTestId('editor-save').click()
    await form.waitFor({ state: 'detached' })
    await expect.poll(() => complaint.locator('td').nth(1).textContent()).toBe('Citizen complaints.')
    await page.getByTestId('admin-add').click()
    await form.getByRole('heading', { name: 'New label' }).waitFor()
    expect(await wcagViolations(page)).toEqual([])
    await form.getByTestId('editor-cancel').click()

    await openSection(page, 'canned-responses', 'Canned responses')
    await page.getByTestId('canned-table').locator('tr[data-shortcut="powitanie"]').waitFor()
    await page.getByTestId('admin-add').click()
    await form.getByRole('heading', { name: 'New canned response' }).waitFor()
    expect(await form.getByTestId('canned-variables').textContent()).toContain("the contact's name")
    await form.getByLabel('Shortcut', { exact: true }).fill('powitanie')
    await form.getByLabel('Title', { exact: true }).fill('Greeting again')
    await form.getByLabel('Text', { exact: true }).fill('Hello {{contact.name}}')
    await form.getByTestId('editor-save').click()
    await form.getByTestId('form-problem').getByText('A canned response with this shortcut already exists. Choose another shortcut.').waitFor()
    expect(await wcagViolations(page)).toEqual([])
    await form.getByTestId('editor-cancel').click()
    await form.waitFor({ state: 'detached' })

    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('lets a supervisor add a label, while the other admin lists stay read-only for them', async () => {
    const { context: adminContext, page: adminPage } = await openPage()
    await signInAdmin(adminPage, hub.url)
    const made = await api(adminContext, '/api/admin/consultants', { method: 'POST', data: { ...SUPERVISOR, role: 'supervisor' } })
    expect(made.status).toBe(201)
    await adminContext.close()

    const { context, page, pageErrors } = await openPage()
    await signInAs(page, SUPERVISOR)
    await openSection(page, 'labels', 'Etykiety')
    expect(await page.getByText('Możesz przeglądać te ustawienia').count()).toBe(0)
    await page.getByTestId('admin-add').click()
    const form = page.getByTestId('editor')
    await form.getByLabel('Nazwa', { exact: true }).fill('Od kierowniczki')
    await form.getByTestId('editor-save').click()
    await page.getByTestId('labels-table').locator('tr[data-name="Od kierowniczki"]').waitFor()
    await expect.poll(() => announced(page)).toBe('Dodano: Od kierowniczki')
    const stored = await api<{ items: Label[] }>(context, '/api/admin/labels')
    expect(stored.body.items.find((l) => l.name === 'Od kierowniczki')).toMatchObject({ color: '#5b6b7f', description: null })

    await openSection(page, 'canned-responses', 'Gotowe odpowiedzi')
    expect(await page.getByTestId('admin-add').count()).toBe(1)
    expect(await page.getByTestId('canned-table').getByTestId('row-edit').count()).toBeGreaterThan(0)

    // Skills stay the administrators' to change.
    await openSection(page, 'skills', 'Umiejętności')
    await page.getByText('Możesz przeglądać te ustawienia; zmieniać je może administrator.').waitFor()
    expect(await page.getByTestId('admin-add').count()).toBe(0)

    expect(pageErrors).toEqual([])
    await context.close()
  })
})
