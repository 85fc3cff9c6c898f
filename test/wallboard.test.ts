// The supervisors' wallboard: today's figures from the stored events, who waits, consultants' states; pushed to a
// watching supervisor's socket after each change, not to consultants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Wallboard } from '../protocol/wallboard.ts'
import { startTestHub, type TestHub } from './support/test-hub.ts'

let t: TestHub
let admin: string
beforeAll(async () => {
  t = await startTestHub()
  admin = await t.login()
})
afterAll(() => t?.close())

const board = async () => (await (await t.api('/api/supervisor/wallboard', { token: admin })).json()) as Wallboard

describe('wallboard', () => {
  it('counts today’s offered, answered and waiting conversations, and shows consultants with their state', async () => {
    const ewa = await t.consultant(`ewa.tablica.${Date.now()}@example.pl`)
    const first = await t.newChat('Pierwsze pytanie')
    await t.newChat('Drugie pytanie')
    expect((await t.api(`/api/conversations/${first}/pick`, { method: 'POST', token: ewa.token })).status).toBeLessThan(300)

    const b = await board()
    expect(b.totals).toMatchObject({ offered: 2, answered: 1, waiting: 1, abandoned: 0 })
    expect(b.totals.longestWaitMs).toBeGreaterThanOrEqual(0)
    expect(b.channels.map((c) => [c.channel, c.offered])).toEqual([['webchat', 2]])
    expect(b.queues.reduce((n, q) => n + q.offered, 0)).toBe(2)
    expect(b.consultants.find((c) => c.id === ewa.id)).toMatchObject({ state: 'offline', load: { webchat: 1 } })
    expect((await t.api('/api/supervisor/wallboard', { token: ewa.token })).status).toBe(403)
    await ewa.socket.close()
  })

  it('pushes a new board to a watching supervisor within a second of a change; consultants may not watch', async () => {
    const supervisor = await t.staff(admin)
    const first = await supervisor.request({ type: 'wallboard', on: true }, (f) => f.type === 'wallboard')
    const before = (first.board as Wallboard).totals.waiting
    const from = supervisor.frames.length
    await t.newChat('Trzecie pytanie')
    const next = await supervisor.next((f) => f.type === 'wallboard' && (f.board as Wallboard).totals.waiting === before + 1, from)
    expect((next.board as Wallboard).totals.offered).toBeGreaterThan((first.board as Wallboard).totals.offered)

    const jan = await t.consultant(`jan.tablica.${Date.now()}@example.pl`)
    const refused = await jan.socket.request({ type: 'wallboard', on: true }, (f) => f.type === 'error')
    expect(refused.code).toBe('forbidden')
    const seen = supervisor.frames.length
    jan.socket.send({ type: 'presence', state: 'available' })
    const withJan = await supervisor.next((f) => f.type === 'wallboard' && (f.board as Wallboard).consultants.some((c) => c.id === jan.id && c.state === 'available'), seen)
    expect(withJan.type).toBe('wallboard')
    await jan.socket.close()
    await supervisor.close()
  })
  it('lets a supervisor change a consultant’s presence (one who walked away), not a consultant', async () => {
    const ola = await t.consultant(`ola.tablica.${Date.now()}@example.pl`)
    const from = ola.socket.frames.length
    const set = (token: string, body: object, id = ola.id) => t.api(`/api/supervisor/consultants/${id}/presence`, { method: 'POST', token, json: body })
    expect((await set(admin, { state: 'break', reason: 'obiad' })).status).toBe(200)
    await ola.socket.next((f) => f.type === 'presence' && f.consultantId === ola.id && f.state === 'break' && f.reason === 'obiad', from)
    expect((await set(admin, { state: 'break', reason: 'nie-ma-takiego' })).status).toBe(400)
    expect((await set(ola.token, { state: 'available' })).status).toBe(403)
    expect((await set(admin, { state: 'available' }, '00000000-0000-4000-8000-000000000000')).status).toBe(404)
    await ola.socket.close()
  })
})
