// Starts a whole hub on a random port over the test database, with helpers to sign in and open sockets.
import { randomUUID } from 'node:crypto'
import type { Connector } from '../../connectors/connector.ts'
import type { Database } from '../../db/client.ts'
import type { Clock } from '../../inbox-server/app/ports.ts'
import { readConfig } from '../../inbox-server/config.ts'
import { addConsultant } from '../../inbox-server/app/add-consultant.ts'
import { startHub, type Hub } from '../../inbox-server/hub.ts'
import { openTestDatabase } from './test-database.ts'
import { TestSocket, type Frame } from './test-socket.ts'

export const ADMIN = { email: 'admin@example.pl', password: 'correct-horse-battery' }
export const WIDGET_ORIGIN = 'http://portal.example.test'

export interface TestHub {
  hub: Hub
  database: Database
  natsSubject: string
  api(path: string, init?: RequestInit & { token?: string | null; json?: unknown }): Promise<Response>
  login(): Promise<string>
  visitor(token?: string): Promise<{ socket: TestSocket; welcome: Frame }>
  staff(token: string): Promise<TestSocket>
  /** Whether the default queue assigns without an offer. */
  autoAccept(on: boolean): Promise<void>
  /** A new consultant (serving the default queue), signed in with an open staff socket. */
  consultant(email: string, webchatCapacity?: number): Promise<{ id: string; token: string; socket: TestSocket }>
  /** A citizen opens a new chat with `text` and leaves; resolves with the conversation id. */
  newChat(text: string): Promise<string>
  close(): Promise<void>
}

/**
 * On PostgreSQL with NATS_URL set, hubs talk through NATS (as several nodes would), each test hub on its own
 * subject; on PGlite they use the in-process bus. Pass `database` and `natsSubject` to run a second node.
 */
export async function startTestHub(
  opts: {
    database?: Database
    natsSubject?: string
    nats?: boolean
    heartbeatMs?: number
    clock?: Clock
    passLimits?: { perQueue: number; total: number }
    connectors?: Connector[]
    /** Extra environment for the configuration (MAIL_DOMAIN, …). */
    env?: Record<string, string>
  } = {},
): Promise<TestHub> {
  const shared = opts.database
  const database = shared ?? (await openTestDatabase())
  const useNats = !!process.env.NATS_URL && (opts.nats ?? process.env.TEST_DB === 'postgres')
  const natsSubject = opts.natsSubject ?? `inboxhub.test.${randomUUID()}`
  const cfg = readConfig({
    ...(useNats ? { NATS_URL: process.env.NATS_URL, NATS_SUBJECT: natsSubject } : {}),
    PORT: '0',
    HOST: '127.0.0.1',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ALLOWED_ORIGINS: WIDGET_ORIGIN,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...opts.env,
  })
  if (!cfg.ok) throw new Error(cfg.errors.join('; '))
  const hub = await startHub(cfg.config, {
    database,
    sessionCheckMs: 200,
    ...(opts.heartbeatMs ? { heartbeatMs: opts.heartbeatMs } : {}),
    ...(opts.passLimits ? { passLimits: opts.passLimits } : {}),
    ...(opts.connectors ? { connectors: opts.connectors } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
  })
  const ws = hub.url.replace('http', 'ws')

  const t: TestHub = {
    hub,
    database,
    natsSubject,
    api(path, init = {}) {
      const headers = new Headers(init.headers)
      if (init.token) headers.set('authorization', `Bearer ${init.token}`)
      if (init.json !== undefined) headers.set('content-type', 'application/json')
      return fetch(hub.url + path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body })
    },
    async login() {
      const r = await t.api('/api/auth/login', { method: 'POST', json: ADMIN })
      if (r.status !== 200) throw new Error(`login failed: ${r.status}`)
      return ((await r.json()) as { token: string }).token
    },
    async visitor(token) {
      const socket = await TestSocket.open(`${ws}/ws/visitor`, { origin: WIDGET_ORIGIN })
      const welcome = await socket.request({ type: 'hello', lang: 'pl', ...(token ? { visitorToken: token } : {}) }, (f) => f.type === 'welcome')
      return { socket, welcome }
    },
    async staff(token) {
      const s = await TestSocket.open(`${ws}/ws/staff`, { authorization: `Bearer ${token}` })
      await s.next((f) => f.type === 'welcome')
      return s
    },
    async autoAccept(on: boolean) {
      const defaults = await hub.store.ensureDefaults()
      await hub.store.updateQueue(defaults.defaultQueueId, { autoAccept: on })
    },
    async consultant(email, webchatCapacity = 3) {
      const password = 'haslo-konsultanta-1'
      const r = await addConsultant(hub.store, { email, name: email.split('@')[0]!, password })
      if (!r.ok) throw new Error(r.message)
      await hub.store.setRoutingProfile(r.consultant.id, { capacity: { webchat: webchatCapacity } })
      const login = await t.api('/api/auth/login', { method: 'POST', json: { email, password } })
      const { token } = (await login.json()) as { token: string }
      return { id: r.consultant.id, token, socket: await t.staff(token) }
    },
    async newChat(text) {
      const { socket } = await t.visitor()
      const clientId = newClientId()
      const ack = await socket.request({ type: 'send', clientId, text }, (f) => f.type === 'ack')
      await socket.close()
      return ack.conversationId as string
    },
    async close() {
      await hub.close()
      if (!shared) await database.close()
    },
  }
  return t
}

export const newClientId = () => randomUUID().replaceAll('-', '')
