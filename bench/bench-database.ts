// A fresh database per benchmarked server: `inbox_bench_<random>` on PostgreSQL (dropped afterwards), or none for in-memory PGlite.
import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { onAbort } from './cleanup.ts'

export type DatabaseKind = 'pglite' | 'postgres'

export interface BenchDatabase {
  kind: DatabaseKind
  /** The URL the server should use; undefined means the server opens its own in-memory PGlite. */
  url: string | undefined
  drop(): Promise<void>
}

/** The admin URL the bench creates its databases through; unset means PGlite. */
export function benchAdminUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || undefined
}

export async function createBenchDatabase(adminUrl: string | undefined): Promise<BenchDatabase> {
  if (!adminUrl) return { kind: 'pglite', url: undefined, drop: async () => {} }
  const name = `inbox_bench_${randomBytes(6).toString('hex')}`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  let dropped = false
  const drop = async () => {
    if (dropped) return
    dropped = true
    try {
      await admin.unsafe(`drop database if exists ${name} with (force)`)
    } finally {
      await admin.end({ timeout: 5 })
    }
  }
  try {
    await admin.unsafe(`create database ${name}`)
  } catch (err) {
    await admin.end({ timeout: 5 })
    throw err
  }
  const forget = onAbort({ async: drop })
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    kind: 'postgres',
    url: url.toString(),
    async drop() {
      forget()
      await drop()
    },
  }
}

/** The server's version string, for the machine description. */
export async function postgresVersion(adminUrl: string): Promise<string> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} })
  try {
    const [r] = await sql<{ server_version: string }[]>`show server_version`
    return r?.server_version ?? 'unknown'
  } finally {
    await sql.end({ timeout: 5 })
  }
}
