// Child process: the round-trip baseline, a plain `ws` relay that does one bare INSERT per message, then forwards it.
import { randomBytes, randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { PGlite } from '@electric-sql/pglite'
import postgres from 'postgres'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { serveParent } from './server-ipc.ts'

// One table, no indexes beyond the primary key, no transaction around the insert: the least a durable relay can do.
const SCHEMA = `create table if not exists relay_messages (
  id bigserial primary key,
  conversation_id uuid not null,
  direction text not null,
  client_id text not null,
  text text not null,
  created_at timestamptz not null default now()
)`
const INSERT = 'insert into relay_messages (conversation_id, direction, client_id, text) values ($1, $2, $3, $4)'

type Insert = (conversationId: string, direction: 'in' | 'out', clientId: string, text: string) => Promise<void>
type Frame = { type?: unknown; clientId?: unknown; conversationId?: unknown; text?: unknown }

async function openStore(url: string | undefined): Promise<{ kind: string; insert: Insert; close(): Promise<void> }> {
  if (url) {
    // The same pool size as the hub's postgres.js client.
    const sql = postgres(url, { max: 10, onnotice: () => {} })
    await sql.unsafe(SCHEMA)
    return {
      kind: 'postgres',
      insert: async (...values) => {
        await sql.unsafe(INSERT, values)
      },
      close: () => sql.end({ timeout: 5 }),
    }
  }
  const pg = await PGlite.create()
  await pg.exec(SCHEMA)
  return {
    kind: 'pglite',
    insert: async (...values) => {
      await pg.query(INSERT, values)
    },
    close: () => pg.close(),
  }
}

await serveParent(async () => {
  const store = await openStore(process.env.BENCH_SERVER_DATABASE_URL)
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve)
    wss.once('error', reject)
  })
  let consoleSocket: WebSocket | undefined
  const visitors = new Map<string, WebSocket>()
  const send = (ws: WebSocket | undefined, frame: object) => {
    if (ws && ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame))
  }
  const parse = (data: RawData): Frame | null => {
    try {
      const f: unknown = JSON.parse(String(data))
      return typeof f === 'object' && f !== null ? (f as Frame) : null
    } catch {
      return null
    }
  }
  const relay = async (from: WebSocket, to: () => WebSocket | undefined, direction: 'in' | 'out', conversationId: string, f: Frame) => {
    const clientId = String(f.clientId)
    const text = String(f.text)
    await store.insert(conversationId, direction, clientId, text)
    send(from, { type: 'ack', clientId, conversationId, id: '', seq: 0 })
    send(to(), { type: 'event', conversationId, event: { conversationId, seq: 0, type: 'message', direction, text, clientId } })
  }
  const failed = (ws: WebSocket) => () => send(ws, { type: 'error', code: 'internal', message: 'insert failed' })

  wss.on('connection', (ws, req) => {
    if (req.url === '/ws/staff') {
      consoleSocket = ws
      send(ws, { type: 'welcome', consultant: { id: '', name: 'bench', role: 'admin' } })
      ws.on('message', (data) => {
        const f = parse(data)
        if (f?.type === 'subscribe') return send(ws, { type: 'synced', conversationId: f.conversationId, lastSeq: 0 })
        if (f?.type === 'send' && typeof f.conversationId === 'string') {
          const conversationId = f.conversationId
          relay(ws, () => visitors.get(conversationId), 'out', conversationId, f).catch(failed(ws))
        }
      })
      return
    }
    const mine = new Set<string>()
    ws.on('message', (data) => {
      const f = parse(data)
      if (f?.type === 'hello') return send(ws, { type: 'welcome', visitorToken: randomBytes(24).toString('base64url'), conversations: [] })
      if (f?.type === 'send') {
        const conversationId = typeof f.conversationId === 'string' ? f.conversationId : randomUUID()
        if (!mine.has(conversationId)) {
          mine.add(conversationId)
          visitors.set(conversationId, ws)
        }
        relay(ws, () => consoleSocket, 'in', conversationId, f).catch(failed(ws))
      }
    })
    ws.on('close', () => {
      for (const id of mine) visitors.delete(id)
    })
  })

  return {
    port: (wss.address() as AddressInfo).port,
    dbKind: store.kind,
    async close() {
      for (const ws of wss.clients) ws.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await store.close()
    },
  }
})
