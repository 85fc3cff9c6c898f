// Reports over REST: after an hour of simulated chats on a fake clock (answered fast, answered late, left by the
// citizen, still waiting) the report for today has exactly the wallboard's figures; CSV opens in a spreadsheet with
// Polish letters intact; only supervisors may read them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../protocol/reports.ts'
import type { Wallboard } from '../protocol/wallboard.ts'
import { createFakeClock } from './support/fake-clock.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'

// 10:00 in Warsaw.
const clock = createFakeClock(Date.parse('2026-12-01T09:00:00Z'))
let t: TestHub
let admin: string
beforeAll(async () => {
  t = await startTestHub({ clock })
  admin = await t.login()
})
afterAll(() => t?.close())

const json = async <T>(path: string, token = admin) => (await (await t.api(path, { token })).json()) as T

describe('reports', () => {
  it('agree with the wallboard after an hour of simulated chats', async () => {
    const ewa = await t.consultant(`ewa.raport.${Date.now()}@example.pl`)
    for (let i = 0; i < 12; i++) {
      clock.advance(5 * 60_000 - (i % 4 === 1 ? 120_000 : i % 4 === 0 ? 30_000 : 0))
      const { socket } = await t.visitor()
      const id = (await socket.request({ type: 'send', clientId: newClientId(), text: `Pytanie ${i}` }, (f) => f.type === 'ack')).conversationId as string
      if (i % 4 === 0) {
        clock.advance(30_000) // answered within the 60 s target
        await t.api(`/api/conversations/${id}/pick`, { method: 'POST', token: ewa.token })
      } else if (i % 4 === 1) {
        clock.advance(120_000) // answered after the target
        await t.api(`/api/conversations/${id}/pick`, { method: 'POST', token: ewa.token })
      } else if (i % 4 === 2) {
        clock.advance(40_000) // the citizen gives up while waiting
        await socket.request({ type: 'leave', conversationId: id }, (f) => f.type === 'event' && (f.event as { data?: { transition?: string } }).data?.transition === 'visitor_left')
      }
      await socket.close()
    }
    const board = await json<Wallboard>('/api/supervisor/wallboard')
    const report = await json<Report>('/api/reports?from=2026-12-01&to=2026-12-01')
    expect(report.totals).toMatchObject({ offered: 12, answered: 6, abandoned: 3 })
    expect(report.totals.serviceLevel).toBeCloseTo(3 / 9)
    for (const k of ['offered', 'answered', 'abandoned', 'shortAbandoned', 'abandonRate', 'serviceLevel', 'averageSpeedOfAnswerMs'] as const) {
      expect([k, board.totals[k]]).toEqual([k, report.totals[k]])
    }
    expect(report.byHour.reduce((n, h) => n + h.offered, 0)).toBe(12)
    // 10:00–11:00 Warsaw (one chat arrives at 11:00 or just before).
    expect(report.byHour.filter((h) => h.offered > 0).map((h) => h.hour).sort()).toEqual(expect.arrayContaining([10]))
    expect(report.byWeekday.find((d) => d.weekday === 2)?.offered).toBe(12)
    // Per consultant: Ewa took the six that were answered.
    expect(report.byConsultant.find((c) => c.id === ewa.id)).toMatchObject({ answered: 6 })
    const perConsultant = new TextDecoder().decode(new Uint8Array(await (await t.api('/api/reports.csv?from=2026-12-01&to=2026-12-01&by=consultant', { token: admin })).arrayBuffer()))
    expect(perConsultant).toContain('Konsultant;Odebrane')
    expect(perConsultant).toContain(`ewa.raport.`)
    // The day before: nothing.
    expect((await json<Report>('/api/reports?from=2026-11-30&to=2026-11-30')).totals.offered).toBe(0)
    await ewa.socket.close()
  })

  it('exports CSV with a BOM, semicolons and Polish letters; refuses bad ranges and consultants', async () => {
    const r = await t.api('/api/reports.csv?from=2026-12-01&to=2026-12-01&by=queue', { token: admin })
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(r.headers.get('content-disposition')).toContain('raport-queue-2026-12-01-2026-12-01.csv')
    const bytes = new Uint8Array(await r.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes.slice(3))
    const [head, ...rows] = text.trimEnd().split('\r\n')
    expect(head!.split(';').slice(0, 4)).toEqual(['Kolejka', 'Przyjęte', 'Odebrane', 'Porzucone'])
    expect(rows.length).toBeGreaterThan(0)
    const weekday = new TextDecoder().decode(new Uint8Array(await (await t.api('/api/reports.csv?from=2026-12-01&to=2026-12-01&by=weekday', { token: admin })).arrayBuffer()))
    expect(weekday).toContain('środa')

    expect((await t.api('/api/reports?from=2026-12-02&to=2026-12-01', { token: admin })).status).toBe(400)
    expect((await t.api('/api/reports?from=2025-01-01&to=2026-12-01', { token: admin })).status).toBe(400)
    expect((await t.api('/api/reports?from=dzisiaj&to=2026-12-01', { token: admin })).status).toBe(400)
    const jan = await t.consultant(`jan.raport.${Date.now()}@example.pl`)
    expect((await t.api('/api/reports?from=2026-12-01&to=2026-12-01', { token: jan.token })).status).toBe(403)
    expect((await t.api('/api/reports?from=2026-12-01&to=2026-12-01')).status).toBe(401)
    await jan.socket.close()
  })
})
