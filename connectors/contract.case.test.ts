// The contract every channel keeps (ARCHITECTURE.md, Connectors), run against each one through the real hub:
// a delivery that fails authentication stores nothing; a delivery stored once however often it comes; the
// messages of one delivery in the provider's order; outbound sends retried with the same idempotency key; a
// provider's refusal a failed-delivery event staff can see. Each channel plugs in through a `ContractCase`; calls,
// which are not message deliveries, keep the same rules in a call's shape (contract-cases/voice-contract.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { timelineOrder, type Conversation, type TimelineEvent } from '../protocol/rest.ts'
import { createFakeClock, type FakeClock } from '../test/support/fake-clock.ts'
import { newClientId, startTestHub, type TestHub } from '../test/support/test-hub.ts'
import type { Connector, OutboundMessage } from './connector.ts'
import { telegramCase } from './contract-cases/telegram-case.ts'
import { webchatCase } from './contract-cases/webchat-case.ts'
import { formsCase } from './contract-cases/forms-case.ts'
import { messengerCase } from './contract-cases/messenger-case.ts'
import { smsCase } from './contract-cases/sms-case.ts'
import { emailCase } from './contract-cases/email-case.ts'
import { describeVoiceContract } from './contract-cases/voice-contract.ts'

/** One message as a provider would deliver it; `sentAt` in ms. */
export interface ProviderMessage {
  id: string
  senderId: string
  text: string
  sentAt: number
}

export interface ContractCase {
  name: string
  /** Connectors for the hub (none for the widget) and anything the case must stop afterwards. */
  setup(): Promise<{ connectors: Connector[]; close(): Promise<void> }>
  /** Delivers messages as one provider request; `authentic: false` fails its authentication. Returns the HTTP-like status. */
  deliver(t: TestHub, messages: ProviderMessage[], opts?: { authentic?: boolean }): Promise<number>
  /** The status a refused delivery gets. */
  refusedStatus: number
  /** The provider stamps each message with its send time (Messenger, Telegram); the widget's and the forms'
   * order is the order they reach the hub, so "late" deliveries do not exist there. */
  providerClock?: boolean
  /** Configuration the hub needs for this channel (MAIL_DOMAIN for e-mail answers). */
  hubEnv?: Record<string, string>
  /** For channels replied through a provider: make its next `n` sends fail (`retryable` or for good). */
  outbound?: { failNext(n: number, retryable: boolean): void }
}

const cases: ContractCase[] = [webchatCase, telegramCase, messengerCase, formsCase, smsCase, emailCase]

