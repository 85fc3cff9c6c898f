// End to end in Chromium: the demo administrator sets up routing in the admin screens (a skill, a queue, a presence
// reason, a consultant's web-chat capacity); a reason retired meanwhile is refused by the hub and the switch says so;
// then on the supervisor's queue board they see a citizen's chat waiting (named as the inbox names it) and assign it by
// hand; a chat taken by another supervisor request while the dialog is open answers 409, which the dialog explains, and
// the taker's own load in the header follows.
import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { wcagViolations } from './accessibility.ts'
import { launchChromium } from './chromium.ts'
import { ADMIN, adminEnv, SHOTS, signIn as signInAs } from './console-session.ts'
import { startHubProcess, type HubProcess } from './hub-process.ts'

const ANNA = 'anna.konsultantka@example.pl'
const shots = SHOTS

let hub: HubProcess
let browser: Browser
beforeAll(async () => {
  mkdirSync(shots, { recursive: true })
  hub = await startHubProcess(adminEnv, { demo: true })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await hub?.stop()
})

const signIn = (page: Page) => signInAs(page, hub.url)

/** REST with the signed-in page's session cookie. */
async function api<T>(context: BrowserContext, path: string, init?: { method: 'POST' | 'PATCH'; data: unknown }): Promise<{ status: number; body: T }> {
  const r = init ? await context.request.fetch(hub.url + path, { method: init.method, data: init.data }) : await context.request.get(hub.url + path)
  return { status: r.status(), body: (await r.json().catch(() => null)) as T }
}

/** The visible text of the header's own-load item for a channel kind ("Czaty 0/3"). */
async function myLoad(page: Page, kind: string): Promise<string | null> {
  return page.locator(`[data-testid="my-load-item"][data-kind="${kind}"] > [aria-hidden="true"]`).textContent()
}

/** A citizen on the demo page writes a first message (no topic), which waits: nobody on the floor is available. */
async function citizenWrites(text: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'pl-PL' })
  const page = await context.newPage()
  await page.goto(hub.url + '/demo')
  const widget = page.locator('#inboxhub-widget')
  await widget.getByTestId('launcher').click()
  await widget.getByTestId('input').fill(text)
  await widget.getByTestId('send').click()
  await widget.locator('[data-testid="message"][data-direction="in"][data-state="sent"]').filter({ hasText: text }).waitFor()
  return context
}

