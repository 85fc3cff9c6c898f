// SLA clocks end to end on a fake clock: policies over REST, every clock rule as timeline events, warnings and
// breaches pushed to supervisors, business hours from the default calendar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Conversation, TimelineEvent } from '../protocol/rest.ts'
import type { SlaPolicy } from '../protocol/sla.ts'
import { createFakeClock } from './support/fake-clock.ts'
import { newClientId, startTestHub, type TestHub } from './support/test-hub.ts'
import type { TestSocket } from './support/test-socket.ts'

// Monday 30 November 2026, 10:00 in Warsaw.
const clock = createFakeClock(Date.parse('2026-11-30T09:00:00Z'))
let t: TestHub
let admin: string
let supervisorSocket: TestSocket
beforeAll(async () => {
  t = await startTestHub({ clock })
  admin = await t.login()
  supervisorSocket = await t.staff(admin)
})
afterAll(async () => {
  await supervisorSocket?.close()
  await t?.close()
})

async function call<T>(path: string, method = 'GET', json?: unknown): Promise<{ status: number; body: T }> {
  const r = await t.api(path, { method, token: admin, ...(json === undefined ? {} : { json }) })
  const text = await r.text()
  return { status: r.status, body: (text ? JSON.parse(text) : null) as T }
}

async function slaSteps(id: string): Promise<string[]> {
  const items = (await call<{ items: TimelineEvent[] }>(`/api/conversations/${id}/events`)).body.items
  return items.filter((e) => e.type === 'sla').map((e) => `${String(e.data?.clock)}:${String(e.data?.step)}`)
}

/** Waits until the conversation's SLA steps are exactly `steps` (timers fire asynchronously after an advance). */
async function expectSteps(id: string, steps: string[]) {
  await expect.poll(() => slaSteps(id), { timeout: 5_000 }).toEqual(steps)
}

