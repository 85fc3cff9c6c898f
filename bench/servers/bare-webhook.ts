// Child process: the Messenger ingest baseline. A plain node:http server that, per webhook POST, checks
// X-Hub-Signature-256 (HMAC-SHA256 of the raw body, constant-time compare) as the connector does, takes each
// entry's messaging[].message, writes them with one bare multi-row INSERT (or, with BENCH_BARE_WEBHOOK_INSERTS=each,
// one INSERT per message, in order) and answers 200 EVENT_RECEIVED once the insert has returned.
// No transaction, no contact or conversation, no idempotency, no routing. PostgreSQL only (postgres.js, pool of 10).
import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import postgres from 'postgres'
import { BENCH_MESSENGER } from '../messenger-webhook.ts'
import { serveParent } from './server-ipc.ts'

const SCHEMA = `create table if not exists webhook_messages (
  id bigserial primary key,
  psid text not null,
  mid text not null,
  text text not null,
  sent_at timestamptz not null,
  created_at timestamptz not null default now()
)`

type Row = { psid: string; mid: string; text: string; sent_at: Date }
type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

function rowsOf(body: unknown): Row[] | null {
  if (!isObj(body) || body.object !== 'page' || !Array.isArray(body.entry)) return null
  const rows: Row[] = []
  for (const entry of body.entry) {
    if (!isObj(entry) || !Array.isArray(entry.messaging)) continue
    for (const e of entry.messaging) {
      if (!isObj(e) || !isObj(e.sender) || !isObj(e.message)) continue
      const { mid, text } = e.message
      if (typeof mid !== 'string' || typeof text !== 'string') continue
      rows.push({ psid: String(e.sender.id), mid, text, sent_at: new Date(Number(e.timestamp)) })
    }
  }
  return rows
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

const answer = (res: ServerResponse, status: number, text: string) => {
  res.writeHead(status, { 'content-type': 'text/plain' })
  res.end(text)
}

await serveParent(async () => {
  const url = process.env.BENCH_SERVER_DATABASE_URL
  if (!url) throw new Error('bare-webhook needs a PostgreSQL database')
  const each = process.env.BENCH_BARE_WEBHOOK_INSERTS === 'each'
  // The same pool size as the hub's postgres.js client.
  const sql = postgres(url, { max: 10, onnotice: () => {} })
  await sql.unsafe(SCHEMA)
  const insert = async (rows: Row[]) => {
    if (rows.length === 0) return
    if (each) for (const r of rows) await sql`insert into webhook_messages ${sql(r, 'psid', 'mid', 'text', 'sent_at')}`
    else await sql`insert into webhook_messages ${sql(rows, 'psid', 'mid', 'text', 'sent_at')}`
  }
  const secret = BENCH_MESSENGER.appSecret

  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/connectors/messenger') return answer(res, 404, 'not found')
    const match = /^sha256=([0-9a-fA-F]{64})$/.exec(String(req.headers['x-hub-signature-256'] ?? ''))
    if (!match) return answer(res, 401, 'unauthorized')
    readBody(req)
      .then(async (raw) => {
        const expected = createHmac('sha256', secret).update(raw).digest()
        if (!timingSafeEqual(Buffer.from(match[1] as string, 'hex'), expected)) return answer(res, 401, 'unauthorized')
        let rows: Row[] | null
        try {
          rows = rowsOf(JSON.parse(raw.toString('utf8')))
        } catch {
          return answer(res, 400, 'bad json')
        }
        if (rows === null) return answer(res, 400, 'not a page webhook')
        await insert(rows)
        answer(res, 200, 'EVENT_RECEIVED')
      })
      .catch(() => answer(res, 500, 'insert failed'))
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
    server.listen(0, '127.0.0.1')
  })
  return {
    port: (server.address() as AddressInfo).port,
    dbKind: 'postgres',
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await sql.end({ timeout: 5 })
    },
  }
})
