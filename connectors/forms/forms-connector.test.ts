import { describe, expect, it } from 'vitest'
import type { InboundMessage } from '../connector.ts'
import { createFormsConnector } from './forms-connector.ts'

const PORTAL = 'https://www.praca.example.gov.pl'
const SECRET = 'sekret-formularza-portalu'

function setup(perMinute = 5) {
  let t = Date.parse('2026-11-30T10:00:00Z')
  const got: InboundMessage[] = []
  const connector = createFormsConnector({ forms: { kontakt: { secret: SECRET, origins: [PORTAL] } }, perMinute, now: () => t })
  const app = connector.routes!(async (ms) => void got.push(...ms.filter((m): m is InboundMessage => m.kind === 'message')))
  const post = (body: string, headers: Record<string, string>, form = 'kontakt') => app.request(`/${form}`, { method: 'POST', body, headers })
  return { got, post, advance: (ms: number) => (t += ms) }
}

const json = (o: unknown) => JSON.stringify(o)

describe('web contact forms', () => {
  it('takes a browser post from the portal, form-encoded, as a message from the address given', async () => {
    const { got, post } = setup()
    const r = await post('name=Jan+Kowalski&email=Jan%40Example.pl&topic=Zasi%C5%82ek&message=Kiedy+wyp%C5%82ata%3F', { origin: PORTAL, 'content-type': 'application/x-www-form-urlencoded' })
    expect(r.status).toBe(200)
    expect(got).toEqual([expect.objectContaining({ channel: 'form', senderId: 'jan@example.pl', senderName: 'Jan Kowalski', text: 'Temat: Zasiłek\nKiedy wypłata?' })])
    expect(got[0]!.externalId).toMatch(/^form:kontakt:/)
  })

  it('refuses another origin, a wrong secret and an unknown form, before reading the body', async () => {
    const { got, post } = setup()
    const body = json({ email: 'a@example.pl', message: 'x' })
    expect((await post(body, { origin: 'https://obca.example', 'content-type': 'application/json' })).status).toBe(403)
    expect((await post(body, { 'x-form-secret': 'zly-sekret-zly-sekret', 'content-type': 'application/json' })).status).toBe(403)
    expect((await post(body, { 'x-form-secret': SECRET, 'content-type': 'application/json' }, 'inny')).status).toBe(404)
    expect(got).toEqual([])
  })

  it('answers invalid fields with 400 and the field paths, and stores nothing', async () => {
    const { got, post } = setup()
    const r = await post(json({ name: 'Bez adresu', message: '' }), { 'x-form-secret': SECRET, 'content-type': 'application/json' })
    expect(r.status).toBe(400)
    const body = (await r.json()) as { error: { details: { path: string }[] } }
    expect(body.error.details.map((d) => d.path).sort()).toEqual(['email', 'message'])
    expect(got).toEqual([])
  })

  it('thanks a bot that filled in the honeypot and stores nothing', async () => {
    const { got, post } = setup()
    const r = await post(json({ email: 'bot@example.pl', message: 'Tanie kredyty', website: 'http://spam.example' }), { 'x-form-secret': SECRET, 'content-type': 'application/json' })
    expect(r.status).toBe(200)
    expect(got).toEqual([])
  })

  it('limits submissions per address per minute', async () => {
    const { got, post, advance } = setup(2)
    const send = (i: number) => post(json({ email: `o${i}@example.pl`, message: `Pytanie ${i}` }), { 'x-form-secret': SECRET, 'content-type': 'application/json' })
    expect([(await send(1)).status, (await send(2)).status]).toEqual([200, 200])
    const third = await send(3)
    expect(third.status).toBe(429)
    expect(third.headers.get('retry-after')).toBe('60')
    advance(60_000)
    expect((await send(4)).status).toBe(200)
    expect(got.map((m) => m.text)).toEqual(['Pytanie 1', 'Pytanie 2', 'Pytanie 4'])
  })

  it('keys a form without its own submission id on its content and minute, so a double click is one message', async () => {
    const { got, post } = setup()
    const body = json({ email: 'a@example.pl', message: 'Dwa kliknięcia' })
    await post(body, { 'x-form-secret': SECRET, 'content-type': 'application/json' })
    await post(body, { 'x-form-secret': SECRET, 'content-type': 'application/json' })
    expect(got[0]!.externalId).toBe(got[1]!.externalId)
  })
})
