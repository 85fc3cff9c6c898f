// The knowledge-base and quizzes pages in Chromium: the administrator writes an article through the form and finds
// it by searching without Polish letters; a quiz written through the API is taken in the page, first with a wrong
// answer (not passed, the explanation shown), then with the right ones (passed); axe passes in Polish and English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
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

/** axe in Polish, then in English (waiting for the English heading), then back to Polish. */
async function bothLanguages(page: Page, englishHeading: string) {
  expect(await wcagViolations(page)).toEqual([])
  await page.getByTestId('language-switch').click()
  await page.getByRole('heading', { level: 1, name: englishHeading }).waitFor()
  expect(await wcagViolations(page)).toEqual([])
  await page.getByTestId('language-switch').click()
}

describe('the knowledge-base and quizzes pages', () => {
  it('writes an article through the form and finds it searching without Polish letters', async () => {
    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await signIn(page, hub.url)
    await page.getByTestId('nav-knowledge').click()
    await page.getByRole('heading', { level: 1, name: 'Baza wiedzy' }).waitFor()

    await page.getByTestId('kb-new').click()
    await page.getByTestId('kb-form-title').fill('Zasiłek dla bezrobotnych — wniosek')
    await page.getByTestId('kb-form-category').fill('Zasiłki')
    await page.getByTestId('kb-form-tags').fill('zasiłek, wniosek')
    await page.getByTestId('kb-form-body').fill('Wniosek o **zasiłek** składa się w urzędzie pracy właściwym dla miejsca zameldowania.\n\n- dowód osobisty\n- świadectwa pracy')
    await page.getByTestId('kb-form-save').click()
    const reading = page.getByTestId('kb-page-reading')
    await reading.getByRole('heading', { name: 'Zasiłek dla bezrobotnych — wniosek' }).waitFor()
    expect(await reading.locator('.kb-html strong').textContent()).toBe('zasiłek')
    await page.getByTestId('kb-versions').getByText('Wersja 1').waitFor()

    await page.getByTestId('kb-page-search').fill('zasilek')
    await page.getByTestId('kb-search-submit').click()
    await page.getByTestId('kb-page-article').filter({ hasText: 'Zasiłek dla bezrobotnych — wniosek' }).waitFor()
    // A search that finds nothing is listed under "what is missing" for supervisors (after a reload of the page).
    await page.getByTestId('kb-page-search').fill('bon na zasiedlenie xyz')
    await page.getByTestId('kb-search-submit').click()
    await page.getByTestId('kb-page-empty').waitFor()
    await page.reload()
    await page.getByTestId('kb-misses').getByText('bon na zasiedlenie xyz').waitFor()
    await page.getByTestId('kb-page-article').first().getByRole('button').click()
    await reading.waitFor()
    await bothLanguages(page, 'Knowledge base')
    await page.context().close()
  })

  it('takes a quiz: a wrong answer fails it with the explanation, the right answers pass it', async () => {
    await api('/api/admin/quizzes', {
      title: 'Zasiłek — podstawy',
      category: 'Zasiłki',
      passPercent: 100,
      questions: [
        {
          text: 'Ile dni pracy w ciągu 18 miesięcy daje prawo do zasiłku?',
          kind: 'single',
          explanation: 'Co najmniej 365 dni w ciągu 18 miesięcy przed rejestracją.',
          options: [
            { id: 'a', text: '365 dni', correct: true },
            { id: 'b', text: '90 dni', correct: false },
          ],
        },
        {
          text: 'Co zabrać na rejestrację?',
          kind: 'multiple',
          explanation: 'Dokument tożsamości i świadectwa pracy.',
          options: [
            { id: 'a', text: 'Dowód osobisty', correct: true },
            { id: 'b', text: 'Świadectwa pracy', correct: true },
            { id: 'c', text: 'Akt urodzenia', correct: false },
          ],
        },
      ],
    })
    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await signIn(page, hub.url)
    await page.getByTestId('nav-quizzes').click()
    await page.getByRole('heading', { level: 1, name: 'Quizy' }).waitFor()
    const row = page.getByTestId('quiz-row').filter({ hasText: 'Zasiłek — podstawy' })
    await row.getByTestId('quiz-start').click()
    const q1 = page.getByTestId('quiz-question').filter({ hasText: 'Ile dni pracy' })
    const q2 = page.getByTestId('quiz-question').filter({ hasText: 'Co zabrać' })

    await q1.getByLabel('90 dni').check()
    await q2.getByLabel('Dowód osobisty').check()
    await q2.getByLabel('Świadectwa pracy').check()
    await page.getByTestId('quiz-finish').click()
    await page.locator('[data-testid="quiz-result"][data-passed="false"]').waitFor()
    expect(await page.getByTestId('quiz-score').textContent()).toContain('50%')
    await q1.locator('[data-testid="quiz-feedback"][data-correct="false"]').waitFor()
    expect(await q1.getByTestId('quiz-explanation').textContent()).toContain('Co najmniej 365 dni')
    await q2.locator('[data-testid="quiz-feedback"][data-correct="true"]').waitFor()
    expect(await wcagViolations(page)).toEqual([])

    await page.getByTestId('quiz-again').click()
    await q1.getByLabel('365 dni').check()
    await q2.getByLabel('Dowód osobisty').check()
    await q2.getByLabel('Świadectwa pracy').check()
    await page.getByTestId('quiz-finish').click()
    await page.locator('[data-testid="quiz-result"][data-passed="true"]').waitFor()
    expect(await page.getByTestId('quiz-score').textContent()).toContain('100%')
    await bothLanguages(page, 'Quizzes')

    // Back in the list: the last pass is shown, and the results table lists the administrator.
    await page.getByTestId('quiz-back').click()
    await row.filter({ hasNotText: 'nigdy' }).waitFor()
    await page.getByTestId('quiz-admin').locator('tr', { hasText: 'Zasiłek — podstawy' }).getByTestId('quiz-show-results').click()
    await page.getByTestId('quiz-results').locator('tbody tr').first().waitFor()
    await bothLanguages(page, 'Quizzes')
    await page.context().close()
  })

  it('writes a quiz in the editor, refusing an incomplete one first', async () => {
    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
    await signIn(page, hub.url)
    await page.getByTestId('nav-quizzes').click()
    await page.getByTestId('quiz-new').click()
    await page.getByTestId('quiz-save').click()
    await page.getByTestId('quiz-editor-problems').getByText('Tytuł: pole wymagane.').waitFor()
    expect(await wcagViolations(page)).toEqual([])

    const editor = page.getByTestId('quiz-editor')
    await page.getByTestId('quiz-f-title').fill('Rejestracja w urzędzie')
    await page.getByTestId('quiz-f-category').fill('Rejestracja')
    await page.getByTestId('quiz-f-skill').fill('rejestracja')
    await editor.getByLabel('Treść pytania').fill('Gdzie się rejestruje osoba bezrobotna?')
    await editor.getByLabel('Odpowiedź 1', { exact: true }).fill('W urzędzie pracy')
    await editor.getByLabel('Odpowiedź 2', { exact: true }).fill('W ZUS')
    await editor.getByLabel('Wyjaśnienie').fill('Rejestracja odbywa się w powiatowym urzędzie pracy.')
    // A skill the hub does not know is refused with its message; without a skill the quiz is saved.
    await page.getByTestId('quiz-save').click()
    await page.getByTestId('quiz-save-error').and(page.getByRole('alert')).waitFor()
    await page.getByTestId('quiz-f-skill').fill('')
    await page.getByTestId('quiz-save').click()
    await editor.waitFor({ state: 'detached' })
    await page.getByTestId('quiz-row').filter({ hasText: 'Rejestracja w urzędzie' }).waitFor()
    await page.getByTestId('quiz-all').getByRole('rowheader', { name: 'Rejestracja w urzędzie' }).waitFor()
    await page.context().close()
  })
})
