// What the browser suites share: the administrator the hub is started with, where screenshots go, and signing in
// to the console until its socket is open.
import type { Page } from 'playwright-core'

export const ADMIN = { email: 'konsultant@example.pl', password: 'haslo-do-testow-123' }
export const SHOTS = 'test-results'
export const adminEnv = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }

export async function signIn(page: Page, hubUrl: string): Promise<void> {
  await page.goto(hubUrl + '/')
  await page.getByTestId('login-email').fill(ADMIN.email)
  await page.getByTestId('login-password').fill(ADMIN.password)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('connection-state').and(page.locator('[data-state="open"]')).waitFor()
}

/** The administrator's bearer token, for setting up data over REST. */
export async function adminToken(hubUrl: string): Promise<string> {
  const r = await fetch(`${hubUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })
  if (!r.ok) throw new Error(`admin login failed: ${r.status}`)
  return ((await r.json()) as { token: string }).token
}
