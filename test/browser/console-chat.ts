// What the console suites share for a chat: a citizen opening the widget on /demo (straight to the hub) and sending
// messages, and the consultant accepting the offer that follows.
import { expect } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'

export interface Citizen {
  page: Page
  widget: Locator
}

/** A citizen on the demo page with the chat open, ready to write. */
export async function openWidget(browser: Browser, hubUrl: string, errors?: string[]): Promise<Citizen> {
  const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage()
  if (errors) page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(hubUrl + '/demo')
  const widget = page.locator('#inboxhub-widget')
  await widget.getByTestId('launcher').click()
  // The demo floor offers topics before the first message; the citizen leaves it at "something else".
  await expect.poll(() => widget.getByTestId('topic').locator('option').count()).toBe(6)
  return { page, widget }
}

/** The citizen sends `text` and the widget shows it stored. */
export async function say(citizen: Citizen, text: string): Promise<void> {
  await citizen.widget.getByTestId('input').fill(text)
  await citizen.widget.getByTestId('send').click()
  await citizen.widget.locator('[data-testid="message"][data-direction="in"][data-state="sent"]').filter({ hasText: text }).waitFor()
}

/** The consultant accepts the first offer by its button; returns the conversation's id once it is open. */
export async function acceptOffer(consultant: Page): Promise<string> {
  const offer = consultant.getByTestId('offer').first()
  await offer.waitFor({ timeout: 15_000 })
  const id = await offer.getAttribute('data-id')
  if (!id) throw new Error('offer without a conversation id')
  await offer.getByTestId('offer-accept').click()
  await consultant.waitForURL(`**/conversations/${id}`)
  await consultant.locator(`[data-testid="conversation"][data-id="${id}"]`).waitFor()
  return id
}

/** The citizen's messages in the console's timeline of conversation `id`. */
export function inboundIn(consultant: Page, id: string): Locator {
  return consultant
    .locator(`[data-testid="conversation"][data-id="${id}"]`)
    .getByTestId('timeline')
    .locator('[data-testid="event"][data-type="message"][data-direction="in"]')
}
