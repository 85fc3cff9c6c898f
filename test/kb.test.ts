// The knowledge base over REST: Polish search without a dictionary (forms, diacritics, tags, misses recorded),
// versions on each edit, who may write what, suggestions from a conversation's last citizen message, review dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addConsultant } from '../inbox-server/app/add-consultant.ts'
import type { KbArticle, KbArticleSummary, KbVersion } from '../protocol/knowledge.ts'
import { createFakeClock } from './support/fake-clock.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'
import type { TestSocket } from './support/test-socket.ts'

const clock = createFakeClock(Date.parse('2026-12-01T09:00:00Z'))
let t: TestHub
let admin: string
let ewa: { id: string; token: string; socket: TestSocket }
let dorota: string
let szef: string
let warszawa: string
let krakow: string
let zasilek: KbArticle
let staz: KbArticle
const ADMIN_NAME = 'Administrator'

const json = async <T>(r: Response | Promise<Response>) => (await (await r).json()) as T
const create = (token: string, body: object) => t.api('/api/kb/articles', { method: 'POST', token, json: body })
const patch = (token: string, id: string, body: object) => t.api(`/api/kb/articles/${id}`, { method: 'PATCH', token, json: body })
const search = (query: string, token = ewa.token) => json<{ items: KbArticleSummary[] }>(t.api(`/api/kb/articles?${query}`, { token })).then((l) => l.items)
const titles = async (q: string) => (await search(`q=${encodeURIComponent(q)}`)).map((a) => a.title)

async function staff(role: 'second_line' | 'supervisor', officeId: string | null): Promise<string> {
  const email = `${role}.${newClientId().slice(0, 8)}@example.pl`
  const password = 'haslo-pracownika-1'
  const r = await addConsultant(t.hub.store, { email, name: role, role, password })
  if (!r.ok) throw new Error(r.message)
  if (officeId) await t.hub.store.setConsultantOffice(r.consultant.id, officeId)
  return (await json<{ token: string }>(t.api('/api/auth/login', { method: 'POST', json: { email, password } }))).token
}

async function created(token: string, body: object): Promise<KbArticle> {
  const r = await create(token, body)
  expect(r.status).toBe(201)
  return (await r.json()) as KbArticle
}

beforeAll(async () => {
  t = await startTestHub({ clock })
  admin = await t.login()
  ewa = await t.consultant(`ewa.kb.${Date.now()}@example.pl`)
  warszawa = (await t.hub.store.ensureOffice({ name: 'UP Warszawa', regions: ['1465'] })).id
  krakow = (await t.hub.store.ensureOffice({ name: 'GUP Kraków', regions: ['1261'] })).id
  dorota = await staff('second_line', warszawa)
  szef = await staff('supervisor', null)
  zasilek = await created(admin, {
    title: 'Zasiłek dla bezrobotnych',
    body: 'Kto może dostać **zasiłek** i jak złożyć wniosek w urzędzie pracy.',
    category: 'świadczenia',
    tags: ['świadczenia', 'ZUS'],
  })
  staz = await created(admin, { title: 'Staż u pracodawcy', body: 'Staż trwa od 3 do 12 miesięcy.', category: 'aktywizacja', tags: ['EURES'] })
  // The word only in the body: ranks after the article with it in the title.
  await created(admin, { title: 'Dodatek aktywizacyjny', body: 'Przysługuje osobie, która ma prawo do zasiłku i podjęła pracę.', category: 'świadczenia' })
})
afterAll(async () => {
  await ewa?.socket.close()
  await t?.close()
})