for (const c of cases) {
  describe(`channel contract: ${c.name}`, () => {
    const clock: FakeClock = createFakeClock()
    let t: TestHub
    let admin: string
    let close: () => Promise<void>
    const sent: OutboundMessage[] = []

    beforeAll(async () => {
      const s = await c.setup()
      close = s.close
      // Every send the hub makes goes through here, so the contract sees the idempotency keys it was given.
      const connectors = s.connectors.map((k) => ({ ...k, send: (m: OutboundMessage) => (sent.push(m), k.send(m)) }))
      t = await startTestHub({ clock, connectors, ...(c.hubEnv ? { env: c.hubEnv } : {}) })
      admin = await t.login()
    })
    afterAll(async () => {
      await t?.close()
      await close?.()
    })

    const sender = () => `${Date.now()}${Math.floor(Math.random() * 1e6)}`
    const messagesOf = async (senderText: string): Promise<{ conv: Conversation; texts: string[] } | null> => {
      const list = ((await (await t.api('/api/conversations?limit=100', { token: admin })).json()) as { items: Conversation[] }).items
      for (const conv of list) {
        const events = ((await (await t.api(`/api/conversations/${conv.id}/events`, { token: admin })).json()) as { items: TimelineEvent[] }).items
        const texts = events.filter((e) => e.type === 'message' && e.direction === 'in').map((e) => e.text ?? '')
        if (texts.some((x) => x.startsWith(senderText))) return { conv, texts }
      }
      return null
    }

    it('stores nothing from a delivery that fails authentication', async () => {
      const tag = `Nieuwierzytelniona ${newClientId()}`
      expect(await c.deliver(t, [{ id: newClientId(), senderId: sender(), text: tag, sentAt: clock.now().getTime() }], { authentic: false })).toBe(c.refusedStatus)
      expect(await messagesOf(tag)).toBeNull()
    })

    it('stores a delivery once however often it comes, concurrently too', async () => {
      const tag = `Raz ${newClientId()}`
      const m = { id: newClientId(), senderId: sender(), text: tag, sentAt: clock.now().getTime() }
      const statuses = await Promise.all([1, 2, 3, 4, 5].map(() => c.deliver(t, [m])))
      expect(new Set(statuses)).toEqual(new Set([200]))
      expect((await messagesOf(tag))?.texts).toEqual([tag])
    })

    it("keeps the messages of one delivery in the provider's order", async () => {
      const tag = `Kolejność ${newClientId()}`
      const who = sender()
      const at = clock.now().getTime()
      const batch = [3, 1, 2].map((n) => ({ id: newClientId(), senderId: who, text: `${tag} ${n}`, sentAt: at + n * 1000 }))
      expect(await c.deliver(t, batch)).toBe(200)
      expect((await messagesOf(tag))?.texts).toEqual([1, 2, 3].map((n) => `${tag} ${n}`))
    })

    if (c.providerClock) {
      it("places a delivery that comes late at its provider time in the timeline", async () => {
        const tag = `Spóźniona ${newClientId()}`
        const who = sender()
        const at = clock.now().getTime()
        const [first, second, third] = [1, 2, 3].map((n) => ({ id: newClientId(), senderId: who, text: `${tag} ${n}`, sentAt: at + n * 1000 }))
        // Separate deliveries, the earliest last (a retried webhook after the provider's backoff).
        expect(await c.deliver(t, [second!])).toBe(200)
        expect(await c.deliver(t, [third!])).toBe(200)
        expect(await c.deliver(t, [first!])).toBe(200)
        const { conv } = (await messagesOf(tag))!
        const events = ((await (await t.api(`/api/conversations/${conv.id}/events`, { token: admin })).json()) as { items: TimelineEvent[] }).items
        const shown = [...events].sort(timelineOrder).filter((e) => e.type === 'message').map((e) => e.text)
        expect(shown).toEqual([1, 2, 3].map((n) => `${tag} ${n}`))
        // Stored in arrival order: seq stays the cursor for catching up, gap-free.
        expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1))
      })
    }

    if (c.outbound) {
      const outbound = c.outbound
      const reply = async (conversationId: string, text: string) =>
        expect((await t.api(`/api/conversations/${conversationId}/messages`, { method: 'POST', token: admin, json: { text, clientId: newClientId() } })).status).toBe(201)
      const deliveries = async (id: string) =>
        ((await (await t.api(`/api/conversations/${id}/events`, { token: admin })).json()) as { items: TimelineEvent[] }).items.filter((e) => e.type === 'delivery')

      it('retries a failed send with the same idempotency key', async () => {
        const tag = `Ponów ${newClientId()}`
        await c.deliver(t, [{ id: newClientId(), senderId: sender(), text: tag, sentAt: clock.now().getTime() }])
        const { conv } = (await messagesOf(tag))!
        outbound.failNext(1, true)
        const before = sent.length
        await reply(conv.id, 'Odpowiedź do ponowienia')
        await expect
          .poll(
            async () => {
              clock.advance(1_000)
              return (await deliveries(conv.id)).map((e) => e.data?.state)
            },
            { timeout: 5_000 },
          )
          .toEqual(['sent'])
        const attempts = sent.slice(before).filter((m) => m.conversationId === conv.id)
        expect(attempts).toHaveLength(2)
        expect(attempts[0]!.outboxId).toBe(attempts[1]!.outboxId)
      })

      it("shows a provider's refusal as a failed delivery", async () => {
        const tag = `Odmowa ${newClientId()}`
        await c.deliver(t, [{ id: newClientId(), senderId: sender(), text: tag, sentAt: clock.now().getTime() }])
        const { conv } = (await messagesOf(tag))!
        outbound.failNext(1, false)
        await reply(conv.id, 'Odpowiedź odrzucona')
        await expect.poll(async () => (await deliveries(conv.id)).map((e) => e.data?.state), { timeout: 5_000 }).toEqual(['failed'])
      })
    }
  })
}

describeVoiceContract()