describe('SLA clocks', () => {
  it('refuses a policy without a target or with a re-route nowhere, and a calendar that never opens', async () => {
    expect((await call('/api/admin/sla-policies', 'POST', { name: 'Pusta' })).status).toBe(400)
    expect((await call('/api/admin/sla-policies', 'POST', { name: 'Zła', firstResponseSeconds: 60, onBreach: 'reroute' })).status).toBe(400)
    const never = await call<{ error: { details: { path: string }[] } }>('/api/admin/calendars', 'POST', { name: 'Nigdy', definition: { week: {} } })
    expect(never.status).toBe(400)
    expect(never.body.error.details[0]?.path).toMatch(/^definition/)
    expect((await call<{ items: unknown[] }>('/api/admin/sla-policies')).body.items).toEqual([])
  })

  it('runs first response, next response and resolution as the rules say, round the clock', async () => {
    const q = await call<{ id: string }>('/api/admin/queues', 'POST', { name: 'Całodobowa', topic: 'calodobowa' })
    const topicQueue = q.body.id
    const created = await call<SlaPolicy>('/api/admin/sla-policies', 'POST', {
      name: 'Czat całodobowy',
      queueId: topicQueue,
      firstResponseSeconds: 60,
      nextResponseSeconds: 120,
      resolutionSeconds: 3600,
      businessHours: false,
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ warnPercent: 80, onBreach: 'notify', businessHours: false })

    const { socket: visitor } = await t.visitor()
    const ack = await visitor.request({ type: 'send', clientId: newClientId(), text: 'Pytanie o godzinie 10:00', topic: 'calodobowa' }, (f) => f.type === 'ack')
    const id = ack.conversationId as string
    await expectSteps(id, ['first_response:started', 'resolution:started'])
    const conv = (await call<Conversation>(`/api/conversations/${id}`)).body
    expect(conv.queueId).toBe(topicQueue)

    // 48 s: 80 % of the first response target; 60 s: breached, and supervisors hear of it.
    const from = supervisorSocket.frames.length
    clock.advance(48_000)
    await expectSteps(id, ['first_response:started', 'resolution:started', 'first_response:warning'])
    clock.advance(12_000)
    await expectSteps(id, ['first_response:started', 'resolution:started', 'first_response:warning', 'first_response:breached'])
    const pushed = await supervisorSocket.next((f) => f.type === 'sla' && f.conversationId === id && f.step === 'breached', from)
    expect(pushed.clock).toBe('first_response')

    // A private note does not stop it; a public reply does (late).
    const note = await call(`/api/conversations/${id}/messages`, 'POST', { text: 'Notatka', clientId: newClientId(), private: true })
    expect(note.status).toBe(201)
    expect((await slaSteps(id)).length).toBe(4)
    await call(`/api/conversations/${id}/messages`, 'POST', { text: 'Odpowiedź', clientId: newClientId() })
    const events = (await call<{ items: TimelineEvent[] }>(`/api/conversations/${id}/events`)).body.items
    expect(events.filter((e) => e.type === 'sla').at(-1)?.data).toMatchObject({ clock: 'first_response', step: 'fulfilled', breached: true, usedMs: 60_000 })
    // The citizen never sees SLA events.
    const seen: TimelineEvent[] = []
    visitor.frames.forEach((f) => f.type === 'event' && seen.push(f.event as TimelineEvent))
    expect(seen.some((e) => e.type === 'sla')).toBe(false)

    // The next question starts the next-response clock; pending pauses it and resolution.
    visitor.send({ type: 'send', clientId: newClientId(), conversationId: id, text: 'Jeszcze jedno' })
    await expect.poll(async () => (await slaSteps(id)).at(-1), { timeout: 5_000 }).toBe('next_response:started')
    clock.advance(30_000)
    expect((await call(`/api/conversations/${id}/status`, 'POST', { status: 'pending' })).status).toBe(201)
    expect((await slaSteps(id)).slice(-2)).toEqual(['next_response:paused', 'resolution:paused'])
    // A long wait for the citizen breaches nothing.
    clock.advance(10 * 3600_000)
    await t.hub.routeNow()
    expect((await slaSteps(id)).filter((s) => s.endsWith('breached'))).toEqual(['first_response:breached'])
    // The citizen answers: the clocks resume with the time they had left (90 s of 120).
    visitor.send({ type: 'send', clientId: newClientId(), conversationId: id, text: 'Odpowiadam po przerwie' })
    await expect.poll(async () => (await slaSteps(id)).slice(-2), { timeout: 5_000 }).toEqual(['next_response:resumed', 'resolution:resumed'])
    const resumed = (await call<{ items: TimelineEvent[] }>(`/api/conversations/${id}/events`)).body.items.filter((e) => e.type === 'sla').at(-2)!
    expect(Date.parse(resumed.data?.dueAt as string) - clock.now().getTime()).toBe(90_000)

    // Resolve: resolution fulfilled; the open next-response clock stops unmet.
    expect((await call(`/api/conversations/${id}/status`, 'POST', { status: 'resolved' })).status).toBe(201)
    expect((await slaSteps(id)).slice(-2)).toEqual(['resolution:fulfilled', 'next_response:stopped'])

    // Reopened much later: a fresh resolution clock, never breached at once.
    clock.advance(24 * 3600_000)
    admin = await t.login() // the session ran out over the fake day
    visitor.send({ type: 'send', clientId: newClientId(), conversationId: id, text: 'Wracam z nowym pytaniem' })
    await expect.poll(async () => (await slaSteps(id)).slice(-2), { timeout: 5_000 }).toEqual(['resolution:started', 'next_response:started'])
    clock.advance(1000)
    await t.hub.routeNow()
    expect((await slaSteps(id)).filter((s) => s === 'resolution:breached')).toEqual([])
    await visitor.close()
  })

  it('shows a badge with the business time left, sorts by the deadline falling due first and filters the breached', async () => {
    admin = await t.login()
    const chat = async (text: string) => {
      const { socket } = await t.visitor()
      const ack = await socket.request({ type: 'send', clientId: newClientId(), text, topic: 'calodobowa' }, (f) => f.type === 'ack')
      await socket.close()
      return ack.conversationId as string
    }
    const first = await chat('Pierwsza')
    clock.advance(20_000)
    const second = await chat('Druga')
    const view = (await call<Conversation>(`/api/conversations/${first}`)).body
    // 60 s first response, 20 s gone.
    expect(view.sla).toMatchObject({ clock: 'first_response', leftMs: 40_000, paused: false, breached: false, openNow: true })
    const sorted = (await call<{ items: Conversation[] }>('/api/conversations?sort=sla_due&status=open&limit=100')).body.items.map((c) => c.id)
    expect(sorted.indexOf(first)).toBeLessThan(sorted.indexOf(second))
    // A page of one, then the next by the cursor, keeps that order.
    const page1 = (await call<{ items: Conversation[]; next: string }>('/api/conversations?sort=sla_due&status=open&limit=1')).body
    const page2 = (await call<{ items: Conversation[] }>(`/api/conversations?sort=sla_due&status=open&limit=1&cursor=${page1.next}`)).body
    expect([...page1.items, ...page2.items].map((c) => c.id)).toEqual(sorted.slice(0, 2))

    clock.advance(45_000) // the first breaches, the second does not yet
    await expect.poll(async () => (await call<Conversation>(`/api/conversations/${first}`)).body.sla?.breached, { timeout: 5_000 }).toBe(true)
    const breached = (await call<{ items: Conversation[] }>('/api/conversations?breached=true&limit=100')).body.items.map((c) => c.id)
    expect(breached).toContain(first)
    expect(breached).not.toContain(second)
    expect((await call<Conversation>(`/api/conversations/${first}`)).body.sla?.leftMs).toBe(-5_000)
  })

  it('raises the priority or re-routes a waiting conversation on a breach, as its policy says', async () => {
    admin = await t.login()
    const pilna = await call<{ id: string }>('/api/admin/queues', 'POST', { name: 'Pilna', topic: 'pilna' })
    const wolna = await call<{ id: string }>('/api/admin/queues', 'POST', { name: 'Wolna', topic: 'wolna', priority: 1 })
    const zapas = await call<{ id: string }>('/api/admin/queues', 'POST', { name: 'Zapasowa' })
    const base = { firstResponseSeconds: 30, businessHours: false }
    expect((await call('/api/admin/sla-policies', 'POST', { ...base, name: 'Pilna w górę', queueId: pilna.body.id, onBreach: 'raise_priority', breachPriorityBoost: 10 })).status).toBe(201)
    expect((await call('/api/admin/sla-policies', 'POST', { ...base, name: 'Wolna dalej', queueId: wolna.body.id, onBreach: 'reroute', rerouteQueueId: zapas.body.id })).status).toBe(201)
    const chat = async (text: string, topic: string) => {
      const { socket } = await t.visitor()
      const ack = await socket.request({ type: 'send', clientId: newClientId(), text, topic }, (f) => f.type === 'ack')
      await socket.close()
      return ack.conversationId as string
    }
    const raised = await chat('Czekam pilnie', 'pilna')
    const moved = await chat('Czekam długo', 'wolna')
    clock.advance(30_000)
    await expect.poll(async () => (await call<Conversation>(`/api/conversations/${raised}`)).body.priority, { timeout: 5_000 }).toBe(10)
    await expect.poll(async () => (await call<Conversation>(`/api/conversations/${moved}`)).body.queueId, { timeout: 5_000 }).toBe(zapas.body.id)
    const events = (await call<{ items: TimelineEvent[] }>(`/api/conversations/${moved}/events`)).body.items
    expect(events.find((e) => e.type === 'routing' && e.data?.step === 'rerouted')?.data).toMatchObject({ toQueueId: zapas.body.id, reason: 'sla_breach' })
    // It keeps what it had on top of its old queue: the old queue's priority 1 is swapped for the new queue's 0.
    expect((await call<Conversation>(`/api/conversations/${moved}`)).body.priority).toBe(0)
  })

  it('counts business hours of the default calendar: a deadline at 15:30 on Friday moves past the weekend', async () => {
    admin = await t.login()
    const q = await call<{ id: string }>('/api/admin/queues', 'POST', { name: 'Urzędowa', topic: 'urzedowa' })
    expect((await call('/api/admin/sla-policies', 'POST', { name: 'Godziny urzędu', queueId: q.body.id, firstResponseSeconds: 3600 })).status).toBe(201)
    // Friday 4 December 2026, 15:30 Warsaw (14:30 UTC): 30 minutes today, 30 on Monday from 08:00.
    clock.advance(Date.parse('2026-12-04T14:30:00Z') - clock.now().getTime())
    admin = await t.login()
    const { socket } = await t.visitor()
    const ack = await socket.request({ type: 'send', clientId: newClientId(), text: 'Piątek po południu', topic: 'urzedowa' }, (f) => f.type === 'ack')
    const id = ack.conversationId as string
    await expectSteps(id, ['first_response:started'])
    const started = (await call<{ items: TimelineEvent[] }>(`/api/conversations/${id}/events`)).body.items.find((e) => e.type === 'sla')!
    expect(started.data?.dueAt).toBe('2026-12-07T07:30:00.000Z')
    await socket.close()
  })
})