describe('search', () => {
  it('finds Polish forms with or without diacritics, title matches first', async () => {
    for (const q of ['zasilek', 'zasiłku', 'ZASIŁKACH', 'Zasiłek']) expect((await titles(q))[0]).toBe('Zasiłek dla bezrobotnych')
    expect(await titles('zasiłek')).toEqual(['Zasiłek dla bezrobotnych', 'Dodatek aktywizacyjny'])
    expect(await titles('zasiłek wnioski')).toEqual(['Zasiłek dla bezrobotnych'])
    expect(await titles('stażu')).toEqual(['Staż u pracodawcy'])
  })
  it('finds a word in the tags, narrows by category, lists without a query', async () => {
    expect(await titles('eures')).toEqual(['Staż u pracodawcy'])
    expect(await titles('zus')).toEqual(['Zasiłek dla bezrobotnych'])
    expect((await search(`q=zasilek&category=${encodeURIComponent('aktywizacja')}`)).map((a) => a.title)).toEqual([])
    expect((await search('category=aktywizacja')).map((a) => a.id)).toEqual([staz.id])
    expect(await search('limit=2')).toHaveLength(2)
    const [first] = await search('q=zasilek')
    expect(first).toMatchObject({ id: zasilek.id, category: 'świadczenia', tags: ['świadczenia', 'ZUS'], audience: 'staff', officeId: null, overdue: false })
    expect(first!.excerpt).toBe('Kto może dostać zasiłek i jak złożyć wniosek w urzędzie pracy.')
  })
  it('records a search that found nothing, normalised and counted', async () => {
    expect(await titles('Kryptowaluty')).toEqual([])
    expect(await titles('kryptowaluty!')).toEqual([])
    const misses = await t.hub.store.listKbMisses(10)
    expect(misses.find((m) => m.query === 'kryptowaluty')).toMatchObject({ count: 2 })
    // A search narrowed by category that finds nothing says nothing about what the knowledge base lacks.
    expect(misses.some((m) => m.query.includes('zasil'))).toBe(false)
    // The supervisors' report of what to write next; not for consultants.
    const report = (await (await t.api('/api/kb/misses', { token: admin })).json()) as { items: { query: string; count: number }[] }
    expect(report.items.find((m) => m.query === 'kryptowaluty')?.count).toBe(2)
    expect((await t.api('/api/kb/misses', { token: ewa.token })).status).toBe(403)
  })
  it('refuses bad queries with the API error body', async () => {
    const r = await t.api('/api/kb/articles?limit=1000', { token: ewa.token })
    expect(r.status).toBe(400)
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('bad_request')
    expect((await t.api('/api/kb/articles')).status).toBe(401)
  })
  it('is described in the OpenAPI document', async () => {
    const doc = await json<{ paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>(t.api('/api/openapi.json'))
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/kb/articles', '/api/kb/articles/{id}', '/api/kb/articles/{id}/versions', '/api/kb/suggest']))
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['KbArticle', 'KbArticleSummary', 'KbVersion', 'KbArticleCreate', 'KbArticlePatch']))
  })
})

describe('articles and versions', () => {
  it('reads an article rendered safely, with its Markdown and version', async () => {
    const a = await json<KbArticle>(t.api(`/api/kb/articles/${zasilek.id}`, { token: ewa.token }))
    expect(a).toMatchObject({ title: 'Zasiłek dla bezrobotnych', version: 1, body: zasilek.body })
    expect(a.html).toContain('<strong>zasiłek</strong>')
    const evil = await created(admin, { title: 'Test', body: '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>', category: 'test' })
    expect(evil.html).not.toMatch(/<script|<img|<a /)
    expect((await t.api('/api/kb/articles/00000000-0000-4000-8000-000000000000', { token: ewa.token })).status).toBe(404)
    expect((await t.api('/api/kb/articles/nie-uuid', { token: ewa.token })).status).toBe(404)
  })
  it('keeps a version with author and date on each edit; search follows the new text', async () => {
    const a = await created(admin, { title: 'Karta Dużej Rodziny', body: 'Pierwsza wersja.', category: 'inne' })
    clock.advance(60_000)
    const r = await patch(szef, a.id, { title: 'Bon na zasiedlenie', body: 'Druga wersja.' })
    expect(r.status).toBe(200)
    expect(await r.json()).toMatchObject({ version: 2, title: 'Bon na zasiedlenie', body: 'Druga wersja.' })
    const versions = await json<{ items: KbVersion[] }>(t.api(`/api/kb/articles/${a.id}/versions`, { token: ewa.token }))
    expect(versions.items.map((v) => [v.version, v.title, v.body, v.authorName])).toEqual([
      [2, 'Bon na zasiedlenie', 'Druga wersja.', 'supervisor'],
      [1, 'Karta Dużej Rodziny', 'Pierwsza wersja.', ADMIN_NAME],
    ])
    expect(versions.items[0]!.createdAt).toBe(clock.now().toISOString())
    expect(await titles('zasiedlenie')).toEqual(['Bon na zasiedlenie'])
    expect(await titles('rodziny')).toEqual([])
    expect((await t.api('/api/kb/articles/00000000-0000-4000-8000-000000000000/versions', { token: ewa.token })).status).toBe(404)
  })
  it('refuses bad input with 400 and changes nothing', async () => {
    const before = await search('limit=100')
    for (const body of [{ body: 'x', category: 'a' }, { title: 'x', body: 'y', category: 'a', audience: 'everyone' }, { title: 'x', body: 'y', category: 'a', reviewAt: '1 grudnia' }]) {
      const r = await create(admin, body)
      expect(r.status).toBe(400)
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('bad_request')
    }
    expect((await create(admin, { title: 'x', body: 'y', category: 'a', officeId: '00000000-0000-4000-8000-000000000000' })).status).toBe(400)
    expect((await patch(admin, zasilek.id, {})).status).toBe(400)
    expect((await patch(admin, zasilek.id, { title: '' })).status).toBe(400)
    expect(await search('limit=100')).toEqual(before)
    expect((await json<KbArticle>(t.api(`/api/kb/articles/${zasilek.id}`, { token: ewa.token }))).version).toBe(1)
  })
})