describe('routing administration and the queue board in the browser', () => {
  it('sets up routing in the admin screens and assigns a waiting chat by hand from the board', async () => {
    const context = await browser.newContext({ locale: 'pl-PL' })
    const page = await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (e) => pageErrors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content.Security.Policy/i.test(m.text())) pageErrors.push(m.text())
    })
    await signIn(page)

    // The header shows the administrator's own web-chat load next to the presence switch.
    const mine = await api<{ capacity: Record<string, number>; load: Record<string, number> }>(context, '/api/me/routing')
    const chatCapacity = mine.body.capacity.webchat
    await expect.poll(() => myLoad(page, 'webchat')).toBe(`Czaty 0/${chatCapacity}`)
    expect(await page.getByTestId('my-load').getAttribute('aria-live')).toBeNull()

    // The header offers the inbox, the board and administration to an administrator, marking where they are.
    await expect.poll(() => page.getByTestId('nav-inbox').getAttribute('aria-current')).toBe('page')
    await page.getByTestId('nav-admin').click()
    await page.getByRole('heading', { level: 1, name: 'Kolejki' }).waitFor()
    expect(await page.getByTestId('nav-admin').getAttribute('aria-current')).toBe('page')
    expect(await page.getByTestId('admin-nav-queues').getAttribute('aria-current')).toBe('page')
    await page.getByTestId('queues-table').waitFor()
    expect(await wcagViolations(page)).toEqual([])

    // A skill.
    await page.getByTestId('admin-nav-skills').click()
    await page.getByTestId('skills-table').waitFor()
    await page.getByTestId('admin-add').click()
    const skillForm = page.getByTestId('editor')
    await skillForm.getByLabel('Klucz', { exact: true }).fill('jezyk-de')
    await skillForm.getByLabel('Nazwa', { exact: true }).fill('Język niemiecki')
    await skillForm.getByTestId('editor-save').click()
    await page.getByTestId('skills-table').locator('tr[data-key="jezyk-de"]').waitFor()
    await expect.poll(() => page.getByTestId('announcer').textContent()).toBe('Dodano: Język niemiecki')
    const skills = await api<{ items: { key: string; name: string }[] }>(context, '/api/admin/skills')
    expect(skills.body.items).toContainEqual({ key: 'jezyk-de', name: 'Język niemiecki' })

    // A queue that needs the skill, served by Anna. Saved first as a second-line queue without an office: the hub
    // refuses it, and the form says so next to the field and in an alert.
    await page.getByTestId('admin-nav-queues').click()
    await page.getByTestId('queues-table').waitFor()
    await page.getByTestId('admin-add').click()
    const queueForm = page.getByTestId('editor')
    await queueForm.getByLabel('Nazwa', { exact: true }).fill('Praca w Niemczech')
    await queueForm.getByLabel('Słowa kluczowe (początki słów)').fill('niemiec, berlin')
    await queueForm.getByLabel('Priorytet', { exact: true }).fill('5')
    await queueForm.getByTestId('queue-requiredSkills').getByLabel('Język niemiecki').check()
    await queueForm.getByTestId('queue-memberIds').getByLabel('Anna Kowalska').check()
    await queueForm.getByLabel('Kolejka przelewowa').selectOption({ label: 'Oferty pracy' })
    await queueForm.getByLabel('Przelew po (sekundy)').fill('120')
    await queueForm.getByLabel('Linia', { exact: true }).selectOption('second_line')
    await queueForm.getByTestId('editor-save').click()
    const problem = queueForm.getByTestId('form-problem')
    await problem.getByText('Popraw zaznaczone pola.').waitFor()
    expect(await problem.getAttribute('role')).toBe('alert')
    await queueForm.locator('#queue-officeId-error').waitFor()
    expect(await queueForm.getByLabel('Urząd', { exact: true }).getAttribute('aria-invalid')).toBe('true')
    expect(await wcagViolations(page)).toEqual([])
    await queueForm.getByLabel('Linia', { exact: true }).selectOption('first_line')
    await queueForm.getByTestId('editor-save').click()
    const queueRow = page.getByTestId('queues-table').locator('tr', { hasText: 'Praca w Niemczech' })
    await queueRow.waitFor()
    await page.getByTestId('editor').waitFor({ state: 'detached' })
    const queues = await api<{ items: { id: string; name: string; requiredSkills: string[]; memberIds: string[]; priority: number; keywords: string[]; overflowAfterSeconds: number | null }[] }>(
      context,
      '/api/admin/queues',
    )
    const created = queues.body.items.find((q) => q.name === 'Praca w Niemczech')
    expect(created).toMatchObject({ requiredSkills: ['jezyk-de'], priority: 5, keywords: ['niemiec', 'berlin'], overflowAfterSeconds: 120 })
    expect(created?.memberIds).toHaveLength(1)

    // Anna takes up to 7 web chats at once.
    await page.getByTestId('admin-nav-consultants').click()
    const annaRow = page.getByTestId('consultants-table').locator(`tr[data-email="${ANNA}"]`)
    await annaRow.getByTestId('row-edit').click()
    const consultantForm = page.getByTestId('editor')
    await consultantForm.getByRole('heading', { name: 'Konsultant: Anna Kowalska' }).waitFor()
    expect(await consultantForm.getByRole('group', { name: 'Rozmowy naraz według kanału' }).count()).toBe(1)
    await consultantForm.getByTestId('capacity-webchat').fill('7')
    expect(await wcagViolations(page)).toEqual([])
    await page.screenshot({ path: `${shots}/admin-consultant.png`, fullPage: true })
    await consultantForm.getByTestId('editor-save').click()
    await annaRow.getByTestId('capacity-summary').filter({ hasText: 'Czat 7' }).waitFor()
    const consultants = await api<{ items: { id: string; email: string; capacity: Record<string, number>; queueIds: string[] }[] }>(context, '/api/admin/consultants')
    const anna = consultants.body.items.find((c) => c.email === ANNA)!
    expect(anna.capacity.webchat).toBe(7)
    expect(anna.queueIds).toContain(created!.id)

    // A presence reason, offered at once in the header when the administrator goes on a break. Another one, made over
    // REST, is retired after the switch has listed it: choosing it is refused by the hub, and the switch says so.
    const walk = await api(context, '/api/admin/presence-reasons', { method: 'POST', data: { code: 'spacer', presence: 'break', labelPl: 'Spacer', labelEn: 'Walk' } })
    expect(walk.status).toBe(201)
    await page.getByTestId('admin-nav-presence-reasons').click()
    await page.getByRole('heading', { level: 1, name: 'Powody statusów' }).waitFor()
    await page.getByTestId('admin-add').click()
    const reasonForm = page.getByTestId('editor')
    await reasonForm.getByLabel('Kod', { exact: true }).fill('kawa')
    await reasonForm.getByLabel('Dla statusu').selectOption('break')
    await reasonForm.getByLabel('Nazwa po polsku').fill('Kawa')
    await reasonForm.getByLabel('Nazwa po angielsku').fill('Coffee')
    await reasonForm.getByTestId('editor-save').click()
    await page.getByTestId('reasons-table').locator('tr[data-code="kawa"]').waitFor()
    await expect.poll(() => page.getByTestId('announcer').textContent()).toBe('Dodano: Kawa')
    const retired = await api(context, '/api/admin/presence-reasons/spacer', { method: 'PATCH', data: { active: false } })
    expect(retired.status).toBe(200)
    await page.getByTestId('presence').selectOption('break')
    await page.getByTestId('presence-reason').selectOption({ label: 'Spacer' })
    const refused = 'Nie zmieniono statusu pracy: ten powód jest nieznany albo nieaktywny.'
    await page.getByTestId('presence-problem').filter({ hasText: refused }).waitFor()
    await expect.poll(() => page.getByTestId('announcer').textContent()).toBe(refused)
    expect(await page.getByTestId('presence-reason').getAttribute('aria-describedby')).toBe('presence-problem')
    await expect.poll(() => page.getByTestId('presence-reason').inputValue()).toBe('')
    await expect.poll(() => page.getByTestId('presence-reason').locator('option', { hasText: 'Spacer' }).count()).toBe(0)
    expect(await wcagViolations(page)).toEqual([])
    await page.screenshot({ path: `${shots}/presence-refused.png` })
    await page.getByTestId('presence-reason').selectOption({ label: 'Kawa' })
    await page.getByTestId('presence-problem').waitFor({ state: 'detached' })
    await expect
      .poll(async () => (await api<{ items: { email: string; presenceReason: string | null }[] }>(context, '/api/admin/consultants')).body.items.find((c) => c.email === ADMIN.email)?.presenceReason)
      .toBe('kawa')

    // Two citizens write; nobody is available, so both wait.
    const question = 'Dzień dobry, mam pytanie o dokumenty do rejestracji.'
    const other = 'Czy mogę przyjść osobiście w czwartek?'
    const citizens = [await citizenWrites(question), await citizenWrites(other)]

    // The board shows them waiting, with the time ticking, and the members with presence, reason and load.
    await page.getByTestId('nav-board').click()
    await page.getByRole('heading', { level: 1, name: 'Kolejki na żywo' }).waitFor()
    expect(await page.getByTestId('nav-board').getAttribute('aria-current')).toBe('page')
    const row = page.getByTestId('board-waiting').filter({ hasText: question.slice(0, 30) })
    await row.waitFor({ timeout: 15_000 })
    const conversationId = (await row.getAttribute('data-id'))!
    // An anonymous citizen is named as in the inbox: "Gość #" and the start of the contact's id (not the conversation's).
    const waitingChat = await api<{ contact: { id: string; name: string | null } }>(context, `/api/conversations/${conversationId}`)
    expect(waitingChat.body.contact.name).toBeNull()
    const guest = `Gość #${waitingChat.body.contact.id.replace(/-/g, '').slice(0, 6)}`
    expect(await row.locator('th[scope="row"] a').textContent()).toBe(guest)
    const before = await row.getByTestId('waited').textContent()
    await expect.poll(() => row.getByTestId('waited').textContent(), { timeout: 5000 }).not.toBe(before)
    const queueId = await page.getByTestId('board-queue').filter({ has: row }).getAttribute('data-id')
    const queueSection = page.locator(`[data-testid="board-queue"][data-id="${queueId}"]`)
    const adminMember = queueSection.getByTestId('board-member').filter({ hasText: 'Kawa' })
    await adminMember.waitFor()
    expect(await adminMember.textContent()).toContain('Przerwa')
    await queueSection.getByTestId('board-member').filter({ hasText: 'Anna Kowalska' }).filter({ hasText: 'Czat: 0 z 7' }).waitFor()
    expect(await wcagViolations(page)).toEqual([])

    // Assign it to Anna: the dialog lists the queue's members with their load.
    await row.getByTestId('board-assign').click()
    const dialog = page.getByTestId('assign-dialog')
    await dialog.getByRole('heading', { name: `Przypisz rozmowę: ${guest}` }).waitFor()
    await dialog.getByRole('radio', { name: /Anna Kowalska/ }).check()
    await dialog.getByLabel('Notatka dla pracowników').fill('Proszę o pomoc z rejestracją')
    expect(await wcagViolations(page)).toEqual([])
    await page.screenshot({ path: `${shots}/board-assign.png`, fullPage: true })
    await dialog.getByTestId('assign-submit').click()
    await page.getByTestId('board-result').filter({ hasText: 'Rozmowa przypisana: Anna Kowalska' }).waitFor()
    await dialog.waitFor({ state: 'detached' })
    await page.getByTestId('board-waiting').and(page.locator(`[data-id="${conversationId}"]`)).waitFor({ state: 'detached' })
    const assigned = await api<{ status: string; assigneeId: string | null }>(context, `/api/conversations/${conversationId}`)
    expect(assigned.body).toMatchObject({ status: 'assigned', assigneeId: anna.id })
    await queueSection.getByTestId('board-member').filter({ hasText: 'Anna Kowalska' }).filter({ hasText: 'Czat: 1 z 7' }).waitFor()

    // The other chat is taken while its dialog is open: another supervisor request (the administrator's own, over REST,
    // as from a second tab) assigns it to the administrator; the dialog's assign then answers 409 and says why.
    const otherRow = page.getByTestId('board-waiting').filter({ hasText: other.slice(0, 25) })
    const otherId = (await otherRow.getAttribute('data-id'))!
    await otherRow.getByTestId('board-assign').click()
    await dialog.getByRole('radio', { name: /Anna Kowalska/ }).check()
    const admin = consultants.body.items.find((c) => c.email === ADMIN.email)!
    const taken = await api<{ type: string }>(context, `/api/conversations/${otherId}/assign`, { method: 'POST', data: { consultantId: admin.id, note: 'Biorę to' } })
    expect(taken.status).toBe(201)
    // The taker's header follows without a reload.
    await expect.poll(() => myLoad(page, 'webchat'), { timeout: 5000 }).toBe(`Czaty 1/${chatCapacity}`)
    await dialog.getByTestId('assign-submit').click()
    await dialog.getByTestId('assign-problem').getByText('Ktoś inny zajął się już tą rozmową albo została zamknięta.', { exact: false }).waitFor()
    expect(await dialog.getByTestId('assign-problem').getAttribute('role')).toBe('alert')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await otherRow.waitFor({ state: 'detached' })
    const after = await api<{ status: string; assigneeId: string | null }>(context, `/api/conversations/${otherId}`)
    expect(after.body).toMatchObject({ status: 'assigned', assigneeId: admin.id })

    expect(pageErrors).toEqual([])
    for (const c of citizens) await c.close()
    await context.close()
  })
})