describe('who may write', () => {
  it('first-line consultants only read', async () => {
    expect((await create(ewa.token, { title: 'x', body: 'y', category: 'z' })).status).toBe(403)
    expect((await patch(ewa.token, zasilek.id, { title: 'x' })).status).toBe(403)
    expect((await t.api(`/api/kb/articles/${zasilek.id}`, { token: ewa.token })).status).toBe(200)
  })
  it('second-line staff write their own office’s articles only, and read all', async () => {
    const own = await created(dorota, { title: 'Godziny otwarcia UP Warszawa', body: 'Pn–pt 8–16.', category: 'urząd', officeId: krakow })
    expect(own.officeId).toBe(warszawa)
    expect((await patch(dorota, own.id, { body: 'Pn–pt 8–15.' })).status).toBe(200)
    expect((await patch(dorota, own.id, { officeId: krakow })).status).toBe(403)
    expect((await patch(dorota, own.id, { officeId: null })).status).toBe(403)
    const theirs = await created(admin, { title: 'Godziny otwarcia GUP Kraków', body: 'Pn–pt 7:30–15:30.', category: 'urząd', officeId: krakow })
    expect(theirs.officeId).toBe(krakow)
    expect((await patch(dorota, theirs.id, { body: 'Zmiana' })).status).toBe(403)
    expect((await patch(dorota, zasilek.id, { body: 'Zmiana' })).status).toBe(403)
    expect((await t.api(`/api/kb/articles/${theirs.id}`, { token: dorota })).status).toBe(200)
    expect((await search('q=godziny', dorota)).map((a) => a.id).sort()).toEqual([own.id, theirs.id].sort())
    // Administrators and supervisors write any.
    expect((await patch(szef, theirs.id, { tags: ['kraków'] })).status).toBe(200)
    expect((await patch(admin, own.id, { reviewAt: '2027-01-01' })).status).toBe(200)
    expect((await json<KbArticle>(t.api(`/api/kb/articles/${theirs.id}`, { token: admin }))).body).toBe('Pn–pt 7:30–15:30.')
  })
})

describe('suggestions and review dates', () => {
  it('suggests articles from the last citizen message of a conversation the consultant may see', async () => {
    const { socket } = await t.visitor()
    const first = await socket.request({ type: 'send', clientId: newClientId(), text: 'Szukam stażu' }, (f) => f.type === 'ack')
    const id = first.conversationId as string
    await socket.request({ type: 'send', clientId: newClientId(), text: 'Dzień dobry, a jak dostać zasiłek dla bezrobotnych?' }, (f) => f.type === 'ack')
    await socket.close()
    const suggested = await json<{ items: KbArticleSummary[] }>(t.api(`/api/kb/suggest?conversationId=${id}`, { token: ewa.token }))
    expect(suggested.items[0]?.id).toBe(zasilek.id)
    expect(suggested.items.map((a) => a.id)).not.toContain(staz.id)
    expect(suggested.items.length).toBeLessThanOrEqual(5)
    // Not in her office: hidden from second-line staff.
    expect((await t.api(`/api/kb/suggest?conversationId=${id}`, { token: dorota })).status).toBe(404)
    expect((await t.api('/api/kb/suggest?conversationId=00000000-0000-4000-8000-000000000000', { token: ewa.token })).status).toBe(404)
    expect((await t.api('/api/kb/suggest?conversationId=x', { token: ewa.token })).status).toBe(400)
  })
  it('marks an article overdue once its review date has passed (Warsaw days)', async () => {
    const due = (reviewAt: string | null) => created(admin, { title: `Przegląd ${reviewAt}`, body: 'Treść.', category: 'przeglad', reviewAt })
    const [past, today, none] = [await due('2026-11-30'), await due('2026-12-01'), await due(null)]
    expect([past.overdue, today.overdue, none.overdue]).toEqual([true, false, false])
    expect(past.reviewAt).toBe('2026-11-30')
    const listed = await search('category=przeglad')
    expect(listed.find((a) => a.id === today.id)?.overdue).toBe(false)
    // 23:30 UTC on the review day is already the next day in Warsaw (sessions lapse meanwhile: a new sign-in).
    clock.advance(Date.parse('2026-12-01T23:30:00Z') - clock.now().getTime())
    const later = await search('category=przeglad', await t.login())
    expect(later.find((a) => a.id === today.id)?.overdue).toBe(true)
  })

  it('shows citizens only public articles while they type, and records whether one helped', async () => {
    // Earlier tests move the clock on: sign in afresh.
    const admin = await t.login()
    const r = await t.api('/api/kb/articles', { method: 'POST', token: admin, json: { title: 'Jak zarejestrować się jako bezrobotny', category: 'rejestracja', audience: 'public', body: 'Zarejestrujesz się w powiatowym urzędzie pracy albo przez internet.' } })
    expect(r.status).toBe(201)
    const publicId = ((await r.json()) as { id: string }).id
    const { socket } = await t.visitor()
    const results = await socket.request({ type: 'kb_search', q: 'jak się zarejestrować w urzędzie' }, (f) => f.type === 'kb_results')
    const items = results.items as { id: string; title: string; text: string }[]
    expect(items.map((i) => i.id)).toEqual([publicId])
    expect(items[0]!.text).toContain('powiatowym urzędzie pracy')
    // Staff-only articles never reach a citizen, whatever the words.
    const staffOnly = await socket.request({ type: 'kb_search', q: 'zasiłek i wniosek o zasiłek' }, (f) => f.type === 'kb_results')
    expect((staffOnly.items as unknown[]).length).toBe(0)
    socket.send({ type: 'kb_feedback', articleId: publicId, helped: true })
    await expect.poll(async () => ((await (await t.api('/api/kb/deflections', { token: admin })).json()) as { items: { articleId: string; helped: number }[] }).items.find((i) => i.articleId === publicId)?.helped, { timeout: 5000 }).toBe(1)
    const jan = await t.consultant(`jan.kb.${Date.now()}@example.pl`)
    expect((await t.api('/api/kb/deflections', { token: jan.token })).status).toBe(403)
    await jan.socket.close()
    await socket.close()
  })

  it('counts the articles consultants put into replies, for the supervisors’ report', async () => {
    const admin = await t.login()
    const jan = await t.consultant(`jan.uzycie.${Date.now()}@example.pl`)
    const r = await t.api('/api/kb/articles', { method: 'POST', token: admin, json: { title: 'Staż dla bezrobotnych', category: 'aktywizacja', body: 'Staż trwa od 3 do 12 miesięcy.' } })
    const id = ((await r.json()) as { id: string }).id
    for (let i = 0; i < 2; i++) expect((await t.api(`/api/kb/articles/${id}/used`, { method: 'POST', token: jan.token, json: {} })).status).toBe(204)
    expect((await t.api('/api/kb/articles/00000000-0000-4000-8000-000000000000/used', { method: 'POST', token: jan.token, json: {} })).status).toBe(404)
    const usage = (await (await t.api('/api/kb/usage?days=7', { token: admin })).json()) as { items: { articleId: string; uses: number }[] }
    expect(usage.items.find((u) => u.articleId === id)?.uses).toBe(2)
    expect((await t.api('/api/kb/usage', { token: jan.token })).status).toBe(403)
    await jan.socket.close()
  })
})
